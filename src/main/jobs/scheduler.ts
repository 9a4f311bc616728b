import cron from 'node-cron';
import type { Sqlite } from '../db/connection';
import type { SessionStore } from '../auth/sessions';
import { withConnection, type Db } from '../db/connection';
import { checkpointWal } from '../db/backup';
import type { ModuleJobs } from '../api/module';

export interface Jobs {
  stop(): void;
}

export interface JobDeps {
  sqlite: Sqlite;
  sessions: SessionStore;
  backup(reason: string): Promise<string>;
  log: (msg: string, err?: unknown) => void;
  db: Db;
}

/** SQLITE_BUSY / SQLITE_LOCKED and their extended codes: another connection is using the file; the next run will do. */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** A job run that never throws: expected conditions are one line in the log, anything else the error with its stack. */
export function guarded(name: string, fn: () => unknown, log: JobDeps['log']): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (e) {
      if (isBusy(e)) log(`job ${name} postponed: the database is busy (${(e as { code: string }).code})`);
      else log(`job ${name} failed`, e);
    }
  };
}

/**
 * The WAL checkpoint job. It takes the connection like a call does (so it waits for an open transaction instead of
 * colliding with it), and never waits on another process: that only postpones it by one run.
 */
export async function checkpointJob(deps: Pick<JobDeps, 'db' | 'sqlite' | 'log'>): Promise<void> {
  await withConnection(deps.db, () => {
    if (!checkpointWal(deps.sqlite)) deps.log('checkpoint postponed: another connection is reading or writing the database');
  });
}

/** Clock-driven upkeep, the core's own and the modules' (`ModuleFace.jobs`). Each job is idempotent: running it twice, or late, does no harm. */
export function startJobs(deps: JobDeps, modules: ModuleJobs = { tasks: [] }): Jobs {
  const guard = (name: string, fn: () => unknown) => guarded(name, fn, deps.log);
  const tasks = [
    // Daily backup at 03:15 local time; the newest N are kept. (`core.backup` holds the connection while it copies.)
    cron.schedule('15 3 * * *', guard('backup', () => deps.backup('daily')), { name: 'backup' }),
    // Keep the WAL from growing without bound between backups.
    cron.schedule('*/10 * * * *', guard('checkpoint', () => checkpointJob(deps)), { name: 'checkpoint' }),
    // Single statements through Kysely: each takes the connection for itself.
    cron.schedule('7 * * * *', guard('sessions', () => deps.sessions.purgeExpired()), { name: 'sessions' }),
    ...modules.tasks.map((t) => cron.schedule(t.cron, guard(t.name, () => t.run()), { name: t.name })),
  ];
  return {
    stop() {
      modules.stop?.();
      for (const t of tasks) void t.stop();
    },
  };
}
