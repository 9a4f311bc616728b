import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BINDING_FILE, BINDING_STAMP, electronBindingDir } from './db/native-binding';
import { downloadWatchdog, prepareSqlite, preparedSqlite, progressLine, sqliteSteps, stagingDir, type Step, type Target } from './electron-prep';
import { REPO_ROOT } from './testing/processes';
import { tempDir } from './testing/harness';

const NODE_BUILD = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', BINDING_FILE);
const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

/** A checkout whose node_modules is this repository's (read only here); builds land in its own build/native. */
function checkout(electron = '45.3.4'): Target {
  const repoRoot = tempDir('planora-checkout-');
  roots.push(repoRoot);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repoRoot, 'node_modules'), 'junction');
  return { repoRoot, electron, abi: '150', platform: 'win32', arch: 'x64' };
}

/**
 * Stands in for the download and the compiler, which this machine cannot reach: a step that "succeeds" leaves a
 * binary where the real tools leave theirs (build/Release under the folder it runs in).
 */
function tools(outcomes: ('ok' | 'fail')[]) {
  const ran: Step[] = [];
  const run = async (s: Step) => {
    ran.push(s);
    if (outcomes[ran.length - 1] !== 'ok') return { code: 1, output: `gyp ERR! ${s.what} failed: getaddrinfo ENOTFOUND` };
    fs.mkdirSync(path.join(s.cwd, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(s.cwd, 'build', 'Release', BINDING_FILE), `electron build by ${s.what}`);
    return { code: 0, output: '' };
  };
  return { ran, run };
}

describe('preparing SQLite for Electron (npm start, dist:win)', () => {
  it('asks for a prebuilt Electron binary first, then compiles with Electron headers, both in a staging copy', () => {
    const t = checkout();
    const [prebuilt, compile] = sqliteSteps(t, 'node');
    expect(prebuilt!.args).toEqual([expect.stringMatching(/prebuild-install[\\/]bin\.js$/), '--runtime', 'electron', '--target', '45.3.4', '--platform', 'win32', '--arch', 'x64', '--path', stagingDir(t)]);
    expect(compile!.args).toEqual(expect.arrayContaining(['rebuild', '--target=45.3.4', '--arch=x64', '--runtime=electron', '--dist-url=https://electronjs.org/headers']));
    for (const s of [prebuilt!, compile!]) {
      expect(s.cwd).toBe(stagingDir(t));
      expect(s.cwd.startsWith(path.join(t.repoRoot, 'node_modules'))).toBe(false);
    }
  });

  it('keeps the Electron build beside the Node build, never over it, and does it once per Electron version', async () => {
    const nodeBefore = digest(NODE_BUILD);
    const t = checkout();
    const first = tools(['fail', 'ok']);
    const lines: string[] = [];
    const file = await prepareSqlite(t, (l) => lines.push(l), first.run);
    expect(file).toBe(path.join(electronBindingDir(t.repoRoot, 'win32', 'x64'), BINDING_FILE));
    expect(fs.readFileSync(file, 'utf8')).toBe("electron build by compiled with Electron's headers");
    expect(JSON.parse(fs.readFileSync(path.join(path.dirname(file), BINDING_STAMP), 'utf8'))).toEqual({ electron: '45.3.4', abi: '150', how: "compiled with Electron's headers" });
    expect(lines).toEqual(['Preparing SQLite for Electron 45.3.4 (prebuilt binary)…', "Preparing SQLite for Electron 45.3.4 (compiled with Electron's headers)…"]);
    // The Node build that vitest, web mode and `npm run db` load is the same file as before; no staging is left.
    expect(digest(NODE_BUILD)).toBe(nodeBefore);
    expect(fs.existsSync(path.dirname(stagingDir(t)))).toBe(false);

    const again = tools(['ok']);
    expect(await prepareSqlite(t, () => undefined, again.run)).toBe(file);
    expect(again.ran).toEqual([]);

    // A newer Electron (another ABI) gets its own build.
    const upgraded = { ...t, electron: '46.0.0', abi: '151' };
    expect(preparedSqlite(upgraded)).toBeNull();
    const third = tools(['ok']);
    await prepareSqlite(upgraded, () => undefined, third.run);
    expect(third.ran.map((s) => s.what)).toEqual(['prebuilt binary']);
  });

  it('says why when neither way works, and leaves nothing half made', async () => {
    const t = checkout();
    await expect(prepareSqlite(t, () => undefined, tools(['fail', 'fail']).run)).rejects.toThrow(/no SQLite build for Electron 45\.3\.4 \(prebuilt binary: .*ENOTFOUND.*; compiled with Electron's headers: .*ENOTFOUND/);
    expect(preparedSqlite(t)).toBeNull();
    expect(fs.existsSync(path.dirname(stagingDir(t)))).toBe(false);
  });
});

describe('fetching the Electron binary', () => {
  it('reports progress in words a person reads', () => {
    expect(progressLine('45.3.4', 46_200_000, 110_000_000)).toBe('Fetching Electron 45.3.4: 42 % (46 of 110 MB)');
    expect(progressLine('45.3.4', 12_000_000, null)).toBe('Fetching Electron 45.3.4: 12 MB');
  });

  it('gives up on a stalled or endless download, and says which', () => {
    let now = 0;
    const dog = downloadWatchdog({ totalMs: 600_000, stallMs: 60_000 }, () => now);
    now = 59_000;
    expect(dog.check()).toBeNull();
    dog.touch();
    now = 118_000;
    expect(dog.check()).toBeNull();
    now = 120_000;
    expect(dog.check()).toBe('nothing arrived for 60 s');
    expect(dog.signal.aborted).toBe(true);

    const slow = downloadWatchdog({ totalMs: 600_000, stallMs: 60_000 }, () => now);
    for (now = 120_000; now <= 721_000; now += 30_000) slow.touch();
    expect(slow.check()).toBe('no complete download within 10 minutes');
  });
});
