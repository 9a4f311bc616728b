import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { random as seeded, type Random } from '../shared/random';
import { formatHlc } from '../shared/sync/hlc';
import { intakeRequest, webFields, webSubmission } from '../shared/sync/intake';
import { cellsRequest, HUB_PROTOCOL, registerRequest, syncRequest, waitRequest } from '../shared/sync/protocol';
import { fieldPullRequest, linkRequest, linkRevokeRequest } from '../shared/sync/field';
import { DESKTOP_SCHEMA_VERSION } from './server';
import { foundingDevice, startTestHub, tableCounts, TestDevice } from './testing/hub';
import { ENGINES } from './testing/storage';
import { fields, pushDirectory, SMALL_WORK } from './testing/webForm';

const NODE = 'a'.repeat(32);
const WRONG_VALUES: unknown[] = [
  null,
  true,
  -1,
  1.5,
  2 ** 60,
  '',
  ' ',
  'x'.repeat(100_001),
  'DROP TABLE hub_cell; --',
  "' or 1=1 --",
  '\u0000',
  {},
  [],
  [null],
  { $gt: '' },
  '2026-12-06T22:00:00.000Z',
];
const BAD_HLCS = [
  '2026-13-45T99:99:99.999Z-0000-' + NODE, // the pattern's shape, not a real instant
  '2026-02-30T10:00:00.000Z-0000-' + NODE, // read as 2 March: it would not sort as it orders
  '2026-12-06T22:00:00.000Z-0000-' + NODE.toUpperCase(),
  '2026-12-06T22:00:00.000Z-000-' + NODE,
  '2026-12-06T22:00:00Z-0000-' + NODE,
  formatHlc({ millis: Date.UTC(2026, 11, 6, 22), counter: 0, node: NODE }) + 'x',
];

type Case = { path: string; body: unknown; raw?: string; contentType?: string };

function mutations(base: Record<string, unknown>, schema: z.ZodType, random: Random, cellOf?: () => Record<string, unknown>): Case[] {
  const cases: Case[] = [];
  for (const whole of [42, 'text', [1, 2], null, true, []]) cases.push({ path: '(body)', body: whole });
  for (const raw of ['not json', '{', '{"protocol":', '{"a":1}{', '\u0000', 'null null']) cases.push({ path: '(raw)', body: null, raw });
  cases.push({ path: '(content type)', body: null, raw: JSON.stringify(base), contentType: 'text/plain' });
  cases.push({ path: '(unknown field)', body: { ...base, __proto_x__: 1 } });
  for (const key of Object.keys(base)) {
    const { [key]: _gone, ...without } = base;
    cases.push({ path: `-${key}`, body: without });
    for (const value of WRONG_VALUES) cases.push({ path: key, body: { ...base, [key]: value } });
    for (let i = 0; i < 4; i++) cases.push({ path: key, body: { ...base, [key]: random.pick(WRONG_VALUES), [random.pick(Object.keys(base))]: random.pick(WRONG_VALUES) } });
  }
  if (cellOf) {
    const cell = cellOf();
    for (const key of Object.keys(cell)) {
      const { [key]: _gone, ...without } = cell;
      cases.push({ path: `cells.0.-${key}`, body: { ...base, cells: [cellOf(), without] } });
      for (const value of WRONG_VALUES) cases.push({ path: `cells.${key}`, body: { ...base, cells: [{ ...cellOf(), [key]: value }] } });
    }
    for (const hlc of BAD_HLCS) cases.push({ path: 'cells.hlc', body: { ...base, cells: [cellOf(), { ...cellOf(), hlc }] } });
    cases.push({ path: 'cells.column', body: { ...base, cells: [{ ...cellOf(), column: '_deleted2' }] } });
    cases.push({ path: 'cells.table', body: { ...base, cells: [{ ...cellOf(), table: 'Clients' }] } });
    cases.push({ path: 'cells.unknown', body: { ...base, cells: [{ ...cellOf(), extra: 1 }] } });
    cases.push({ path: 'cells.length', body: { ...base, cells: Array.from({ length: 5001 }, cellOf) } });
  }
  // Only inputs the protocol refuses count as bad: a mutation that happens to be valid (orgId: null) is no test.
  return cases.filter((c) => c.raw !== undefined || !schema.safeParse(c.body).success || c.path === 'cells.hlc');
}

