import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_NAME, RotatingLog, formatLine, mustRotate } from './logfile';
import { tempDir } from './testing/harness';

const at = new Date('2026-12-06T06:00:00.000Z');

describe('the core log file', () => {
  it('rotates before a line would pass the limit, never leaving an empty file behind', () => {
    expect(mustRotate(0, 5_000, 1_000)).toBe(false);
    expect(mustRotate(900, 100, 1_000)).toBe(false);
    expect(mustRotate(901, 100, 1_000)).toBe(true);
  });

  it('writes time, message and the error stack indented', () => {
    expect(formatLine(at, 'core started')).toBe('2026-12-06T06:00:00.000Z core started\n');
    const err = new Error('database is locked');
    const text = formatLine(at, 'job checkpoint failed', err);
    expect(text.split('\n')[0]).toBe('2026-12-06T06:00:00.000Z job checkpoint failed');
    expect(text.split('\n')[1]).toBe('  Error: database is locked');
    expect(text.split('\n').slice(1, -1).every((l) => l.startsWith('  '))).toBe(true);
  });

  it('keeps the newest files within the limit in the data folder', () => {
    const dir = tempDir();
    try {
      const log = new RotatingLog(dir, { maxBytes: 200, keep: 2, now: () => at });
      for (let i = 0; i < 40; i++) log.write(`line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
      const files = fs.readdirSync(dir).sort();
      expect(files).toEqual([LOG_NAME, `${LOG_NAME}.1`, `${LOG_NAME}.2`]);
      for (const f of files) expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(200);
      // Newest last in the current file; the oldest lines were dropped with the oldest file.
      expect(fs.readFileSync(path.join(dir, LOG_NAME), 'utf8').trimEnd().split('\n').at(-1)).toContain('line 039');
      expect(fs.readFileSync(path.join(dir, `${LOG_NAME}.2`), 'utf8')).not.toContain('line 000');
      if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, LOG_NAME)).mode & 0o077).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('goes on when the folder cannot be written', () => {
    const dir = tempDir();
    try {
      const log = new RotatingLog(path.join(dir, 'missing', 'deeper'), { now: () => at });
      expect(() => log.write('nobody will read this')).not.toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
