import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import type { Engine } from '../db/migrations';
import { createHub, type Hub, type HubOptions } from '../server';
import { testClock, TestDevice, type TestClock } from './device';
import { createCode, type CodeSpec } from '../store/devices';
import { freshStorage } from './storage';

// Test files reach the device through this module too.
export * from './device';

export interface TestHub {
  hub: Hub;
  url: string;
  clock: TestClock;
  code(spec: CodeSpec, ttlMs?: number): Promise<string>;
}

/** A hub on fresh storage, listening on 127.0.0.1 on a free port; closed after the test. */
export async function startTestHub(engine: Engine, opts: Partial<HubOptions> = {}): Promise<TestHub> {
  const clock = testClock();
  const hub = await createHub({ storage: await freshStorage(engine), now: clock.now, ...opts });
  onTestFinished(() => hub.close());
  const url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
  return { hub, url, clock, code: (spec, ttlMs) => createCode(hub.db, spec, clock.now(), ttlMs) };
}

/** A device of a new organization registered on `hub` (new-org code), and the organization's id. */
export async function foundingDevice(hub: TestHub, name = 'Head office'): Promise<TestDevice> {
  const device = new TestDevice(hub, randomUUID());
  const r = await device.register(await hub.code({ newOrg: name }));
  if (r.status !== 200) throw new Error(`registration refused: ${JSON.stringify(r.body)}`);
  return device;
}

/** A device joining `orgId` for `branches` (none: every branch). */
export async function joiningDevice(hub: TestHub, orgId: string, branches: string[] = []): Promise<TestDevice> {
  const device = new TestDevice(hub);
  const r = await device.register(await hub.code({ org: orgId, branches }));
  if (r.status !== 200) throw new Error(`registration refused: ${JSON.stringify(r.body)}`);
  return device;
}

/** Row counts of every hub table: "nothing stored" is these unchanged. */
export async function tableCounts(hub: Hub): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['hub_organization', 'hub_device', 'hub_code', 'hub_cell_log', 'hub_cell', 'hub_batch', 'hub_intake', 'hub_challenge', 'hub_link', 'hub_field_action'] as const) {
    const r = await hub.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
