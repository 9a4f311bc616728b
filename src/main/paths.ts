import os from 'node:os';
import path from 'node:path';

/** Where a clerk's data lives when nothing else is said: AppData on Windows, XDG data home elsewhere. */
export function defaultDataDir(): string {
  if (process.env.PLANORA_DATA) return path.resolve(process.env.PLANORA_DATA);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Planora');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Planora');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'planora');
}
