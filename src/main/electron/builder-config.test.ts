import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDING_FILE, chooseNativeBinding, electronBindingDir } from '../db/native-binding';
import { promptsDirFrom } from '../telephony/prompts/dir';
import { REPO_ROOT } from '../testing/processes';
import pkg from '../../../package.json' with { type: 'json' };

/**
 * The Windows package as electron-builder will make it, read through electron-builder's own loader and schema check
 * (the packaging itself needs the Electron binary and Windows; see .github/workflows/desktop-windows.yml).
 */
const require = createRequire(import.meta.url);

interface FileSet {
  from: string;
  to: string;
}
interface BuilderConfig {
  files: { filter: string[] }[];
  extraResources: (FileSet & { filter: string[] })[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource?: boolean;
  electronFuses: Record<string, boolean>;
  win: { extraResources: FileSet[]; target: { target: string; arch: string[] }[] };
  nsis: { perMachine: boolean; deleteAppDataOnUninstall: boolean };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(dir: string, file: string | null, over: null): Promise<unknown>;
    validateConfiguration(c: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(REPO_ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false)); // throws on anything electron-builder would refuse
  return config as BuilderConfig;
}

/** A pattern expanded as electron-builder does for a Windows x64 build on Windows. */
function expandForWindows(pattern: string): string {
  const { expandMacro } = require('app-builder-lib/out/util/macroExpander.js') as { expandMacro(p: string, arch: string, appInfo: object, extra: object): string };
  return expandMacro(pattern, 'x64', { productName: 'Planora' }, { os: 'win' });
}

describe('electron-builder.yml (the Windows installer)', () => {
  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookies encrypted; app.asar checked and the only source', async () => {
    const c = await loadConfig();
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Integrity validation covers app.asar only: the app must be in one.
    expect(c.asar).toBe(true);
  });

  it('never rebuilds the repository’s better-sqlite3, and ships the Electron build where the packaged core loads it', async () => {
    const c = await loadConfig();
    expect(c.npmRebuild).toBe(false);
    expect(c.buildDependenciesFromSource).toBeUndefined();
    const [sqlite] = c.win.extraResources;
    // From where scripts/prepare-desktop.mjs leaves it...
    const checkout = 'C:\\src\\planora';
    expect(path.win32.join(checkout, expandForWindows(sqlite!.from))).toBe(path.win32.join(electronBindingDir(checkout, 'win32', 'x64', path.win32), BINDING_FILE));
    // ...to where chooseNativeBinding looks once packaged (resources/native, outside app.asar).
    const resources = 'C:\\Users\\Anna\\AppData\\Local\\Programs\\Planora\\resources';
    const packaged = chooseNativeBinding({ electron: '45.3.4', platform: 'win32', arch: 'x64', repoRoot: 'unused', modulePath: `${resources}\\app.asar\\dist\\main\\electron\\core-host.js` });
    expect(packaged).toBe(path.win32.join(resources, ...sqlite!.to.split('/')));
    // `npm run dist:win` prepares it before electron-builder runs.
    expect(pkg.scripts['dist:win']).toMatch(/prepare-desktop\.mjs --platform win32 --arch x64 && electron-builder --win --x64/);
  });

  it('packs the built program, no source maps, and of better-sqlite3 only its JavaScript', async () => {
    const c = await loadConfig();
    const filter = c.files.flatMap((f) => f.filter);
    expect(filter).toEqual(expect.arrayContaining(['dist/**/*', '!dist/**/*.map', 'package.json', '!node_modules/better-sqlite3/{build,deps,src}/**']));
    expect(filter.some((p) => /^src\b|^e2e\b|^bench\b/.test(p))).toBe(false);
    // Native files a dependency may carry stay on disk beside app.asar.
    expect(c.asarUnpack).toContain('**/*.node');
  });

  it('installs per user for Windows x64 and keeps the data at uninstall', async () => {
    const c = await loadConfig();
    expect(c.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(c.nsis).toMatchObject({ perMachine: false, deleteAppDataOnUninstall: false });
  });

  it('ships the reminder calls’ clips outside app.asar, where the packaged core looks for them', async () => {
    const c = await loadConfig();
    const [prompts] = c.extraResources;
    expect(prompts).toMatchObject({ from: 'resources/prompts', to: 'prompts' });
    expect(c.files.flatMap((f) => f.filter)).toContain('!resources/prompts/**');
    const resources = 'C:\\Users\\Anna\\AppData\\Local\\Programs\\Planora\\resources';
    const found = promptsDirFrom(`${resources}\\app.asar\\dist\\main\\chunks\\core-1.js`, () => false);
    expect(found.replaceAll('\\', '/')).toBe(`${resources.replaceAll('\\', '/')}/${prompts!.to}`);
  });
});
