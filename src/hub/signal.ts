import pg from 'pg';
import { sql } from 'kysely';
import type { Engine } from './db/migrations';
import type { HubDb } from './db/open';
import { pgClientConfig } from './db/open';

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
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function listen(): Promise<void> {
    const c = new pg.Client(pgClientConfig(pgUrl!));
    c.on('notification', (n) => n.channel === CHANNEL && n.payload && wake(n.payload));
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      if (closed) return;
      log('hub: LISTEN connection lost; reconnecting', err);
      retry = setTimeout(() => void reconnect(), 1000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  }
  async function reconnect(): Promise<void> {
    retry = null;
    try {
      await listen();
      wakeAll();
    } catch (err) {
      if (!closed) {
        log('hub: LISTEN reconnect failed', err);
        retry = setTimeout(() => void reconnect(), 2000);
      }
    }
  }

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
      if (engine === 'pg') await listen();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      wakeAll();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
