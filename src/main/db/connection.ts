import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

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

/** Opens the file with the PRAGMAs DESIGN.md asks for: an acknowledged save survives a power cut. */
export function openSqlite(file: string, opts: { readonly?: boolean } = {}): Sqlite {
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false, ...(nativeBinding ? { nativeBinding } : {}) });
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
