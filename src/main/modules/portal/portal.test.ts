import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { disposeTestApp, openTestOrg, type TestApp } from '../../testing/harness';
import { startTestHub, type TestHub } from '../../sync/engine/hubTesting';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../mail/testing/smtpPeer';
import { configureSmtp, SMTP_LOGIN } from '../../mail/testing/mailApp';
import { runOutboxOnce } from '../../mail/sender';

/**
 * The client portal from the desktop: a registered desk asks a real hub (SQLite, HTTP on 127.0.0.1) for a client's
 * link, the client's intervention mails (to a real SMTP server) carry it, a public timeline entry shows on the hub's
 * page and a private one does not, and revoking ends the page. Without a hub there are no links and the mails are as
 * they were.
 */

const CLIENT = 'birojs@gertrudes.example.lv';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function office(withHub: boolean): Promise<{ app: TestApp; owner: string; hub: TestHub | null; peer: SmtpPeer; branchId: string; clientId: string; techId: string }> {
  const peer = await startSmtpPeer({ login: SMTP_LOGIN });
  cleanup.push(() => peer.close());
  const hub = withHub ? await startTestHub() : null;
  if (hub) cleanup.push(() => hub.stop());
  const { app, owner } = await openTestOrg({ config: { clock: systemClock } });
  cleanup.push(() => disposeTestApp(app));
  if (hub) await app.call(owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Rīga desk' });
  const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const tech = await app.call(owner, 'users.create', { login: 'janis', password: 'password-123', name: 'Jānis Bērziņš', email: 'janis@serviss.example.lv', role: 'employee', language: 'lv', branchIds: [branchId] });
  const c = await app.call(owner, 'clients.create', {
    kind: 'company',
    name: 'SIA Ģertrūdes Serviss',
    phones: [{ number: '+37167111222' }],
    emails: [{ address: CLIENT }],
    addresses: [{ street: 'Ģertrūdes iela 10', locality: 'Rīga', country: 'LV' }],
    contacts: [],
    preferredLanguage: 'en',
  });
  await configureSmtp(app, owner, peer.port);
  return { app, owner, hub, peer, branchId, clientId: c.client.id, techId: tech.id };
}

async function deliver(app: TestApp, peer: SmtpPeer): Promise<ReceivedMail[]> {
  const before = peer.received.length;
  // The desk runs on the real clock (the hub's links expire by it), so the outbox is run on it too.
  const run = await runOutboxOnce({ db: app.core.db, clock: systemClock, config: app.core.config, log: () => undefined });
  expect(run).toMatchObject({ retrying: 0, failed: 0 });
  if (run.sent) await peer.waitFor(before + run.sent);
  return peer.received.slice(before);
}

const allocated = (o: { branchId: string; clientId: string; techId: string }) => ({
  branchId: o.branchId,
  clientId: o.clientId,
  priority: 'high' as const,
  docDate: new Date().toISOString().slice(0, 10),
  takenById: o.techId,
  responsibleId: o.techId,
  startAt: new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 16) + ':00Z',
  endAt: new Date(Date.now() + 26 * 3600_000).toISOString().slice(0, 16) + ':00Z',
});

