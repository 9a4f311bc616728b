import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness';
import { checkpointWal } from './backup';
import { openSqlite, type Sqlite } from './connection';
import { ReaderPool } from './readers';

let dir = '';
let writer: Sqlite | null = null;
let pool: ReaderPool | null = null;

afterEach(async () => {
  await pool?.close();
  writer?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  pool = null;
  writer = null;
});

function open(): { writer: Sqlite; pool: ReaderPool; file: string } {
  dir = tempDir('planora-readers-');
  const file = path.join(dir, 'readers.db');
  writer = openSqlite(file);
  writer.exec('create table t (n integer)');
  writer.prepare('insert into t values (1)').run();
  pool = new ReaderPool(file, 2);
  return { writer, pool, file };
}

const count = async (db: Parameters<Parameters<ReaderPool['read']>[0]>[0]) => Number((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n);

describe('read-only connections beside the writer', () => {
  it('a read keeps its snapshot while a write commits beside it; the next read sees the write', async () => {
    const { writer, pool } = open();
    const seen = await pool.read(async (db) => {
      const before = await count(db);
      // Not held up by the open read transaction, and not seen by it.
      writer.prepare('insert into t values (2)').run();
      return [before, await count(db)];
    });
    expect(seen).toEqual([1, 1]);
    expect(await pool.read(count)).toBe(2);
  });

  it('refuses to write', async () => {
    const { pool } = open();
    await expect(pool.read((db) => sql`insert into t values (3)`.execute(db))).rejects.toThrow(/readonly/);
    expect(await pool.read(count)).toBe(1);
  });

  it('holds no snapshot once a call ends, so the checkpoint empties the log; one held postpones it without waiting', async () => {
    const { writer, pool, file } = open();
    let during = true;
    await pool.read(async (db) => {
      await count(db);
      writer.prepare('insert into t values (2)').run();
      const t0 = Date.now();
      during = checkpointWal(writer);
      expect(Date.now() - t0).toBeLessThan(1000);
    });
    expect(during).toBe(false);
    expect(checkpointWal(writer)).toBe(true);
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
  });

  it('beyond its size, calls wait their turn; close waits for the reads under way', async () => {
    const { pool } = open();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const slow = [1, 2].map((k) => pool.read(async (db) => (await count(db), await gate, order.push(`slow ${k}`))));
    const third = pool.read(async (db) => (await count(db), order.push('third')));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    const closing = pool.close();
    release();
    await Promise.all([...slow, third, closing]);
    expect(order).toEqual(['slow 1', 'slow 2', 'third']);
    await expect(pool.read(count)).rejects.toThrow(/closing/);
  });
});
