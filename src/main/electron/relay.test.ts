import { describe, expect, it } from 'vitest';
import { createOrg } from '../modules/auth/setup';
import { createBranch, createUser } from '../modules/organization/service';
import { OWNER, personInput, SETUP_INPUT, withCtx, type TestApp } from '../testing/harness';
import { withTestApp } from '../testing/fixtures';
import { attachmentForSession } from '../modules/interventions/attachmentAccess';
import { uploaded } from '../testing/uploads';
import { Relay, type WindowEvent } from './relay';

const CLIENT = personInput('Anna Liepiņa');

let app: TestApp;
let relay: Relay;
const inbox = new Map<number, WindowEvent[]>();
const open = (id: number) => {
  inbox.set(id, []);
  return relay.attach(id, (e) => inbox.get(id)!.push(e));
};
const me = async (id: number) => {
  const r = await relay.call(id, 'auth.me', {});
  return r.ok ? (r.data as { login: string; orgId: string } | null) : r.error;
};

withTestApp('file', (started) => {
  app = started;
  relay = new Relay(
    (req) => app.core.dispatch(req),
    (req) => attachmentForSession(app.core, req.sha, req.sessionToken),
  );
  app.core.bus.on((e) => relay.publish(e));
});

describe('Relay: the window-to-core binding of the desktop app', () => {
  it('keeps the session token in main and routes events only to windows of the same organization', async () => {
    open(1);
    open(2);
    open(3);
    const setup = await relay.call(1, 'setup.run', SETUP_INPUT);
    expect(setup.ok).toBe(true);
    // The renderer gets the user, never the token.
    expect(Object.keys(setup).sort()).toEqual(['data', 'ok']);
    expect(JSON.stringify(setup)).not.toMatch(/token/i);
    expect(relay.orgOf(1)).toBe((setup as { data: { orgId: string } }).data.orgId);
    expect(await me(1)).toMatchObject({ login: OWNER.login });
    expect(await me(2)).toBeNull();

    await withCtx(app, null, async (ctx) => {
      const orgId = await createOrg(ctx, { name: 'Other Org', country: 'LT', timeZone: 'Europe/Vilnius', languages: ['lt'] });
      const b = await createBranch(ctx, { name: 'Vilnius', timeZone: 'Europe/Vilnius' }, { orgId });
      await createUser(ctx, { login: 'other.owner', password: 'password-123', name: 'Other Owner', role: 'owner', language: 'lt', branchIds: [b.id] }, { orgId });
    });
    expect(await relay.call(3, 'auth.login', { login: 'other.owner', password: 'password-123' })).toMatchObject({ ok: true });

    expect(await relay.call(1, 'clients.create', CLIENT)).toMatchObject({ ok: true });
    expect(inbox.get(1)).toEqual([{ name: 'clients.changed', payload: { ids: [expect.any(String)] } }]);
    expect(inbox.get(2)).toEqual([]); // not logged in
    expect(inbox.get(3)).toEqual([]); // another organization

    expect(await relay.call(3, 'clients.create', CLIENT)).toMatchObject({ ok: true });
    expect(inbox.get(1)).toHaveLength(1);
    expect(inbox.get(3)).toHaveLength(1);
  });

  it('a failed login keeps the session already open in that window', async () => {
    expect(await relay.call(1, 'auth.login', { login: OWNER.login, password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await me(1)).toMatchObject({ login: OWNER.login });
  });

  it('logout clears the session and stops the events', async () => {
    inbox.get(1)!.length = 0;
    expect(await relay.call(1, 'auth.logout', {})).toMatchObject({ ok: true });
    expect(await me(1)).toBeNull();
    expect(relay.orgOf(1)).toBeNull();
    await relay.call(3, 'auth.login', OWNER);
    expect(await relay.call(3, 'clients.create', { ...CLIENT, name: 'Jānis Bērziņš' })).toMatchObject({ ok: true });
    expect(inbox.get(1)).toEqual([]);
  });

  it('an expired session stops the events as soon as a call finds it dead', async () => {
    const r = await relay.call(1, 'auth.login', OWNER);
    expect(r.ok).toBe(true);
    const orgId = relay.orgOf(1);
    expect(orgId).toEqual((r as { data: { orgId: string } }).data.orgId);
    app.clock.advance(app.core.config.sessionIdleMs + 60_000);
    expect(await relay.call(1, 'clients.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(relay.orgOf(1)).toBeNull();
    inbox.get(1)!.length = 0;
    relay.publish({ name: 'clients.changed', payload: { ids: [] }, orgId: orgId! });
    expect(inbox.get(1)).toEqual([]);
  });

  it('a window that is gone has no session', async () => {
    const close = open(4);
    await relay.call(4, 'auth.login', OWNER);
    expect(await me(4)).toMatchObject({ login: OWNER.login });
    close();
    expect(await relay.call(4, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await relay.call(99, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('gives a window only the timeline files its own session may read', async () => {
    const owner = await app.login('owner', 'owner-pass-1');
    const [riga] = await app.call(owner, 'branches.list', {});
    const far = await app.call(owner, 'branches.create', { name: 'Tālā', timeZone: 'Europe/Riga' });
    await app.call(owner, 'users.create', { login: 'far.tech', password: 'password-123', name: 'Far', role: 'employee', language: 'en', branchIds: [far.id] });
    const client = await app.call(owner, 'clients.create', { kind: 'person', name: 'Anna Liepiņa', phones: [], emails: [], addresses: [], contacts: [] });
    const doc = await app.call(owner, 'interventions.create', { branchId: riga!.id, clientId: client.client.id, priority: 'low', docDate: '2026-11-23' });
    const note = await app.call(owner, 'interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name: 'akts.pdf', uploadId: await uploaded(app, owner, '%PDF') } });
    const sha = note.attachmentSha256!;

    open(21);
    open(22);
    open(23);
    expect((await relay.call(21, 'auth.login', { login: 'owner', password: 'owner-pass-1' })).ok).toBe(true);
    expect((await relay.call(22, 'auth.login', { login: 'far.tech', password: 'password-123' })).ok).toBe(true);
    expect(await relay.attachment(21, sha)).toEqual({ path: expect.any(String), name: 'akts.pdf' });
    // Another branch's clerk, a window nobody logged in to, a window that is gone: nothing.
    expect(await relay.attachment(22, sha)).toBeNull();
    expect(await relay.attachment(23, sha)).toBeNull();
    expect(await relay.attachment(99, sha)).toBeNull();
  });

  it('tells main whether a window’s user may hear an event, and in which language (for OS notifications)', async () => {
    const owner = await app.login('owner', 'owner-pass-1');
    const [riga] = await app.call(owner, 'branches.list', {});
    const far = await app.call(owner, 'branches.create', { name: 'Tālā 2', timeZone: 'Europe/Riga' });
    await app.call(owner, 'users.create', { login: 'far.disp', password: 'password-123', name: 'Far Dispatcher', role: 'dispatcher', language: 'lv', branchIds: [far.id] });
    open(31);
    open(32);
    expect((await relay.call(31, 'auth.login', { login: 'far.disp', password: 'password-123' })).ok).toBe(true);
    const orgId = relay.orgOf(31)!;
    const warning = (branchId: string) => ({ name: 'interventions.warning', orgId, branchIds: [branchId], payload: {} });
    expect(relay.mayHear(31, warning(far.id))).toBe(true);
    expect(relay.mayHear(31, warning(riga!.id))).toBe(false);
    expect(relay.mayHear(32, warning(far.id))).toBe(false); // nobody logged in there
    expect(relay.languageOf(31)).toBe('lv');
    expect(relay.languageOf(32)).toBe('en');
  });
});
