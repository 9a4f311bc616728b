import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import Database from 'better-sqlite3';
import { withConnection } from '../db/connection';
import { setupOrg, startTestApp, type TestApp } from '../testing/harness';
import { checkpointJob, guarded } from './scheduler';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  if (app) fs.rmSync(app.dir, { recursive: true, force: true });
  app = undefined;
});

type Line = { msg: string; err: unknown };

async function started() {
  const lines: Line[] = [];
  app = await startTestApp();
  const owner = await setupOrg(app);
  const log = (msg: string, err?: unknown) => lines.push({ msg, err });
  const checkpoint = guarded('checkpoint', () => checkpointJob({ db: app!.core.db, sqlite: app!.core.sqlite, log }), log);
  return { lines, owner, checkpoint, wal: `${app.core.config.dbFile}-wal` };
}

describe('jobs and the connection', () => {
  it('a checkpoint run while a write transaction is open waits for it, then empties the log, with nothing logged', async () => {
    const { lines, owner, checkpoint, wal } = await started();
    await app!.call(owner, 'clients.create', { kind: 'person', name: 'Before Checkpoint', phones: [], emails: [], addresses: [], contacts: [] });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A call's transaction, half-way: it has written and waits (as a handler awaiting a hash or a file would).
    const open = withConnection(app!.core.db, async (conn) => {
      await sql`begin immediate`.execute(conn);
      await sql`update org set name = name`.execute(conn);
      await gate;
      await sql`commit`.execute(conn);
    });
    let done = false;
    let run: Promise<unknown> = Promise.resolve();
    try {
      await new Promise((r) => setTimeout(r, 20));
      // What the job did before: the pragma straight on the connection, inside that transaction.
      expect(() => app!.core.sqlite.pragma('wal_checkpoint(TRUNCATE)')).toThrow(/locked/);
      run = checkpoint().then(() => (done = true));
      await new Promise((r) => setTimeout(r, 100));
      expect(done).toBe(false);
    } finally {
      release();
      await open;
    }
    await run;
    expect(done).toBe(true);
    expect(lines).toEqual([]);
    expect(fs.statSync(wal).size).toBe(0);
  });

  it('another connection reading the file (as the command line would) postpones the checkpoint with one line, without waiting and without a stack', async () => {
    const { lines, owner, checkpoint } = await started();
    await app!.call(owner, 'clients.create', { kind: 'person', name: 'Reader Holds', phones: [], emails: [], addresses: [], contacts: [] });
    const other = new Database(app!.core.config.dbFile, { readonly: true });
    try {
      other.exec('begin');
      other.prepare('select count(*) from client').get();
      const start = performance.now();
      await checkpoint();
      expect(performance.now() - start).toBeLessThan(1000);
    } finally {
      other.exec('commit');
      other.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(/^checkpoint postponed: /);
    expect(lines[0]!.err).toBeUndefined();
    // A call still answers afterwards: the busy timeout was given back.
    expect(await app!.call(owner, 'clients.list', {})).toMatchObject({ total: 1 });
  });

  it('a busy database is one line in the log; anything else keeps its stack', async () => {
    const lines: Line[] = [];
    const log = (msg: string, err?: unknown) => lines.push({ msg, err });
    await guarded('backup', () => Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })), log)();
    await guarded('backup', () => Promise.reject(new Error('disk on fire')), log)();
    expect(lines[0]).toEqual({ msg: 'job backup postponed: the database is busy (SQLITE_BUSY)', err: undefined });
    expect(lines[1]!.msg).toBe('job backup failed');
    expect((lines[1]!.err as Error).stack).toContain('disk on fire');
  });
});
