import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../api/events';
import { mayReceive } from '../../../api/events';
import { addStaff, setupOrg, startTestApp, type TestApp } from '../../../testing/harness';
import { startSmtpPeer, type SmtpPeer } from '../../../mail/testing/smtpPeer';
import { configureSmtp, sendOutbox, SMTP_LOGIN } from '../../../mail/testing/mailApp';
import { formatDay } from '../../../mail/templates';
import { sqlGridSource } from '../sqlSource';
import { limitsOf } from './rules';
import { candidateQueries, scanWarnings } from './scan';

/** The warnings job end to end: a clock the test moves, the real scan, the real outbox and a real SMTP server. */

const MANAGER = 'inese@serviss.example.lv';
let app: TestApp;
let peer: SmtpPeer;
let owner: string;
let branchId: string;
let otherBranchId: string;
let clientId: string;
let techId: string;
let respId: string;
let events: PushEvent[];

beforeEach(async () => {
  peer = await startSmtpPeer({ login: SMTP_LOGIN });
  app = await startTestApp();
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  otherBranchId = (await app.call(owner, 'branches.create', { name: 'Liepāja', address: null, timeZone: 'Europe/Riga' })).id;
  await app.call(owner, 'users.create', { login: 'vaditajs', password: 'password-123', name: 'Inese Kalniņa', email: MANAGER, role: 'branch_manager', language: 'lv', branchIds: [branchId] });
  await app.call(owner, 'users.create', { login: 'citur', password: 'password-123', name: 'Other Manager', email: 'other@serviss.example.lv', role: 'branch_manager', language: 'en', branchIds: [otherBranchId] });
  techId = (await addStaff(app, owner, 'tech', 'employee', branchId)).id;
  respId = (await addStaff(app, owner, 'disp', 'dispatcher', branchId)).id;
  clientId = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Anna Ozola', phones: [], emails: [], addresses: [], contacts: [] })).client.id;
  await app.call(owner, 'interventions.setSettings', { ...(await app.call(owner, 'interventions.settings', {})), warningHours: 2, unconfirmedHours: 1, overdueGraceMinutes: 0 });
  await configureSmtp(app, owner, peer.port);
  events = [];
  app.core.bus.on((e) => void events.push(e));
});
afterEach(async () => {
  await app.close();
  await peer.close();
});

const scan = () => scanWarnings({ db: app.core.db, clock: app.clock, config: app.core.config, publish: (e) => app.core.bus.publish(e) });
const kinds = (r: { raised: { kind: string }[] }) => r.raised.map((w) => w.kind).sort();
const doc = (over: Record<string, unknown> = {}) => ({ branchId, clientId, priority: 'medium' as const, docDate: '2026-11-23', ...over });
const team = { takenById: '', responsibleId: '', startAt: '2026-11-23T10:00:00.000Z', endAt: '2026-11-23T11:00:00.000Z' };

