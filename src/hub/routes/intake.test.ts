import { describe, expect, it } from 'vitest';
import { HUB_PROTOCOL } from '../../shared/sync/protocol';
import { WEB_FORM_LIMITS } from '../../shared/sync/intake';
import { DESKTOP_SCHEMA_VERSION } from '../server';
import { foundingDevice, joiningDevice, post, startTestHub, tableCounts, type TestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';
import { fields, pushDirectory, SMALL_WORK, solvedChallenge, submit } from '../testing/webForm';

const ROOMY = { ...SMALL_WORK, limits: { perIp: { capacity: 1000, perMinute: 1000 }, perOrg: { capacity: 1000, perMinute: 1000 } } };

async function organization(hub: TestHub) {
  const head = await foundingDevice(hub);
  await pushDirectory(head, {
    branches: [
      { id: 'vilnius', name: 'Vilnius' },
      { id: 'kaunas', name: 'Kaunas' },
    ],
    people: [
      { id: 'u-jonas', name: 'Jonas Jonaitis', public: true, branchId: 'vilnius' },
      { id: 'u-hidden', name: 'Not Public', public: false, branchId: 'vilnius' },
      { id: 'u-gone', name: 'Left Us', public: true, active: false, branchId: 'vilnius' },
      { id: 'u-rasa', name: 'Rasa Kaunietė', public: true, branchId: 'kaunas' },
    ],
  });
  return head;
}

const pull = (url: string, key: string, over: Record<string, unknown> = {}) =>
  post<{ items: { id: string; branchId: string; reference: string; fields: Record<string, unknown>; attachments: unknown[] }[]; more: boolean }>(
    url,
    '/hub/v1/intake',
    { protocol: HUB_PROTOCOL, schemaVersion: DESKTOP_SCHEMA_VERSION, ack: [], after: 0, ...over },
    key,
  );

describe.each(ENGINES)('the web form on the hub (%s)', (engine) => {
  it('lists branches and the active public employees by name only, stores a submission for its branch, and its device pulls it until it acknowledges', async () => {
    const hub = await startTestHub(engine, { webForm: ROOMY });
    const head = await organization(hub);
    const orgId = head.orgId!;
    const config = (await (await fetch(`${hub.url}/w/v1/form/${orgId}?lang=lt`)).json()) as Record<string, unknown>;
    expect(config.branches).toEqual([
      { id: 'vilnius', name: 'Vilnius' },
      { id: 'kaunas', name: 'Kaunas' },
    ]);
    expect(config.employees).toEqual([
      { id: 'u-jonas', name: 'Jonas Jonaitis', branchIds: ['vilnius'] },
      { id: 'u-rasa', name: 'Rasa Kaunietė', branchIds: ['kaunas'] },
    ]);
    expect(JSON.stringify(config)).not.toContain('secret-hash');
    expect((config.texts as Record<string, string>).submit).toBe('Siųsti');

    const file = { name: 'nuotrauka.png', type: 'image/png', data: Buffer.from('png bytes').toString('base64') };
    const sent = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields({ employeeId: 'u-rasa', branchId: 'kaunas' }), attachments: [file] });
    expect(sent.status).toBe(200);
    expect(sent.body.reference).toMatch(/^W-[2-9A-Z]{7}$/);
    // No branch chosen: the organization's first branch.
    const second = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields({ description: 'Antra' }), attachments: [] });
    expect(second.status).toBe(200);

    const vilnius = await joiningDevice(hub, orgId, ['vilnius']);
    const kaunas = await joiningDevice(hub, orgId, ['kaunas']);
    const forVilnius = await pull(hub.url, vilnius.key);
    expect(forVilnius.body.items.map((i) => i.fields.description)).toEqual(['Antra']);
    const forKaunas = await pull(hub.url, kaunas.key);
    expect(forKaunas.body.items).toHaveLength(1);
    expect(forKaunas.body.items[0]).toMatchObject({ branchId: 'kaunas', reference: sent.body.reference, fields: { employeeId: 'u-rasa', name: 'Ona Petrauskienė' }, attachments: [file] });
    // Not acknowledged (the device crashed before its commit): it comes again.
    expect((await pull(hub.url, kaunas.key)).body.items).toHaveLength(1);
    // A device cannot acknowledge another branch's submission.
    await pull(hub.url, vilnius.key, { ack: [forKaunas.body.items[0]!.id] });
    expect((await pull(hub.url, kaunas.key)).body.items).toHaveLength(1);
    expect((await pull(hub.url, kaunas.key, { ack: [forKaunas.body.items[0]!.id] })).body.items).toEqual([]);
    // Head office (every branch) sees the Vilnius one still waiting.
    expect((await pull(hub.url, head.key)).body.items.map((i) => i.branchId)).toEqual(['vilnius']);
    expect((await pull(hub.url, 'x'.repeat(40))).status).toBe(401);
  });

  it('refuses a replayed, forged or expired proof of work, an employee not published, and keeps nothing of a filled honeypot', async () => {
    const hub = await startTestHub(engine, { webForm: ROOMY });
    const orgId = (await organization(hub)).orgId!;
    const altcha = await solvedChallenge(hub.url);
    const ok = await submit(hub.url, orgId, { altcha, website: '', fields: fields(), attachments: [] });
    expect(ok.status).toBe(200);
    const before = await tableCounts(hub.hub);
    const replay = await submit(hub.url, orgId, { altcha, website: '', fields: fields(), attachments: [] });
    expect(replay).toMatchObject({ status: 403, body: { code: 'hub.challenge_failed', key: 'errors.hub_challenge_failed' } });
    const decoded = JSON.parse(Buffer.from(await solvedChallenge(hub.url), 'base64').toString()) as { number: number };
    const forged = Buffer.from(JSON.stringify({ ...decoded, number: decoded.number + 1 })).toString('base64');
    expect((await submit(hub.url, orgId, { altcha: forged, website: '', fields: fields(), attachments: [] })).status).toBe(403);
    const late = await solvedChallenge(hub.url);
    hub.clock.advance(11 * 60_000);
    expect((await submit(hub.url, orgId, { altcha: late, website: '', fields: fields(), attachments: [] })).status).toBe(403);
    for (const employeeId of ['u-hidden', 'u-gone', 'u-rasa', 'nobody']) {
      const r = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields({ employeeId }), attachments: [] });
      expect(r, employeeId).toMatchObject({ status: 400, body: { code: 'hub.bad_request', params: { field: 'fields.employeeId' } } });
    }
    const bot = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: 'http://spam.example', fields: fields(), attachments: [] });
    expect(bot.status).toBe(200);
    expect(bot.body.reference).toMatch(/^W-/);
    expect(await tableCounts(hub.hub)).toEqual(before);
    // An organization the hub does not hold has no form.
    expect((await fetch(`${hub.url}/w/v1/form/no-such-org`)).status).toBe(404);
    expect((await submit(hub.url, 'no-such-org', { altcha: await solvedChallenge(hub.url), website: '', fields: fields(), attachments: [] })).status).toBe(404);
  });

  it('refuses an oversized body, too many or too large files and over-long fields before storing anything', async () => {
    const hub = await startTestHub(engine, { webForm: ROOMY });
    const orgId = (await organization(hub)).orgId!;
    const before = await tableCounts(hub.hub);
    const big = (bytes: number) => ({ name: 'big.bin', type: 'application/octet-stream', data: Buffer.alloc(bytes, 7).toString('base64') });
    const cases = [
      { attachments: [big(WEB_FORM_LIMITS.fileBytes + 3)], status: 400 },
      { attachments: Array.from({ length: WEB_FORM_LIMITS.files + 1 }, () => big(10)), status: 400 },
      { attachments: Array.from({ length: WEB_FORM_LIMITS.files + 2 }, () => big(WEB_FORM_LIMITS.fileBytes)), status: 413 },
      { attachments: [], over: { description: 'x'.repeat(WEB_FORM_LIMITS.description + 1) }, status: 400 },
      { attachments: [], over: { phone: '', email: '' }, status: 400 },
      { attachments: [], over: { email: 'not an address' }, status: 400 },
    ];
    for (const c of cases) {
      const r = await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields(c.over), attachments: c.attachments });
      expect(r.status).toBe(c.status);
      expect(r.body).toMatchObject({ code: 'hub.bad_request' });
    }
    expect(await tableCounts(hub.hub)).toEqual(before);
    // Exactly at the limits is fine.
    const full = Array.from({ length: WEB_FORM_LIMITS.files }, () => big(WEB_FORM_LIMITS.fileBytes));
    expect((await submit(hub.url, orgId, { altcha: await solvedChallenge(hub.url), website: '', fields: fields(), attachments: full })).status).toBe(200);
  });

  it('a bounded flood from 127.0.0.1 is held by the limits, and /health stays fast meanwhile', async () => {
    const hub = await startTestHub(engine, { webForm: { ...SMALL_WORK, limits: { perIp: { capacity: 10, perMinute: 10 }, perOrg: { capacity: 5, perMinute: 5 } } } });
    const orgId = (await organization(hub)).orgId!;
    const altcha = await solvedChallenge(hub.url);
    const health: number[] = [];
    const probe = (async () => {
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        expect((await fetch(`${hub.url}/health`)).status).toBe(200);
        health.push(performance.now() - t);
      }
    })();
    // 300 submissions, 50 at a time: the limits answer each before its body is even parsed.
    const flood: { status: number; body: Record<string, unknown> }[] = [];
    for (let wave = 0; wave < 6; wave++) {
      flood.push(...(await Promise.all(Array.from({ length: 50 }, () => submit(hub.url, orgId, { altcha, website: '', fields: fields(), attachments: [] })))));
    }
    await probe;
    const statuses = flood.map((r) => r.status);
    // One answer at most is accepted (the challenge is spent once); the rest are refused, most by the limit.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(290);
    expect(flood.find((r) => r.status === 429)!.body).toMatchObject({ code: 'hub.rate_limited', key: 'errors.hub_rate_limited' });
    health.sort((a, b) => a - b);
    expect(health[Math.floor(health.length / 2)]).toBeLessThan(100);
    expect(health.at(-1)).toBeLessThan(1000);
    expect((await hub.hub.db.selectFrom('hub_intake').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBeLessThanOrEqual(1);
  });

  it('serves the embeddable script and a page for a link, with a strict policy; an id that is not one gets no page', async () => {
    const hub = await startTestHub(engine, { webForm: ROOMY });
    const orgId = (await organization(hub)).orgId!;
    const script = await fetch(`${hub.url}/w/form.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await script.text();
    expect(source).toContain('attachShadow');
    expect(source).not.toMatch(/innerHTML|insertAdjacentHTML|document\.write/);
    expect(source.length).toBeLessThan(12_000);
    const page = await fetch(`${hub.url}/w/form/${orgId}?lang=ro`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain(`<script src="/w/form.js" data-org="${orgId}" data-lang="ro"></script>`);
    for (const bad of ['"><script>alert(1)</script>', "x' onload='alert(1)", 'a/b']) expect((await fetch(`${hub.url}/w/form/${encodeURIComponent(bad)}`)).status).toBe(404);
    const preflight = await fetch(`${hub.url}/w/v1/form/${orgId}`, { method: 'OPTIONS', headers: { origin: 'https://client-site.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
