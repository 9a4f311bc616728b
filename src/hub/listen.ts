import pg from 'pg';
import { pgClientConfig } from './db/open';

/**
 * One dedicated PostgreSQL connection LISTENing on a channel, kept up: when it drops it is opened again (1 s, then
 * every 2 s while that fails) and `reconnected` is called, since notices may have been missed meanwhile. The hub's
 * notices (cells arrived, a chat changed) only say where to look, so a missed one costs a read, never data.
 */
export interface PgListener {
  start(): Promise<void>;
  close(): Promise<void>;
  readonly closed: boolean;
}

export function pgListener(
  channel: string,
  pgUrl: string,
  on: { payload: (payload: string) => void; reconnected: () => void },
  log: (msg: string, err?: unknown) => void,
): PgListener {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  async function listen(): Promise<void> {
    const c = new pg.Client(pgClientConfig(pgUrl));
    c.on('notification', (n) => n.channel === channel && n.payload && on.payload(n.payload));
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      if (closed) return;
      log(`hub: LISTEN ${channel} connection lost; reconnecting`, err);
      retry = setTimeout(() => void reconnect(), 1000);
    };
    c.on('error', lost);
    c.on('end', () => lost());
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  }
  async function reconnect(): Promise<void> {
    retry = null;
    try {
      await listen();
      on.reconnected();
    } catch (err) {
      if (!closed) {
        log(`hub: LISTEN ${channel} reconnect failed`, err);
        retry = setTimeout(() => void reconnect(), 2000);
      }
    }
  }

  return {
    get closed() {
      return closed;
    },
    start: listen,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
