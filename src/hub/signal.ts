import { sql } from 'kysely';
import type { Engine } from './db/migrations';
import type { HubDb } from './db/open';
import { pgListener } from './listen';

export const CHANNEL = 'hub_cells';

/**
 * "Cells arrived for organization X", to every hub process. On PostgreSQL the push transaction itself runs
 * `NOTIFY hub_cells, '<orgId>'` (PostgreSQL delivers it at commit, never for a rolled-back push) and each process
 * LISTENs on one dedicated connection; on SQLite (one process) the notice stays in process. A waiter always re-reads
 * the database after a wake-up, so a lost or extra notice costs a query, never a cell; when the LISTEN connection
 * drops, every waiter is woken once it is back, as notices may have been missed meanwhile.
 */
export interface CellSignal {
  inTransaction(trx: HubDb, orgId: string): Promise<void>;
  afterCommit(orgId: string): void;
  subscribe(orgId: string, wake: () => void): () => void;
  readonly closed: boolean;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function cellSignal(engine: Engine, pgUrl: string | null, log: (msg: string, err?: unknown) => void): CellSignal {
  const waiters = new Map<string, Set<() => void>>();
  const wake = (orgId: string) => waiters.get(orgId)?.forEach((fn) => fn());
  const wakeAll = () => waiters.forEach((set) => set.forEach((fn) => fn()));
  let closed = false;
  const listener = engine === 'pg' ? pgListener(CHANNEL, pgUrl!, { payload: wake, reconnected: wakeAll }, log) : null;

  return {
    get closed() {
      return closed;
    },
    async inTransaction(trx, orgId) {
      if (engine === 'pg') await sql`select pg_notify(${CHANNEL}, ${orgId})`.execute(trx);
    },
    afterCommit(orgId) {
      if (engine === 'sqlite') wake(orgId);
    },
    subscribe(orgId, fn) {
      let set = waiters.get(orgId);
      if (!set) waiters.set(orgId, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0 && waiters.get(orgId) === set) waiters.delete(orgId);
      };
    },
    async start() {
      await listener?.start();
    },
    async close() {
      closed = true;
      wakeAll();
      await listener?.close();
    },
  };
}
