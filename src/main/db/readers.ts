import { sql } from 'kysely';
import { kyselyOver, openSqlite, type Db, type Sqlite } from './connection';

/**
 * How many read-only connections at most. Each call holds one for its whole run (a long export for seconds), so a
 * few let grid pages go on beside one or two exports; beyond that calls wait their turn.
 */
export const MAX_READERS = 4;

interface Reader {
  sqlite: Sqlite;
  db: Db;
}

/**
 * Read-only connections beside the one writer. Under WAL a reader's transaction sees the database as of its first
 * read and never waits for, nor holds up, a write: a long export on a reader no longer keeps a save waiting.
 * Connections open on first need (after migrations) and stay open; each call's transaction ends with the call, so
 * no snapshot outlives it and the WAL checkpoint is only ever postponed, never starved.
 */
export class ReaderPool {
  private readonly idle: Reader[] = [];
  private readonly all: Reader[] = [];
  private readonly waiting: ((r: Reader) => void)[] = [];
  private busy = 0;
  private drained: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly max = MAX_READERS,
  ) {}

  /** Runs `fn` in a read transaction (`begin` … `commit`) on a reader of its own. */
  async read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const reader = await this.acquire();
    try {
      await sql.raw('begin').execute(reader.db);
      try {
        return await fn(reader.db);
      } finally {
        // A read transaction has nothing to keep: ending it frees its snapshot for the checkpoint.
        await sql.raw('rollback').execute(reader.db);
      }
    } finally {
      this.release(reader);
    }
  }

  /** Waits for the calls still reading, then closes every reader (before the writer's last checkpoint). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.busy > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const all = this.all.splice(0);
    this.idle.length = 0;
    for (const r of all) await r.db.destroy();
  }

  private acquire(): Promise<Reader> {
    if (this.closed) return Promise.reject(new Error('the database is closing'));
    this.busy++;
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.all.length < this.max) {
      const sqlite = openSqlite(this.file, { readonly: true });
      const reader = { sqlite, db: kyselyOver(sqlite) };
      this.all.push(reader);
      return Promise.resolve(reader);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(reader: Reader): void {
    // A waiting call was counted busy when it asked: the reader passes to it as it is.
    this.busy--;
    const next = this.waiting.shift();
    if (next) return next(reader);
    this.idle.push(reader);
    if (this.busy === 0 && this.drained) this.drained();
  }
}
