import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type Sqlite = Database.Database;
export type Db = Kysely<DB>;

/** Opens the file with WAL and synchronous=FULL: an acknowledged save survives a power cut. */
export function openSqlite(file: string, opts: { readonly?: boolean } = {}): Sqlite {
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  sqlite.pragma('busy_timeout = 10000');
  if (!opts.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
  }
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

export function kyselyOver(sqlite: Sqlite): Db {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}
