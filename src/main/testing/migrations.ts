import path from 'node:path';
import { migrations } from '../../../migrations/index';
import { kyselyOver, openSqlite, type Db, type Sqlite } from '../db/connection';
import { migrateAll } from '../db/migrate';
import { tempDir } from './harness';

export interface MigratedDb {
  sqlite: Sqlite;
  db: Db;
  file: string;
  close(): Promise<void>;
}

/** A fresh database file migrated up to and including `last`, and no further: how each migration's test starts. */
export async function migratedUpTo(last: string): Promise<MigratedDb> {
  if (!(last in migrations)) throw new Error(`unknown migration ${last}`);
  const names = Object.keys(migrations)
    .sort()
    .filter((n) => n <= last);
  const file = path.join(tempDir('planora-migration-'), 'planora.db');
  const sqlite = openSqlite(file);
  const db = kyselyOver(sqlite);
  const done = await migrateAll(db, Object.fromEntries(names.map((n) => [n, migrations[n]!])));
  if (done.join() !== names.join()) throw new Error(`migrated ${done.join()} instead of ${names.join()}`);
  return { sqlite, db, file, close: () => db.destroy() };
}

/** Names of the schema objects of one kind (table, index, trigger, view), internal ones left out. */
export function schemaNames(sqlite: Sqlite, type: 'table' | 'index' | 'trigger' | 'view'): string[] {
  return sqlite
    .prepare(`select name from sqlite_master where type = ? and name not like 'sqlite_%' and name not like 'kysely_%' order by name`)
    .pluck()
    .all(type) as string[];
}

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

export function columns(sqlite: Sqlite, table: string): ColumnInfo[] {
  return sqlite.pragma(`table_info(${table})`) as ColumnInfo[];
}

/** The query plan's detail lines, to prove a query is answered from an index. */
export function plan(sqlite: Sqlite, query: string, ...params: unknown[]): string {
  return (sqlite.prepare(`explain query plan ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}