describe('the warnings job', () => {
  it('raises each warning once as the clock moves (pushed once, mailed once), and resolves it when its condition ends', async () => {
    const allocated = { ...team, takenById: techId, responsibleId: respId };
    const a = await app.call(owner, 'interventions.create', doc()); // received at 09:00
    const b = await app.call(owner, 'interventions.create', doc(allocated)); // allocated at 09:00, ends 11:00
    expect(b.status).toBe('allocated');

    expect(kinds(await scan())).toEqual([]);
    app.clock.set('2026-11-23T09:59:59.999Z');
    expect(kinds(await scan())).toEqual([]);
    app.clock.set('2026-11-23T10:00:00.000Z'); // exactly one hour after the allocation
    expect(kinds(await scan())).toEqual(['unconfirmed']);
    expect(kinds(await scan())).toEqual([]); // idempotent: a second run at the same time raises nothing
    app.clock.set('2026-11-23T11:00:00.000Z'); // two hours after A was taken; B's scheduled end
    expect(kinds(await scan())).toEqual(['overdue', 'unallocated']);
    app.clock.advance(5 * 60_000);
    expect(kinds(await scan())).toEqual([]);

    // Marked in the grid, by both sources alike.
    await app.core.ready;
    const rows = (await app.call(owner, 'interventions.list', { scope: { filters: {} }, offset: 0, limit: 10 })).rows;
    const byId = (list: typeof rows) => Object.fromEntries(list.map((r) => [r.id, r.warnings]));
    expect(byId(rows)).toEqual({ [a.id]: ['unallocated'], [b.id]: ['unconfirmed', 'overdue'] });
    const user = (await app.core.sessions.resolve(owner))!;
    const sqlRows = await sqlGridSource(app.core.db, user).page({ filters: {} }, { sort: 'docDate', desc: true }, 0, 10);
    expect(byId(sqlRows)).toEqual(byId(rows));
    expect(rows.every((r) => r.warning)).toBe(true);

    // Listed for those who see the branch, and for nobody else.
    const list = await app.call(owner, 'interventions.warnings.list', {});
    expect(list.total).toBe(3);
    expect(list.rows.map((w) => `${w.interventionId === a.id ? 'A' : 'B'}:${w.kind}`).sort()).toEqual(['A:unallocated', 'B:overdue', 'B:unconfirmed']);
    const other = await app.login('citur', 'password-123');
    expect(await app.call(other, 'interventions.warnings.list', {})).toEqual({ rows: [], total: 0 });

    // Pushed once per run that raised something, to the branch only.
    const pushed = events.filter((e) => e.name === 'interventions.warning');
    expect(pushed.map((e) => (e.payload as { count: number }).count)).toEqual([1, 2]);
    expect(pushed.every((e) => e.branchIds?.length === 1 && e.branchIds[0] === branchId)).toBe(true);
    const otherUser = (await app.core.sessions.resolve(other))!;
    expect(pushed.some((e) => mayReceive(otherUser, e))).toBe(false);

    // Mailed once each, to the branch's manager, in her language.
    const sent = await sendOutbox(app);
    expect(sent).toMatchObject({ sent: 3, failed: 0 });
    await peer.waitFor(3);
    expect(peer.received.every((m) => m.rcptTo.includes(MANAGER))).toBe(true);
    const day = formatDay('lv', '2026-11-23');
    expect(peer.received.map((m) => m.parsed.subject).sort()).toEqual([`Izsaukums no ${day} — nav laikus apstiprināts`, `Izsaukums no ${day} — nav laikus piešķirts`, `Izsaukums no ${day} — pārsniegts plānotais beigu laiks`]);
    expect(peer.received.map((m) => m.parsed.text).join('\n')).toContain('Brīdinājums: šī izsaukuma plānotais beigu laiks ir pagājis, bet tas nav pabeigts.');

    // Resolved when allocated, confirmed, finalized.
    const open = async () => (await app.call(owner, 'interventions.warnings.list', {})).rows.map((w) => `${w.interventionId === a.id ? 'A' : 'B'}:${w.kind}`).sort();
    const aNow = await app.call(owner, 'interventions.get', { id: a.id });
    await app.call(owner, 'interventions.update', { ...doc(allocated), id: a.id, version: aNow.version, confirmedReal: false });
    const bConfirmed = await app.call(owner, 'interventions.confirm', { id: b.id, version: b.version });
    // A is allocated now with an end already past: "not allocated" gives way to "past its end" in the same run.
    const run = await scan();
    expect(kinds(run)).toEqual(['overdue']);
    expect(run.resolved.map((w) => `${w.interventionId === a.id ? 'A' : 'B'}:${w.kind}`).sort()).toEqual(['A:unallocated', 'B:unconfirmed']);
    expect(await open()).toEqual(['A:overdue', 'B:overdue']);
    await app.call(owner, 'interventions.finalize', { id: b.id, version: bConfirmed.version });
    await scan();
    expect(await open()).toEqual(['A:overdue']);
    expect(await app.core.db.selectFrom('intervention_warning').select(['kind', 'resolved_at']).where('intervention_id', '=', b.id).orderBy('kind').execute()).toEqual([
      { kind: 'overdue', resolved_at: expect.any(String) },
      { kind: 'unconfirmed', resolved_at: expect.any(String) },
    ]);
  });
});

