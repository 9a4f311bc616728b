import { randomUUID } from 'node:crypto';
import { onTestFinished } from 'vitest';
import { formatHlc, nodeOf } from '../../shared/sync/hlc';
import { HUB_PROTOCOL, type CellMessage } from '../../shared/sync/protocol';
import type { Engine } from '../db/migrations';
import { createHub, DESKTOP_SCHEMA_VERSION, type Hub, type HubOptions } from '../server';
import { createCode, type CodeSpec } from '../store/devices';
import { freshStorage } from './storage';

/** A settable clock for the hub under test (codes expire, devices drift). */
export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2026, 11, 6, 22, 0)): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

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

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T & { code?: string; key?: string; params?: Record<string, unknown> };
}

export async function post<T = Record<string, unknown>>(url: string, path: string, body: unknown, key?: string): Promise<Answer<T>> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}

export interface SyncAnswer {
  hubNow: number;
  accepted: number;
  cells: CellMessage[];
  cursor: number;
  more: boolean;
}

/** Where a test device talks to: a hub in this process or another one. */
export interface HubEndpoint {
  url: string;
  clock: Pick<TestClock, 'now'>;
}

/**
 * A device as the desktop will be: an installation id (its HLC node), a device key after registering, a cursor.
 * It speaks the protocol over real HTTP.
 */
export class TestDevice {
  readonly installationId = randomUUID();
  deviceId = '';
  key = '';
  orgId: string | null;
  cursor = 0;
  private counter = 0;
  constructor(
    private readonly hub: HubEndpoint,
    orgId: string | null = null,
  ) {
    this.orgId = orgId;
  }

  async register(code: string, name = 'Rīga front desk'): Promise<Answer> {
    const r = await post<{ deviceId: string; deviceKey: string; orgId: string }>(this.hub.url, '/hub/v1/register', {
      protocol: HUB_PROTOCOL,
      code,
      deviceName: name,
      schemaVersion: DESKTOP_SCHEMA_VERSION,
      orgId: this.orgId,
    });
    if (r.status === 200) {
      this.deviceId = r.body.deviceId;
      this.key = r.body.deviceKey;
      this.orgId = r.body.orgId;
    }
    return r;
  }

  /** A cell stamped by this device `msAfter` the hub clock's now. */
  cell(table: string, rowId: string, column: string, value: CellMessage['value'], opts: { branchId?: string | null; msAfter?: number } = {}): CellMessage {
    const hlc = formatHlc({ millis: this.hub.clock.now() + (opts.msAfter ?? 0), counter: this.counter++, node: nodeOf(this.installationId) });
    return { table, rowId, column, value, hlc, branchId: opts.branchId ?? null };
  }

  async sync(cells: CellMessage[] = [], over: Record<string, unknown> = {}): Promise<Answer<SyncAnswer>> {
    const r = await post<SyncAnswer>(
      this.hub.url,
      '/hub/v1/sync',
      { protocol: HUB_PROTOCOL, schemaVersion: DESKTOP_SCHEMA_VERSION, deviceNow: this.hub.clock.now(), batchId: randomUUID(), cells, cursor: this.cursor, ...over },
      this.key,
    );
    if (r.status === 200) this.cursor = r.body.cursor;
    return r;
  }

  /** Pulls until the hub says there is no more; every cell pulled, in order. */
  async pullAll(pullLimit = 2000): Promise<CellMessage[]> {
    const all: CellMessage[] = [];
    for (;;) {
      const r = await this.sync([], { pullLimit });
      if (r.status !== 200) throw new Error(`sync refused: ${JSON.stringify(r.body)}`);
      all.push(...r.body.cells);
      if (!r.body.more) return all;
    }
  }

  wait(timeoutMs: number, url = this.hub.url): Promise<Answer<{ changed: boolean; cursor: number }>> {
    return post(url, '/hub/v1/wait', { cursor: this.cursor, timeoutMs }, this.key);
  }
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
  for (const t of ['hub_organization', 'hub_device', 'hub_code', 'hub_cell_log', 'hub_cell', 'hub_batch'] as const) {
    const r = await hub.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