describe.each(ENGINES)('bad bodies on every public endpoint are refused with hub.bad_request, and nothing is stored (%s)', (engine) => {
  it('a few hundred generated bad inputs, seeded', async () => {
    const roomy = { capacity: 10_000, perMinute: 10_000 };
    const hub = await startTestHub(engine, { registerLimit: roomy, webForm: { ...SMALL_WORK, limits: { perIp: roomy, perOrg: roomy } } });
    const device = await foundingDevice(hub);
    await pushDirectory(device, { branches: [{ id: 'vilnius', name: 'Vilnius' }], people: [] });
    const code = await hub.code({ org: device.orgId!, branches: [] });
    // The same seed, the same bad inputs, run after run.
    const random = seeded(11);
    const cellOf = () => device.cell('clients', randomUUID(), 'name', 'Anna');
    const endpoints = [
      { path: '/hub/v1/register', key: undefined, schema: registerRequest, base: { protocol: HUB_PROTOCOL, code, deviceName: 'Desk', schemaVersion: DESKTOP_SCHEMA_VERSION, orgId: null } },
      {
        path: '/hub/v1/sync',
        key: device.key,
        schema: syncRequest,
        base: { protocol: HUB_PROTOCOL, schemaVersion: DESKTOP_SCHEMA_VERSION, deviceNow: hub.clock.now(), batchId: randomUUID(), cells: [cellOf()], cursor: 0, pullLimit: 100 },
        cellOf,
      },
      { path: '/hub/v1/wait', key: device.key, schema: waitRequest, base: { cursor: 0, timeoutMs: 0 } },
      { path: '/hub/v1/intake', key: device.key, schema: intakeRequest, base: { protocol: HUB_PROTOCOL, schemaVersion: DESKTOP_SCHEMA_VERSION, ack: [], after: 0, limit: 10 } },
      { path: `/w/v1/form/${device.orgId}`, key: undefined, schema: webSubmission, base: { altcha: 'a'.repeat(40), website: '', fields: fields(), attachments: [] } },
      { path: '/hub/v1/cells', key: device.key, schema: cellsRequest, base: { protocol: HUB_PROTOCOL, schemaVersion: DESKTOP_SCHEMA_VERSION, after: ['client', 'c1', 'name'], limit: 10 } },
      { path: '/hub/v1/links', key: device.key, schema: linkRequest, base: { employeeId: 'e1', taskId: 't1', branchId: 'b1', language: 'en', expiresAt: hub.clock.now() + 3_600_000 } },
      { path: '/hub/v1/links/revoke', key: device.key, schema: linkRevokeRequest, base: { linkId: 'l1' } },
      { path: '/hub/v1/field/actions', key: device.key, schema: fieldPullRequest, base: { cursor: 0, limit: 10 } },
    ];
    // The form's own fields, one by one, inside an otherwise good submission.
    const form = endpoints.at(-1)!;
    const fieldCases = mutations(fields(), webFields, random)
      .filter((c) => c.raw === undefined && c.contentType === undefined)
      .map((c) => ({ ...c, path: `fields.${c.path}`, body: { ...form.base, fields: c.body } }));
    const before = await tableCounts(hub.hub);
    let sent = 0;
    for (const ep of endpoints) {
      for (const c of [...mutations(ep.base, ep.schema, random, ep.cellOf), ...(ep === form ? fieldCases : [])]) {
        const res = await fetch(`${hub.url}${ep.path}`, {
          method: 'POST',
          headers: { 'content-type': c.contentType ?? 'application/json', ...(ep.key ? { authorization: `Bearer ${ep.key}` } : {}) },
          body: c.raw ?? JSON.stringify(c.body),
        });
        const text = await res.text();
        const what = `${ep.path} ${c.path}: ${text.slice(0, 200)}`;
        expect([400, 415], what).toContain(res.status);
        expect(JSON.parse(text), what).toMatchObject({ code: 'hub.bad_request', key: 'errors.hub_bad_request' });
        expect(text, what).not.toMatch(/\bat .*\.(ts|js):\d+|stack/i);
        sent += 1;
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(await tableCounts(hub.hub)).toEqual(before);
    // The code was not spent by any of it.
    expect((await new TestDevice(hub).register(code)).status).toBe(200);
  });
});