describe('the warnings scan, at scale', () => {
  it('asks only index ranges of the documents, never a scan of the table, once it has run', async () => {
    const limits = limitsOf({ warningHours: 24, unconfirmedHours: 8, overdueGraceMinutes: 60 });
    const now = app.clock.now();
    const user = (await app.core.sessions.resolve(owner))!;
    const queries = candidateQueries(app.core.db, user.orgId, limits, { at: now - 60_000, seq: 1 }, now);
    expect(queries).toHaveLength(5);
    for (const q of queries) {
      const { sql, parameters } = q.compile();
      const plan = (app.core.sqlite.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
      // The change record by its (org_id, seq) index; the documents by theirs: a range each, never a scan.
      expect(plan.join(' | '), sql).toMatch(/^SEARCH (intervention|change_log) USING (COVERING )?INDEX/);
      expect(plan.join(' | ')).not.toMatch(/\bSCAN\b/);
    }
  });

  it('a warning whose condition comes back is raised again (a new lapse, mailed again), on the same row', async () => {
    const allocated = { ...team, startAt: '2026-11-24T10:00:00.000Z', endAt: '2026-11-24T11:00:00.000Z', takenById: techId, responsibleId: respId };
    const a = await app.call(owner, 'interventions.create', doc());
    app.clock.set('2026-11-23T11:00:00.000Z');
    expect(kinds(await scan())).toEqual(['unallocated']);
    const given = await app.call(owner, 'interventions.update', { ...doc(allocated), id: a.id, version: a.version, confirmedReal: false });
    expect((await scan()).resolved.map((w) => w.kind)).toEqual(['unallocated']);
    // The team is taken off again: the document is waiting for an allocation, and was for hours.
    await app.call(owner, 'interventions.update', { ...doc(), id: a.id, version: given.version, confirmedReal: false });
    expect(kinds(await scan())).toEqual(['unallocated']);
    const row = await app.core.db.selectFrom('intervention_warning').selectAll().where('intervention_id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'unallocated', times: 2, resolved_at: null, due_at: '2026-11-23T11:00:00.000Z' });
    expect(await sendOutbox(app)).toMatchObject({ sent: 2 });
  });

  it('looks at nothing in a quiet minute, and resolves the warning of a deleted document', async () => {
    const a = await app.call(owner, 'interventions.create', doc());
    const b = await app.call(owner, 'interventions.create', doc());
    app.clock.set('2026-11-23T11:00:00.000Z');
    expect(await scan()).toMatchObject({ looked: 2, raised: [{ kind: 'unallocated' }, { kind: 'unallocated' }] });
    app.clock.advance(60_000);
    expect(await scan()).toEqual({ looked: 0, raised: [], resolved: [] });
    expect(await app.call(owner, 'interventions.warnings.list', {})).toMatchObject({ total: 2 });
    await app.call(owner, 'interventions.delete', { id: a.id });
    // Before the next scan resolves it, a deleted document's warning is neither listed nor counted.
    expect(await app.call(owner, 'interventions.warnings.list', {})).toMatchObject({ total: 1, rows: [{ interventionId: b.id }] });
    expect(await scan()).toEqual({ looked: 1, raised: [], resolved: [{ interventionId: a.id, kind: 'unallocated' }] });
    await app.call(owner, 'interventions.delete', { id: b.id });
    expect(await app.call(owner, 'interventions.warnings.list', {})).toEqual({ rows: [], total: 0 });
  });

  it('refuses limits out of range with a translated error, changing nothing', async () => {
    const settings = await app.call(owner, 'interventions.settings', {});
    const r = await app.raw(owner, 'interventions.setSettings', { ...settings, unconfirmedHours: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'unconfirmedHours' } });
    const g = await app.raw(owner, 'interventions.setSettings', { ...settings, overdueGraceMinutes: 1441 });
    expect(g).toMatchObject({ ok: false, error: { code: 'validation', field: 'overdueGraceMinutes' } });
    expect(await app.call(owner, 'interventions.settings', {})).toEqual(settings);
  });
});
