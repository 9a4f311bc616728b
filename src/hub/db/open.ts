import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator, NO_MIGRATIONS, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { hubMigrations, type Engine } from './migrations';
import type { HubDB } from './schema';

export type HubDb = Kysely<HubDB>;

/** Where the hub keeps its data: `postgres://…` (several hub processes may share it) or a SQLite file (one process). */
export type HubStorage = { pg: string; poolSize?: number } | { sqlite: string };

export interface OpenedHubDb {
  engine: Engine;
  db: HubDb;
  /** PostgreSQL only: the pool, for the LISTEN connection's settings. */
  pgUrl: string | null;
  close(): Promise<void>;
}

// bigint (int8) arrives as text from pg by default; every bigint here is a seq or epoch ms, far below 2^53.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function pgClientConfig(url: string): pg.ClientConfig {
  return { connectionString: url, types: pgTypes };
}

export function openHubDb(storage: HubStorage): OpenedHubDb {
  if ('pg' in storage) {
    const pool = new pg.Pool({ ...pgClientConfig(storage.pg), max: storage.poolSize ?? 10 });
    // An idle client that loses its server (a restart, a failover) is dropped from the pool, not thrown at us.
    pool.on('error', () => undefined);
    const db = new Kysely<HubDB>({ dialect: new PostgresDialect({ pool }) });
    return { engine: 'pg', db, pgUrl: storage.pg, close: () => db.destroy() };
  }
  const sqlite = new Database(storage.sqlite);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<HubDB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { engine: 'sqlite', db, pgUrl: null, close: () => db.destroy() };
}

function provider(engine: Engine): MigrationProvider {
  return { getMigrations: () => Promise.resolve(hubMigrations(engine)) };
}

/** Brings the hub's tables up to date (several processes starting at once on PostgreSQL take turns on Kysely's lock). */
export async function migrateHub(opened: Pick<OpenedHubDb, 'engine' | 'db'>): Promise<void> {
  const migrator = new Migrator({ db: opened.db, provider: provider(opened.engine) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Undoes every hub migration (tests prove each one can be taken back on both engines). */
export async function unmigrateHub(opened: Pick<OpenedHubDb, 'engine' | 'db'>): Promise<void> {
  const migrator = new Migrator({ db: opened.db, provider: provider(opened.engine) });
  const { error } = await migrator.migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Whether the database answers (the readiness probe). */
export async function reachable(db: HubDb): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
