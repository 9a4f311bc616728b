import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HUB_PROTOCOL } from '../../shared/sync/protocol';
import { DESKTOP_SCHEMA_VERSION } from '../server';
import { foundingDevice, post, startTestHub, tableCounts, TestDevice } from '../testing/hub';
import { ENGINES } from '../testing/storage';

describe.each(ENGINES)('registering devices (%s)', (engine) => {
  it('a new-organization code founds the device\'s own organization; a join code adds a fresh device to it', async () => {
    const hub = await startTestHub(engine);
    const orgId = randomUUID();
    const founder = new TestDevice(hub, orgId);
    const r = await founder.register(await hub.code({ newOrg: 'Remonts SIA' }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ orgId, branchIds: [] });
    expect(r.body.deviceKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const org = await hub.hub.db.selectFrom('hub_organization').selectAll().executeTakeFirstOrThrow();
    expect(org).toMatchObject({ id: orgId, name: 'Remonts SIA' });
    // The key is kept only as its hash.
    const stored = await hub.hub.db.selectFrom('hub_device').select('key_hash').where('id', '=', founder.deviceId).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(founder.key);

    const yerevan = new TestDevice(hub, null);
    const j = await yerevan.register(await hub.code({ org: orgId, branches: ['branch-yerevan'] }), 'Yerevan desk');
    expect(j.status).toBe(200);
    expect(j.body).toMatchObject({ orgId, branchIds: ['branch-yerevan'] });
    // A reinstalled device holding the same organization joins it again.
    const again = new TestDevice(hub, orgId);
    expect((await again.register(await hub.code({ org: orgId, branches: [] }))).status).toBe(200);
    expect((await tableCounts(hub.hub)).hub_device).toBe(3);
  });

  it('a code works once, typed in any case with or without dashes; wrong and expired codes are refused alike', async () => {
    const hub = await startTestHub(engine);
    const founder = await foundingDevice(hub);
    const code = await hub.code({ org: founder.orgId!, branches: [] });
    const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect((await new TestDevice(hub).register(sloppy)).status).toBe(200);
    const twice = await new TestDevice(hub).register(code);
    expect(twice).toMatchObject({ status: 400, body: { code: 'hub.code_invalid', key: 'errors.hub_code_invalid' } });
    expect((await new TestDevice(hub).register('ABCD-EFGH-JKMN-PQRS')).body.code).toBe('hub.code_invalid');

    const expiring = await hub.code({ org: founder.orgId!, branches: [] }, 60_000);
    hub.clock.advance(60_000);
    const before = await tableCounts(hub.hub);
    expect((await new TestDevice(hub).register(expiring)).body.code).toBe('hub.code_invalid');
    expect(await tableCounts(hub.hub)).toEqual(before);
  });

  it('a device holding another organization is refused a join code, and a new-organization code cannot take over one', async () => {
    const hub = await startTestHub(engine);
    const founder = await foundingDevice(hub);
    const code = await hub.code({ org: founder.orgId!, branches: [] });
    const stranger = await new TestDevice(hub, randomUUID()).register(code);
    expect(stranger).toMatchObject({ status: 409, body: { code: 'hub.other_org', key: 'errors.hub_other_org' } });
    // The refused attempt did not spend the code.
    expect((await new TestDevice(hub).register(code)).status).toBe(200);

    const takeover = await new TestDevice(hub, founder.orgId).register(await hub.code({ newOrg: 'Impostor' }));
    expect(takeover.body.code).toBe('hub.other_org');
    const empty = await new TestDevice(hub, null).register(await hub.code({ newOrg: 'Nothing to found' }));
    expect(empty.body.code).toBe('hub.other_org');
    expect((await tableCounts(hub.hub)).hub_organization).toBe(1);
  });

  it('two devices redeeming one code at the same moment get one device between them', async () => {
    const hub = await startTestHub(engine);
    const founder = await foundingDevice(hub);
    const code = await hub.code({ org: founder.orgId!, branches: [] });
    const answers = await Promise.all(Array.from({ length: 6 }, () => new TestDevice(hub).register(code)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.body.code === 'hub.code_invalid')).toHaveLength(5);
    expect((await tableCounts(hub.hub)).hub_device).toBe(2);
  });

  it('an older or newer app, or another protocol, is told so before the code is spent', async () => {
    const hub = await startTestHub(engine);
    const founder = await foundingDevice(hub);
    const code = await hub.code({ org: founder.orgId!, branches: [] });
    const body = { protocol: HUB_PROTOCOL, code, deviceName: 'Desk', schemaVersion: DESKTOP_SCHEMA_VERSION, orgId: null };
    const old = await post(hub.url, '/hub/v1/register', { ...body, schemaVersion: DESKTOP_SCHEMA_VERSION - 1 });
    expect(old).toMatchObject({ status: 426, body: { code: 'hub.update_app', key: 'errors.hub_update_app', params: { hub: DESKTOP_SCHEMA_VERSION } } });
    const newer = await post(hub.url, '/hub/v1/register', { ...body, schemaVersion: DESKTOP_SCHEMA_VERSION + 1 });
    expect(newer).toMatchObject({ status: 409, body: { code: 'hub.too_new' } });
    expect((await post(hub.url, '/hub/v1/register', { ...body, protocol: HUB_PROTOCOL + 1 })).body.code).toBe('hub.protocol');
    expect((await post(hub.url, '/hub/v1/register', body)).status).toBe(200);
  });

  it('registration is rate-limited per address: a burst, then refused with Retry-After until tokens come back', async () => {
    const hub = await startTestHub(engine, { registerLimit: { capacity: 3, perMinute: 6 } });
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await new TestDevice(hub).register('WRONG-CODE-0000'));
    expect(tries.map((t) => t.body.code)).toEqual(['hub.code_invalid', 'hub.code_invalid', 'hub.code_invalid', 'hub.rate_limited']);
    expect(tries[3]!).toMatchObject({ status: 429, body: { key: 'errors.hub_rate_limited', params: { seconds: 10 } } });
    const res = await fetch(`${hub.url}/hub/v1/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('10');
    hub.clock.advance(10_000);
    expect((await new TestDevice(hub).register('WRONG-CODE-0000')).body.code).toBe('hub.code_invalid');
  });
});
