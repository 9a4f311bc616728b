import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileClock, isLoopback, parseOffset } from './testClock';

describe('the hub’s test clock', () => {
  it('is real time plus the file’s milliseconds, read again when the file changes; a bad file keeps the last offset', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-test-clock-'));
    const file = path.join(dir, 'offset');
    let real = 1_000_000;
    const warnings: string[] = [];
    const clock = fileClock(file, { real: () => real, checkMs: 10, warn: (m) => warnings.push(m) });
    // No file yet: real time.
    expect(clock.now()).toBe(1_000_000);
    fs.writeFileSync(file, '180000\n');
    // Looked at again only after checkMs.
    expect(clock.now()).toBe(1_000_000);
    real += 10;
    expect(clock.now()).toBe(1_000_010 + 180_000);
    fs.writeFileSync(file, '-60000');
    real += 10;
    expect(clock.now()).toBe(1_000_020 - 60_000);
    fs.writeFileSync(file, 'three minutes');
    real += 10;
    expect(clock.now()).toBe(1_000_030 - 60_000);
    expect(warnings).toHaveLength(1);
    fs.rmSync(file);
    real += 10;
    expect(clock.offset()).toBe(0);
  });

  it('reads whole milliseconds only, and knows loopback hosts', () => {
    expect([parseOffset(null), parseOffset(''), parseOffset(' 42 '), parseOffset('-7'), parseOffset('1.5'), parseOffset('1e6'), parseOffset('0x10')]).toEqual([0, 0, 42, -7, null, null, null]);
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].map(isLoopback)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5', 'hub.example', '127.0.0.1.example'].map(isLoopback)).toEqual([false, false, false, false, false]);
  });

  it('is refused by `serve` on any host but loopback, before anything is opened', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-test-clock-cli-'));
    for (const flag of [['--test-clock-file', path.join(dir, 'offset')], ['--escalate-every-ms', '500']]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/hub/cli.ts', 'serve', '--sqlite', path.join(dir, 'hub.db'), '--host', '0.0.0.0', '--port', '0', ...flag], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/only a hub listening on loopback/);
    }
    expect(fs.existsSync(path.join(dir, 'hub.db'))).toBe(false);
  }, 120_000);
});
