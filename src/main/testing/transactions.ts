import { sql, type Kysely } from 'kysely';
import type { SessionUser } from '../../shared/api/auth';
import type { Ctx } from '../api/context';
import type { SessionStore } from '../auth/sessions';
import type { Clock } from '../clock';
import type { CoreConfig } from '../config';
import type { DB } from '../db/schema';
import type { Services } from '../api/services';

export interface TxDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: CoreConfig;
  sessions: SessionStore;
  services: Services;
}

/**
 * Runs service code the way the dispatcher runs a writing procedure: one connection, `begin immediate`
 * (the write lock is taken up front, so concurrent writers queue instead of failing on upgrade), commit on
 * success, rollback when `fn` throws. For service paths no procedure offers yet (numbering a document).
 */
export async function inWriteTransaction<T>(deps: TxDeps, user: SessionUser | null, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const after: (() => void)[] = [];
  const out = await deps.db.connection().execute(async (conn) => {
    await sql.raw('begin immediate').execute(conn);
    try {
      const out = await fn({
        db: conn,
        user,
        clock: deps.clock,
        config: deps.config,
        sessions: deps.sessions,
        services: deps.services,
        sessionToken: null,
        emit: () => undefined,
        emitNow: () => undefined,
        setSession: () => undefined,
        afterCommit: (f) => void after.push(f),
      });
      await sql.raw('commit').execute(conn);
      return out;
    } catch (e) {
      await sql.raw('rollback').execute(conn).catch(() => undefined);
      throw e;
    }
  });
  for (const f of after) f();
  return out;
}
