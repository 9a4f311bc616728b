import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
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

class StaticProvider implements MigrationProvider {
  constructor(private readonly all: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.all;
  }
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

/** Runs pending migrations one by one, each in its own transaction; stops at the first failure. */
export async function migrateAll(db: Db, all: Record<string, Migration>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(all) });
  const done: string[] = [];
  for (;;) {
    const { error, results } = await migrator.migrateUp();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    const step = results?.[0];
    if (!step) return done;
    done.push(step.migrationName);
  }
}
