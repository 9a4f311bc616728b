import { randomUUID } from 'node:crypto';
import { formatHlc, nodeOf } from '../../shared/sync/hlc';
import { HUB_PROTOCOL, type CellMessage } from '../../shared/sync/protocol';
import { DESKTOP_SCHEMA_VERSION } from '../server';

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

