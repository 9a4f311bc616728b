import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHub, type Hub, type HubOptions } from '../../../hub/server';
import { createCode, revokeDevice } from '../../../hub/store/devices';
import type { HubStorage } from '../../../hub/db/open';
import type { Engine } from '../../../hub/db/migrations';
import { freshStorage } from '../../../hub/testing/storage';

/** A real hub on SQLite in this process, listening on 127.0.0.1; stopped and started again on the same port and file. */
export interface TestHub {
  url: string;
  hub: Hub;
  newOrgCode(name: string): Promise<string>;
  joinCode(orgId: string, branches?: string[]): Promise<string>;
  revoke(deviceId: string): Promise<void>;
  /** The hub goes away (its port closes); `start` brings it back with everything it held. */
  stop(): Promise<void>;
  start(): Promise<void>;
  cellCount(): Promise<number>;
  /** Where the hub keeps its data now (the admin commands are run on it). */
  readonly storage: HubStorage;
  /** The hub's database is lost: the same address comes back on a new, empty database of the same engine. */
  wipe(): Promise<void>;
  /** Every current cell, in a stable order: what two hubs are compared by. */
  cells(): Promise<{ org_id: string; table_name: string; row_id: string; column_name: string; value: string; hlc: string; branch_id: string | null }[]>;
  /** Requests the hub has answered since it started (all of its runs). */
  requests(): number;
  /**
   * While set, a request it answers true for gets a 503 before the hub reads it, as a proxy in front of a hub gone away
   * would answer: a test holds one device's pull (or everything of another) to interleave two devices' rounds.
   */
  gate: ((r: GatedRequest) => boolean) | null;
}

/** What a gate sees of a request: its path, the device key it carries, and for a sync whether it pushes cells. */
export interface GatedRequest {
  path: string;
  key: string | null;
  pushes: boolean;
}

export async function startTestHub(opts: { now?: () => number; engine?: Engine; hub?: Partial<HubOptions> } = {}): Promise<TestHub> {
  let storage: HubStorage = opts.engine ? await freshStorage(opts.engine) : { sqlite: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-hub-')), 'hub.db') };
  let port = 0;
  let hub: Hub | null = null;
  let requests = 0;
  let gate: TestHub['gate'] = null;
  const open = async () => {
    hub = await createHub({ ...opts.hub, storage, now: opts.now });
    hub.app.addHook('onRequest', async () => void (requests += 1));
    hub.app.addHook('preHandler', async (request, reply) => {
      const auth = request.headers.authorization;
      const cells = (request.body as { cells?: unknown[] } | undefined)?.cells;
      const seen: GatedRequest = { path: request.url, key: auth?.startsWith('Bearer ') ? auth.slice(7) : null, pushes: Array.isArray(cells) && cells.length > 0 };
      if (gate?.(seen)) return reply.code(503).send({ error: 'held by the test' });
    });
    await hub.app.listen({ port, host: '127.0.0.1' });
    port = (hub.app.server.address() as AddressInfo).port;
  };
  await open();
  const running = () => {
    if (!hub) throw new Error('the test hub is stopped');
    return hub;
  };
  async function stop() {
    const closing = hub?.close();
    // A long poll its desktop gave up on keeps its connection open past the close (seen: over a minute).
    hub?.app.server.closeAllConnections();
    await closing;
    hub = null;
  }
  return {
    get gate() {
      return gate;
    },
    set gate(g) {
      gate = g;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get hub() {
      return running();
    },
    get storage() {
      return storage;
    },
    newOrgCode: (name) => createCode(running().db, { newOrg: name }, Date.now()),
    joinCode: (orgId, branches = []) => createCode(running().db, { org: orgId, branches }, Date.now()),
    revoke: async (deviceId) => void (await revokeDevice(running().db, deviceId, Date.now())),
    stop,
    start: open,
    async wipe() {
      await stop();
      storage = await freshStorage(opts.engine ?? 'sqlite');
      await open();
    },
    cells: () =>
      running()
        .db.selectFrom('hub_cell')
        .select(['org_id', 'table_name', 'row_id', 'column_name', 'value', 'hlc', 'branch_id'])
        .orderBy('org_id')
        .orderBy('table_name')
        .orderBy('row_id')
        .orderBy('column_name')
        .execute(),
    requests: () => requests,
    async cellCount() {
      const r = await running().db.selectFrom('hub_cell').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}
