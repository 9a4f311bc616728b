import cron from 'node-cron';
import type { Sqlite } from '../db/connection';
import type { SessionStore } from '../auth/sessions';
import type { Db } from '../db/connection';
import type { Clock } from '../clock';
import type { CoreConfig } from '../config';
import { createOutboxSender } from '../mail/sender';

export interface Jobs {
  stop(): void;
}

interface JobDeps {
  sqlite: Sqlite;
  sessions: SessionStore;
  backup(reason: string): Promise<string>;
  log: (msg: string, err?: unknown) => void;
  db: Db;
  clock: Clock;
  config: CoreConfig;
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
  const outbox = createOutboxSender({ db: deps.db, clock: deps.clock, config: deps.config, log: deps.log });
  const tasks = [
    // Daily backup at 03:15 local time; the newest N are kept.
    cron.schedule('15 3 * * *', guard('backup', () => deps.backup('daily')), { name: 'backup' }),
    // Keep the WAL from growing without bound between backups.
    cron.schedule('*/10 * * * *', guard('checkpoint', () => deps.sqlite.pragma('wal_checkpoint(TRUNCATE)')), { name: 'checkpoint' }),
    cron.schedule('7 * * * *', guard('sessions', () => deps.sessions.purgeExpired()), { name: 'sessions' }),
    // Outgoing mail: every minute, and at once when a change queues some (wake).
    cron.schedule('* * * * *', guard('outbox', () => outbox.run()), { name: 'outbox' }),
  ];
  outbox.wake();
  return {
    stop() {
      outbox.stop();
      for (const t of tasks) void t.stop();
    },
  };
}
