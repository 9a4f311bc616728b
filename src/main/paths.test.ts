import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFlag, ensureDataDir, resolveDataDir } from './paths';
import { tempDir } from './testing/harness';

const linux = { platform: 'linux' as const, home: '/home/anna', cwd: '/work' };
const windows = { platform: 'win32' as const, home: 'C:\\Users\\Anna', cwd: 'C:\\work' };

describe('the data folder rule (cli, web mode, Electron main, npm start)', () => {
  it('takes --data first, then PLANORA_DATA, then the platform default', () => {
    const env = { PLANORA_DATA: '/srv/planora-env', XDG_DATA_HOME: '/home/anna/xdg' };
    expect(resolveDataDir({ ...linux, flag: 'here', env })).toBe('/work/here');
    expect(resolveDataDir({ ...linux, flag: '/abs/data', env })).toBe('/abs/data');
    expect(resolveDataDir({ ...linux, env })).toBe('/srv/planora-env');
    expect(resolveDataDir({ ...linux, env: { XDG_DATA_HOME: '/home/anna/xdg' } })).toBe('/home/anna/xdg/planora');
    expect(resolveDataDir({ ...linux, platform: 'darwin', env: {} })).toBe('/home/anna/Library/Application Support/Planora');
  });

  it('ignores an empty or relative XDG_DATA_HOME and an empty --data, as the XDG spec says', () => {
    // An empty XDG_DATA_HOME once put the data folder into the working folder.
    for (const XDG_DATA_HOME of ['', 'relative/share', undefined]) expect(resolveDataDir({ ...linux, env: { XDG_DATA_HOME } })).toBe('/home/anna/.local/share/planora');
    expect(resolveDataDir({ ...linux, flag: '', env: { PLANORA_DATA: ' ' } })).toBe('/home/anna/.local/share/planora');
  });

  it('uses %APPDATA%\\Planora on Windows, the folder the desktop app and its web fallback share', () => {
    expect(resolveDataDir({ ...windows, env: { APPDATA: 'C:\\Users\\Anna\\AppData\\Roaming' } })).toBe('C:\\Users\\Anna\\AppData\\Roaming\\Planora');
    expect(resolveDataDir({ ...windows, env: {} })).toBe('C:\\Users\\Anna\\AppData\\Roaming\\Planora');
    expect(resolveDataDir({ ...windows, flag: 'D:\\Planora', env: { PLANORA_DATA: 'E:\\x' } })).toBe('D:\\Planora');
    expect(resolveDataDir({ ...windows, flag: 'data', env: {} })).toBe('C:\\work\\data');
  });

  it('reads --data from an argument list with other switches in it', () => {
    expect(dataFlag(['/opt/Planora/planora.exe', '--demo', '--data', 'D:\\x', '--no-sandbox'])).toBe('D:\\x');
    expect(dataFlag(['electron', '.', '--data=/srv/p'])).toBe('/srv/p');
    expect(dataFlag(['electron', '.', '--demo'])).toBeUndefined();
    expect(dataFlag(['electron', '--data'])).toBeUndefined();
  });

  it('makes the folder and its missing parents, owner-only', () => {
    const root = tempDir();
    try {
      const dir = path.join(root, 'a', 'b', 'planora');
      expect(ensureDataDir(dir)).toBe(dir);
      expect(fs.statSync(dir).isDirectory()).toBe(true);
      if (process.platform !== 'win32') expect(fs.statSync(dir).mode & 0o077).toBe(0);
      // Again on an existing folder: nothing to do, no error.
      expect(ensureDataDir(dir)).toBe(dir);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
