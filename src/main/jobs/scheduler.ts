import cron from 'node-cron';
import type { Sqlite } from '../db/connection';
import type { SessionStore } from '../auth/sessions';

export interface Jobs {
  stop(): void;
}

interface JobDeps {
  sqlite: Sqlite;
  sessions: SessionStore;
  backup(reason: string): Promise<string>;
  log: (msg: string, err?: unknown) => void;
}

/** Clock-driven upkeep. Each job is idempotent: running it twice, or late, does no harm. */
export function startJobs(deps: JobDeps): Jobs {
  const guard = (name: string, fn: () => unknown) => async () => {
    try {
      await fn();
    } catch (e) {
      deps.log(`job ${name} failed`, e);
    }
  };
  const tasks = [
    // Daily backup at 03:15 local time; the newest N are kept.
    cron.schedule('15 3 * * *', guard('backup', () => deps.backup('daily')), { name: 'backup' }),
    // Keep the WAL from growing without bound between backups.
    cron.schedule('*/10 * * * *', guard('checkpoint', () => deps.sqlite.pragma('wal_checkpoint(TRUNCATE)')), { name: 'checkpoint' }),
    cron.schedule('7 * * * *', guard('sessions', () => deps.sessions.purgeExpired()), { name: 'sessions' }),
  ];
  return {
    stop() {
      for (const t of tasks) void t.stop();
    },
  };
}
