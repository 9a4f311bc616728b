import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What the data-folder rule reads; the process's own values in every host, others in tests. */
export interface DataDirInputs {
  /** `--data DIR` on the command line, when given. */
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
  cwd: string;
}

/**
 * The one rule for the data folder, used by the command line, web mode, the Electron main process and `npm start`:
 * `--data DIR`, else PLANORA_DATA, else AppData on Windows, Application Support on macOS, the XDG data home elsewhere.
 * The desktop app and its web-mode fallback must open the same database, so no host chooses on its own.
 */
export function resolveDataDir(i: DataDirInputs): string {
  const p = i.platform === 'win32' ? path.win32 : path.posix;
  const chosen = nonEmpty(i.flag) ?? nonEmpty(i.env.PLANORA_DATA);
  if (chosen) return p.resolve(i.cwd, chosen);
  if (i.platform === 'win32') return p.join(absolute(p, i.env.APPDATA) ?? p.join(i.home, 'AppData', 'Roaming'), 'Planora');
  if (i.platform === 'darwin') return p.join(i.home, 'Library', 'Application Support', 'Planora');
  // The XDG spec: an unset, empty or relative XDG_DATA_HOME is ignored (an empty one once put the data in the working folder).
  return p.join(absolute(p, i.env.XDG_DATA_HOME) ?? p.join(i.home, '.local', 'share'), 'planora');
}

const nonEmpty = (v: string | undefined) => (v && v.trim() ? v : undefined);
const absolute = (p: path.PlatformPath, v: string | undefined) => (v && p.isAbsolute(v) ? v : undefined);

/** `--data DIR` or `--data=DIR` in an argument list (Electron's argv has its own switches mixed in). */
export function dataFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data' && i + 1 < argv.length) found = argv[++i];
    else if (a.startsWith('--data=')) found = a.slice('--data='.length);
  }
  return found;
}

/** The data folder of this process, by the rule above. */
export function dataDirOf(argvFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDir({ flag: argvFlag, env, platform: process.platform, home: os.homedir(), cwd: process.cwd() });
}

/**
 * Makes the data folder and its parents before anything is written there (a fresh machine has none of them).
 * Owner-only where the OS has modes: it holds the database and the secrets key.
 */
export function ensureDataDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
