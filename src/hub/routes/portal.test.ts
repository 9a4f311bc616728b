import { describe, expect, it } from 'vitest';
import type { CellMessage } from '../../shared/sync/protocol';
import { foundingDevice, post, startTestHub, type TestDevice, type TestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';

const DAY = 24 * 3600_000;
const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "javascript:alert('x')", '<a href="javascript:alert(1)">x</a>'];

function rowCells(d: TestDevice, table: string, id: string, row: Record<string, CellMessage['value']>, branchId: string | null = 'riga'): CellMessage[] {
  return Object.entries(row).map(([column, value]) => d.cell(table, id, column, value, { branchId }));
}

/** One client's world as a desktop pushes it: an intervention with a public and a private entry, a visit, a task. */
function clientWorld(d: TestDevice, now: number): CellMessage[] {
  const soon = new Date(now + DAY).toISOString();
  const later = new Date(now + DAY + 3600_000).toISOString();
  return [
    ...rowCells(d, 'branch', 'riga', { name: 'Rīga', time_zone: 'Europe/Riga' }, null),
    ...rowCells(d, 'app_user', 'tech', { name: 'Jānis Bērziņš' }, null),
    ...rowCells(d, 'client', 'client-1', { name: 'SIA Ģertrūdes <b>Serviss</b>' }, null),
    ...rowCells(d, 'intervention', 'int-1', { client_id: 'client-1', branch_id: 'riga', number: null, provisional_number: 'RIX-P-00007', doc_date: '2026-12-07', status: 'allocated', start_at: soon, end_at: later, taken_by_id: 'tech', address: 'Ģertrūdes iela 10', locality: 'Rīga', notes: 'internal: key under the mat', deleted_at: null }),
    ...rowCells(d, 'intervention_note', 'note-public', { intervention_id: 'int-1', at: new Date(now).toISOString(), text: `Parts ordered ${XSS.join(' ')}`, is_public: 1, style: 2, deleted_at: null }),
    ...rowCells(d, 'intervention_note', 'note-private', { intervention_id: 'int-1', at: new Date(now).toISOString(), text: 'Client is difficult, bring the manager', is_public: 0, style: 2, deleted_at: null }),
    ...rowCells(d, 'intervention_note', 'note-deleted', { intervention_id: 'int-1', at: new Date(now).toISOString(), text: 'Withdrawn public entry', is_public: 1, style: 2, deleted_at: new Date(now).toISOString() }),
    ...rowCells(d, 'service', 'svc', { name: 'Boiler check' }),
    ...rowCells(d, 'visit', 'visit-1', { client_id: 'client-1', branch_id: 'riga', user_id: 'tech', service_id: 'svc', starts_at: soon, ends_at: later, status: 'booked', notes: 'private visit note', deleted_at: null }),
    ...rowCells(d, 'task', 'task-1', { client_id: 'client-1', branch_id: 'riga', number: 'RIX-T-000042', subject: 'Replace the thermostat', description: 'internal description', status: 'in_progress', due_date: '2026-12-20', doc_date: '2026-12-01', deleted_at: null }),
    // Another client's intervention: never on this client's page.
    ...rowCells(d, 'intervention', 'int-other', { client_id: 'client-2', branch_id: 'riga', number: 'RIX-00099', doc_date: '2026-12-07', status: 'received', deleted_at: null }),
  ];
}

async function mint(hub: TestHub, d: TestDevice, over: Record<string, unknown> = {}) {
  return post<{ linkId: string; token: string }>(hub.url, '/hub/v1/portal/links', { clientId: 'client-1', language: 'ro', expiresAt: hub.clock.now() + 30 * DAY, ...over }, d.key);
}

