import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness';
import { openSqlite, useNativeBinding } from './connection';
import { BINDING_FILE, chooseNativeBinding, electronBindingDir, resourcesOf } from './native-binding';

const base = { platform: 'win32', arch: 'x64', repoRoot: 'C:\\src\\planora' };

afterEach(() => useNativeBinding(undefined));

describe('choosing the SQLite native module (Node build or Electron build)', () => {
  it('leaves plain Node to better-sqlite3 itself', () => {
    expect(chooseNativeBinding({ ...base, electron: undefined, modulePath: 'C:\\src\\planora\\dist\\main\\cli.js' })).toBeUndefined();
  });

  it('takes the Electron build beside the Node one when run from the repository', () => {
    expect(chooseNativeBinding({ ...base, electron: '45.3.4', modulePath: 'C:\\src\\planora\\dist\\main\\electron\\core-host.js' })).toBe(
      'C:\\src\\planora\\build\\native\\electron-win32-x64\\better_sqlite3.node',
    );
    expect(chooseNativeBinding({ electron: '45.3.4', platform: 'linux', arch: 'x64', repoRoot: '/w/planora', modulePath: '/w/planora/dist/main/electron/core-host.js' })).toBe(
      '/w/planora/build/native/electron-linux-x64/better_sqlite3.node',
    );
  });

  it('takes resources/native once packaged, found from the program path inside app.asar', () => {
    const modulePath = 'C:\\Users\\Anna\\AppData\\Local\\Programs\\Planora\\resources\\app.asar\\dist\\main\\electron\\core-host.js';
    expect(resourcesOf(modulePath)).toBe('C:\\Users\\Anna\\AppData\\Local\\Programs\\Planora\\resources');
    expect(chooseNativeBinding({ ...base, electron: '45.3.4', modulePath })).toBe('C:\\Users\\Anna\\AppData\\Local\\Programs\\Planora\\resources\\native\\better_sqlite3.node');
    expect(resourcesOf('/w/planora/dist/main/electron/core-host.js')).toBeNull();
  });

  it('opens databases through the chosen binding file, wherever it lies', () => {
    // A stand-in for the Electron build (which this Node cannot load): the Node build copied to the Electron place.
    const root = tempDir();
    try {
      const nodeBuild = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', BINDING_FILE);
      const dir = electronBindingDir(root, process.platform, process.arch);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(nodeBuild, path.join(dir, BINDING_FILE));
      useNativeBinding(path.join(dir, BINDING_FILE));
      const db = openSqlite(path.join(root, 'x.db'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      // A missing binding is an error at open, not a silent fall back to the Node build.
      useNativeBinding(path.join(root, 'nowhere', BINDING_FILE));
      expect(() => openSqlite(path.join(root, 'y.db'))).toThrow(/Cannot find module|nowhere/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
