import path from 'node:path';

/**
 * better-sqlite3 is native code, built for one ABI. Plain Node (tests, web mode, `npm run db`) loads the build npm
 * made in node_modules; Electron 45 needs a build for its own ABI, which is kept BESIDE it, never over it:
 * - from the repository (`npm start`): build/native/electron-<platform>-<arch>/better_sqlite3.node, made by
 *   scripts/electron-native.mjs (a prebuilt binary for the Electron runtime, else compiled with Electron's headers);
 * - packaged: resources/native/better_sqlite3.node, copied there by electron-builder (extraResources), outside app.asar.
 */

export const BINDING_FILE = 'better_sqlite3.node';
/** Written beside the binary: which Electron it was made for, so an Electron upgrade makes a new one. */
export const BINDING_STAMP = 'electron.json';

const flavour = (platform: string) => (platform === 'win32' ? path.win32 : path.posix);

/** `p`: the path rules of the machine the folder is on (this one, unless a test describes another). */
export function electronBindingDir(repoRoot: string, platform: string, arch: string, p: path.PlatformPath = path): string {
  return p.join(repoRoot, 'build', 'native', `electron-${platform}-${arch}`);
}

export interface BindingInputs {
  /** process.versions.electron: undefined in plain Node. */
  electron: string | undefined;
  platform: string;
  arch: string;
  /** The running program's own file: inside resources/app.asar once packaged. */
  modulePath: string;
  /** The repository (the folder with package.json) when run from a checkout. */
  repoRoot: string;
}

/** The `nativeBinding` to give better-sqlite3: undefined (its own lookup, the Node build) unless this is Electron. */
export function chooseNativeBinding(i: BindingInputs): string | undefined {
  if (!i.electron) return undefined;
  const resources = resourcesOf(i.modulePath);
  const p = flavour(i.platform);
  if (resources !== null) return p.join(resources, 'native', BINDING_FILE);
  return p.join(electronBindingDir(i.repoRoot, i.platform, i.arch, p), BINDING_FILE);
}

/**
 * The resources folder of a packaged app (electron-builder puts the program in resources/app.asar), from the program's
 * own path, so the utility process needs nothing from main to find it; null when run from a checkout (dist/).
 */
export function resourcesOf(modulePath: string): string | null {
  const m = /^(.*)[\\/]app\.asar(?:\.unpacked)?[\\/]/.exec(modulePath);
  return m ? m[1]! : null;
}