async function page(hub: TestHub, path: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${hub.url}${path}`);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

describe.each(ENGINES)('client portal links and pages (%s)', (engine) => {
  it('shows the client its interventions with public entries only, its visits and tasks, escaped, in the link language and on request in another', async () => {
    const hub = await startTestHub(engine);
    const office = await foundingDevice(hub);
    expect((await office.sync(clientWorld(office, hub.clock.now()))).status).toBe(200);
    const link = await mint(hub, office);
    expect(link.status).toBe(200);

    const ro = await page(hub, `/p/${link.body.token}`);
    expect(ro.status).toBe(200);
    expect(ro.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(ro.headers.get('referrer-policy')).toBe('no-referrer');
    expect(ro.headers.get('cache-control')).toBe('no-store');
    expect(ro.html).toContain('<html lang="ro">');
    expect(ro.html).toContain('Intervenții');
    expect(ro.html).toContain('RIX-P-00007');
    expect(ro.html).toContain('Parts ordered');
    expect(ro.html).not.toContain('Client is difficult');
    expect(ro.html).not.toContain('Withdrawn public entry');
    expect(ro.html).not.toContain('key under the mat');
    expect(ro.html).not.toContain('RIX-00099');
    expect(ro.html).toContain('Boiler check');
    expect(ro.html).toContain('Jānis Bērziņš');
    expect(ro.html).not.toContain('private visit note');
    expect(ro.html).toContain('Replace the thermostat');
    expect(ro.html).not.toContain('internal description');
    expect(ro.html).toContain('data-task="task-1"');
    // Nothing typed by a person becomes markup: no tag of a payload survives, the text is there, escaped.
    for (const bad of ['<script', '<img', '<svg', 'href="javascript', '<a href="javascript', '<b>Serviss']) expect(ro.html).not.toContain(bad);
    expect(ro.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(ro.html).toContain('SIA Ģertrūdes &#60;b&#62;Serviss&#60;/b&#62;');

    const en = await page(hub, `/p/${link.body.token}?lang=en`);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Printable form');

    const form = await page(hub, `/p/${link.body.token}/i/int-1?lang=en`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('data-printable="int-1"');
    expect(form.html).toContain('@media print');
    expect(form.html).toContain('Parts ordered');
    expect(form.html).not.toContain('Client is difficult');
    expect(form.html).not.toContain('<script');
    // Another client's intervention through this client's link: not found, nothing of it shown.
    const other = await page(hub, `/p/${link.body.token}/i/int-other`);
    expect(other.status).toBe(404);
    expect(other.html).not.toContain('RIX-00099');
  });

  it('expires with the clock, is revoked by its organization only, and then shows a translated page with nothing of the client', async () => {
    const hub = await startTestHub(engine);
    const office = await foundingDevice(hub);
    await office.sync(clientWorld(office, hub.clock.now()));
    const short = await mint(hub, office, { expiresAt: hub.clock.now() + 60_000 });
    const long = await mint(hub, office, { language: 'hy' });
    // Longer than the longest life, or already past: refused.
    expect((await mint(hub, office, { expiresAt: hub.clock.now() + 181 * DAY })).status).toBe(400);
    expect((await mint(hub, office, { expiresAt: hub.clock.now() - 1 })).status).toBe(400);
    // Without a device key: no link.
    expect((await post(hub.url, '/hub/v1/portal/links', { clientId: 'client-1', language: 'en', expiresAt: hub.clock.now() + DAY })).status).toBe(401);

    expect((await page(hub, `/p/${short.body.token}`)).status).toBe(200);
    hub.clock.advance(61_000);
    const expired = await page(hub, `/p/${short.body.token}`);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('Acest link a expirat');
    expect(expired.html).not.toContain('Parts ordered');
    expect((await page(hub, `/p/${short.body.token}/i/int-1`)).status).toBe(410);

    // A device of another organization cannot revoke it.
    const stranger = await foundingDevice(hub, 'Other org');
    expect((await post(hub.url, '/hub/v1/portal/links/revoke', { linkId: long.body.linkId }, stranger.key)).body).toEqual({ revoked: false });
    expect((await page(hub, `/p/${long.body.token}`)).status).toBe(200);
    expect((await post(hub.url, '/hub/v1/portal/links/revoke', { linkId: long.body.linkId }, office.key)).body).toEqual({ revoked: true });
    const revoked = await page(hub, `/p/${long.body.token}`);
    expect(revoked.status).toBe(410);
    expect(revoked.html).toContain('Այս հղումն այլևս վավեր չէ');
    expect((await page(hub, `/p/${long.body.token}?lang=en`)).html).toContain('This link is no longer valid');
    expect(revoked.html).not.toContain('Parts ordered');

    const unknown = await page(hub, `/p/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Link not found');
  });

  it('a device of another organization gets a link that reads nothing of this organization, even with the same client id', async () => {
    const hub = await startTestHub(engine);
    const office = await foundingDevice(hub);
    await office.sync(clientWorld(office, hub.clock.now()));
    const stranger = await foundingDevice(hub, 'Other org');
    const theirs = await mint(hub, stranger);
    expect(theirs.status).toBe(200);
    const html = (await page(hub, `/p/${theirs.body.token}?lang=en`)).html;
    expect(html).toContain('No open or recent interventions.');
    expect(html).toContain('No upcoming or recent visits.');
    expect(html).not.toContain('RIX-P-00007');
    expect(html).not.toContain('Parts ordered');
    expect(html).not.toContain('Replace the thermostat');
    expect((await page(hub, `/p/${theirs.body.token}/i/int-1`)).status).toBe(404);
  });
});

describe('client portal rate limit', () => {
  it('answers a flood from one address with a translated page and 429, bounded', async () => {
    const hub = await startTestHub('sqlite', { portal: { limits: { perIp: { capacity: 3, perMinute: 1 }, perOrg: { capacity: 100, perMinute: 100 } } } });
    const office = await foundingDevice(hub);
    const link = await mint(hub, office, { language: 'en' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await page(hub, `/p/${link.body.token}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await page(hub, `/p/${link.body.token}`)).html).toContain('Too many requests');
  });
});
