import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Db } from './connection';

export class DbFromFutureError extends Error {
  constructor(public readonly unknown: string[]) {
    super(
      `This database was written by a newer version of Planora (it has migrations ${unknown.join(', ')} that this program does not know). ` +
        'Install the newer version, or restore a backup made by this one.',
    );
    this.name = 'DbFromFutureError';
  }
}

/** Same table Kysely's Migrator keeps, so either can read the history. */
async function ensureHistory(db: Db): Promise<void> {
  await sql`create table if not exists kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(db);
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where type='table' and name='kysely_migration'`.execute(db);
  if (!exists.rows[0]?.n) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function pendingMigrations(db: Db, all: Record<string, Migration>): Promise<string[]> {
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((n) => !(n in all));
  if (unknown.length) throw new DbFromFutureError(unknown);
  return Object.keys(all)
    .sort()
    .filter((n) => !applied.includes(n));
}

/**
 * Runs pending migrations one by one, each with its history row in its own transaction: a migration that fails
 * part-way leaves nothing behind and runs again next time. (Kysely's Migrator does not open a transaction on SQLite.)
 */
export async function migrateAll(db: Db, all: Record<string, Migration>): Promise<string[]> {
  await ensureHistory(db);
  const done: string[] = [];
  for (const name of await pendingMigrations(db, all)) {
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        await all[name]!.up(conn);
        await sql`insert into kysely_migration (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(conn);
        await sql`commit`.execute(conn);
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
    done.push(name);
  }
  return done;
}
