import type { Ctx } from './context';
import type { PushEvent } from './events';
import type { Services } from './services';
import type { Clock } from '../clock';
import type { CoreConfig } from '../config';
import { inWriteTransaction, type Db } from '../db/connection';
import type { SessionStore } from '../auth/sessions';

/** What a job (the dialer, the mail intake) needs of the core: the connection, the clock, the settings and the event bus. */
export interface JobDeps {
  db: Db;
  clock: Clock;
  config: CoreConfig;
  services: Services;
  publish(e: PushEvent): void;
  log(msg: string, err?: unknown): void;
}

/**
 * One short write transaction of the job, as the system (no session user: its writes and audit entries are nobody's),
 * for one organization: the events it queues are published once it has committed, and only then its after-commit work.
 */
export async function inJob<T>(deps: JobDeps, orgId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const events: PushEvent[] = [];
  const after: (() => void)[] = [];
  const out = await inWriteTransaction(deps.db, (trx) =>
    fn({
      db: trx,
      user: null,
      clock: deps.clock,
      config: deps.config,
      // No procedure runs here, so nothing asks for a session.
      sessions: null as unknown as SessionStore,
      services: deps.services,
      emit: (name, payload, scope) => void events.push({ name, payload, orgId, ...scope } as PushEvent),
      emitNow: (name, payload) => deps.publish({ name, payload, orgId } as PushEvent),
      setSession: () => undefined,
      sessionToken: null,
      afterCommit: (f) => void after.push(f),
    }),
  );
  for (const e of events) deps.publish(e);
  for (const f of after) f();
  return out;
}