describe('client portal links from the desktop', () => {
  it('mints a link on the hub, mails carry it, the page shows public entries only, and revoking ends it', async () => {
    const o = await office(true);
    const { app, owner, hub, peer } = o;
    expect(await app.call(owner, 'portal.links', { clientId: o.clientId })).toEqual({ hub: 'registered', links: [] });

    const link = await app.call(owner, 'portal.create', { clientId: o.clientId, language: 'en' });
    expect(link.url).toMatch(new RegExp(`^${hub!.url}/p/[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(30 * 24 * 3600_000);
    const listed = await app.call(owner, 'portal.links', { clientId: o.clientId });
    expect(listed.links.map((l: { id: string; url: string }) => [l.id, l.url])).toEqual([[link.id, link.url]]);
    // The address is kept sealed: the file alone does not hold the token.
    const token = link.url.split('/p/')[1]!;
    const stored = app.core.sqlite.prepare('select url_sealed from portal_link').pluck().get() as string;
    expect(stored).not.toContain(token);

    // An intervention with a public and a private entry, synced to the hub.
    const created = await app.call(owner, 'interventions.create', allocated(o));
    await app.call(owner, 'interventions.addNote', { id: created.id, style: 2, text: 'Spare part ordered <script>alert(1)</script>', public: true });
    const privateNote = await app.call(owner, 'interventions.addNote', { id: created.id, style: 2, text: 'Dog in the yard, call first' });
    expect(privateNote.public).toBe(false);
    await app.call(owner, 'sync.now', {});
    let page = await (await fetch(link.url)).text();
    expect(page).toContain('Spare part ordered &#60;script&#62;');
    expect(page).not.toContain('Dog in the yard');
    expect(page).toContain('Jānis Bērziņš');

    // Marked public later: shown after the next sync; hidden again: gone.
    const shown = await app.call(owner, 'interventions.setNotePublic', { id: created.id, noteId: privateNote.id, public: true });
    expect(shown.public).toBe(true);
    await app.call(owner, 'sync.now', {});
    expect(await (await fetch(link.url)).text()).toContain('Dog in the yard');
    await app.call(owner, 'interventions.setNotePublic', { id: created.id, noteId: privateNote.id, public: false });
    await app.call(owner, 'sync.now', {});
    page = await (await fetch(link.url)).text();
    expect(page).not.toContain('Dog in the yard');
    expect(await (await fetch(`${link.url}/i/${created.id}`)).text()).toContain('Spare part ordered');

    // The client's mail about the allocation carries the link; the technician's does not.
    const mails = await deliver(app, peer);
    const toClient = mails.find((m) => m.rcptTo.includes(CLIENT))!;
    expect(toClient.parsed.text).toContain(`Follow your requests online (interventions, visits, requests): ${link.url}`);
    for (const m of mails.filter((x) => !x.rcptTo.includes(CLIENT))) expect(m.parsed.text).not.toContain('/p/');

    expect(await app.call(owner, 'portal.revoke', { id: link.id })).toEqual({ told: true });
    const gone = await fetch(link.url);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This link is no longer valid');
    expect((await app.call(owner, 'portal.links', { clientId: o.clientId })).links).toEqual([]);
    const again = await app.raw(owner, 'portal.revoke', { id: link.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', key: 'errors.portal_link_not_found' } });
  });

  it('makes no link while the hub is away, and tells the hub of a revocation made then once it is back', async () => {
    const o = await office(true);
    const { app, owner, hub } = o;
    const link = await app.call(owner, 'portal.create', { clientId: o.clientId, language: 'ro', days: 7 });
    await hub!.stop();
    const refused = await app.raw(owner, 'portal.create', { clientId: o.clientId, language: 'ro' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.hub_offline' } });
    expect(app.core.sqlite.prepare('select count(*) from portal_link').pluck().get()).toBe(1);
    expect(await app.call(owner, 'portal.revoke', { id: link.id })).toEqual({ told: false });
    await hub!.start();
    // Still open on the hub until it is told; the next call to the hub tells it.
    expect((await fetch(link.url)).status).toBe(200);
    await app.call(owner, 'portal.create', { clientId: o.clientId, language: 'en' });
    expect((await fetch(link.url)).status).toBe(410);
  });

  it('without a hub: no portal, a clear refusal, and the client mail without a link line', async () => {
    const o = await office(false);
    const { app, owner, peer } = o;
    expect(await app.call(owner, 'portal.links', { clientId: o.clientId })).toEqual({ hub: 'none', links: [] });
    const refused = await app.raw(owner, 'portal.create', { clientId: o.clientId, language: 'en' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.portal_no_hub' } });
    await app.call(owner, 'interventions.create', allocated(o));
    const mails = await deliver(app, peer);
    const toClient = mails.find((m) => m.rcptTo.includes(CLIENT))!;
    expect(toClient.parsed.text).toContain('Your request has been scheduled.');
    expect(toClient.parsed.text).not.toContain('Follow your requests online');
  });
});
