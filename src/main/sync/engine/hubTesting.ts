import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHub, type Hub } from '../../../hub/server';
import { createCode, revokeDevice } from '../../../hub/store/devices';

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
  /** Requests the hub has answered since it started (all of its runs). */
  requests(): number;
}

export async function startTestHub(opts: { now?: () => number } = {}): Promise<TestHub> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'planora-hub-')), 'hub.db');
  let port = 0;
  let hub: Hub | null = null;
  let requests = 0;
  const open = async () => {
    hub = await createHub({ storage: { sqlite: file }, now: opts.now });
    hub.app.addHook('onRequest', async () => void (requests += 1));
    await hub.app.listen({ port, host: '127.0.0.1' });
    port = (hub.app.server.address() as AddressInfo).port;
  };
  await open();
  const running = () => {
    if (!hub) throw new Error('the test hub is stopped');
    return hub;
  };
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get hub() {
      return running();
    },
    newOrgCode: (name) => createCode(running().db, { newOrg: name }, Date.now()),
    joinCode: (orgId, branches = []) => createCode(running().db, { org: orgId, branches }, Date.now()),
    revoke: async (deviceId) => void (await revokeDevice(running().db, deviceId, Date.now())),
    async stop() {
      const closing = hub?.close();
      // A long poll its desktop gave up on keeps its connection open past the close (seen: over a minute).
      hub?.app.server.closeAllConnections();
      await closing;
      hub = null;
    },
    start: open,
    requests: () => requests,
    async cellCount() {
      const r = await running().db.selectFrom('hub_cell').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}
