import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { DB } from './schema';
import { sortKey } from '../../shared/rules/text';

export type Sqlite = Database.Database;
export type Db = Kysely<DB>;

let nativeBinding: string | undefined;

/**
 * Set once, before the first open, by the Electron core host (see native-binding.ts for where the Electron build
 * lives); plain Node never calls it and keeps better-sqlite3's own lookup of the Node build.
 */
export function useNativeBinding(file: string | undefined): void {
  nativeBinding = file;
}

/** Opens the file with WAL and synchronous=FULL: an acknowledged save survives a power cut. */
export function openSqlite(file: string, opts: { readonly?: boolean } = {}): Sqlite {
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
  sqlite.pragma('busy_timeout = 10000');
  if (!opts.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  // The grid sorts text columns by this key on every connection, as the memory index does.
  sqlite.function('sort_key', { deterministic: true }, (v: unknown) => (v == null ? null : sortKey(String(v))));
  return sqlite;
}

const under = new WeakMap<Db, Sqlite>();

export function kyselyOver(sqlite: Sqlite): Db {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  under.set(db, sqlite);
  return db;
}

/**
 * The connection a Kysely of `kyselyOver` runs on (null for any other, such as one bound by `connection()`): for the
 * few hot reads worth a statement prepared once, run in the caller's own transaction.
 */
export function sqliteUnder(db: Db): Sqlite | null {
  return under.get(db) ?? null;
}

/**
 * Runs `fn` holding the one connection. Calls, jobs and the index loader all take turns here (Kysely's
 * connection lock), so nothing runs on the connection while another's transaction is open on it.
 */
export function withConnection<T>(db: Db, fn: (conn: Db) => Promise<T> | T): Promise<T> {
  return db.connection().execute(async (conn) => fn(conn));
}

/** A short write transaction (BEGIN IMMEDIATE, like the dispatcher's writes), for work that opens its own. */
export function inWriteTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return withConnection(db, async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const out = await fn(conn);
      await sql`commit`.execute(conn);
      return out;
    } catch (e) {
      // SQLite may already have rolled back (a full disk): the first error is the one to report.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw e;
    }
  });
}
