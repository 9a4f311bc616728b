import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../clock';
import { disposeTestApp, openTestOrg, personInput, type TestApp } from '../../../testing/harness';
import { startSmtpPeer, type SmtpPeer } from '../../../mail/testing/smtpPeer';
import { configureSmtp, outboxRows, SMTP_LOGIN } from '../../../mail/testing/mailApp';
import { runOutboxOnce } from '../../../mail/sender';
import { startTestHub, type TestHub } from '../../../sync/engine/hubTesting';
import { TASK_NOTICES } from './notices';
import { takeMessage } from '..';

/**
 * Employee notices end to end: queued with the assignment, sent by the notices job through the outbox to a real SMTP
 * server with the hub's phone link (a real hub over HTTP), revoked, and escalated on a moved clock.
 */

const opened: TestApp[] = [];
const hubs: TestHub[] = [];
const peers: SmtpPeer[] = [];
afterEach(async () => {
  for (const h of hubs.splice(0)) await h.stop();
  for (const app of opened.splice(0)) await disposeTestApp(app);
  for (const p of peers.splice(0)) await p.close();
});

async function office(opts: { hub?: boolean; language?: 'en' | 'lt' } = {}) {
  const clock = new ManualClock(Date.now());
  const peer = await startSmtpPeer({ login: SMTP_LOGIN });
  peers.push(peer);
  const { app, owner } = await openTestOrg({ config: { clock } });
  opened.push(app);
  await configureSmtp(app, owner, peer.port);
  let hub: TestHub | null = null;
  if (opts.hub) {
    hub = await startTestHub({ now: () => clock.now() });
    hubs.push(hub);
    await app.call(owner, 'sync.register', { hubUrl: hub.url, code: await hub.newOrgCode('Test Serviss'), deviceName: 'Vilnius desk' });
  }
  const [branch] = await app.call(owner, 'branches.list', {});
  await app.call(owner, 'series.create', { docType: 'task', branchId: branch!.id, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const dispatcher = await app.call(owner, 'users.create', { login: 'rasa', password: 'password-123', name: 'Rasa Dispečerė', email: 'rasa@serviss.example', role: 'dispatcher', language: 'lt', branchIds: [branch!.id] });
  const employee = await app.call(owner, 'users.create', { login: 'jonas', password: 'password-123', name: 'Jonas Jonaitis', email: 'jonas@serviss.example', role: 'employee', language: opts.language ?? 'en', branchIds: [branch!.id] });
  const clientId = (await app.call(owner, 'clients.create', { ...personInput('Ona Onaitė'), phones: [{ number: '+37060000001' }] })).client.id;
  const notices = app.core.services.get(TASK_NOTICES);
  return { app, owner, clock, peer, hub, branchId: branch!.id, dispatcher, employee, clientId, notices };
}

describe('employee notices', () => {
  it('an assigned task e-mails the employee in their language with the map links and the phone link, which opens the task; revoked, it does not', async () => {
    const o = await office({ hub: true, language: 'lt' });
    const task = await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'urgent', subject: 'Neveikia katilas', address: 'Gedimino pr. 1, Vilnius', assigneeId: o.employee.id });
    await o.app.call(o.owner, 'sync.now', {});
    // Registered with a hub, the task was numbered provisionally; the round that pushed it brought the final number.
    expect((await o.app.call(o.owner, 'tasks.get', { id: task.id })).number).toBe('UZ-00001');
    await o.notices.run();
    // The outbox on the test's clock (the core runs on it, not on the harness's own).
    await runOutboxOnce({ db: o.app.core.db, clock: o.clock, config: o.app.core.config, log: () => undefined });
    const [mail] = await o.peer.waitFor(1);
    expect(mail!.rcptTo).toEqual(['jonas@serviss.example']);
    // The notice names the task as it was numbered when assigned (provisionally: a search still finds it by that).
    expect(task.number).toMatch(/^UZ-P\d+-000001$/);
    expect(mail!.parsed.subject).toBe(`[${task.number}] Skubu: Neveikia katilas`);
    const text = mail!.parsed.text;
    expect(text).toContain(`Jums paskirta užduotis ${task.number}.`);
    expect(text).toContain('https://www.openstreetmap.org/search?query=Gedimino%20pr.%201%2C%20Vilnius');
    expect(text).toContain('geo:0,0?q=Gedimino%20pr.%201%2C%20Vilnius');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/m\/[A-Za-z0-9_-]+)/.exec(text)![1]!;
    const page = await (await fetch(url)).text();
    expect(page).toContain('Užduotis UZ-00001');
    expect(page).toContain('Patvirtinti gavimą');

    const [notice] = await o.app.call(o.owner, 'tasks.notices.list', { taskId: task.id });
    expect(notice).toMatchObject({ employeeId: o.employee.id, channel: 'email', priority: 'urgent', acknowledgedAt: null, linkRevokedAt: null });
    expect(notice!.sentAt).not.toBeNull();
    expect(notice!.linkExpiresAt).not.toBeNull();

    await o.app.call(o.owner, 'tasks.notices.revoke', { taskId: task.id });
    await o.notices.run();
    const revoked = await fetch(url);
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).toContain('Ši nuoroda atšaukta');
  });

  it('an urgent task not acknowledged in 15 minutes escalates once to the dispatcher (push and e-mail); acknowledged in time, it does not', async () => {
    const o = await office();
    const events: { name: string; payload: unknown; userId?: string }[] = [];
    o.app.core.bus.on((e) => void events.push(e));
    const late = await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'urgent', subject: 'Late', assigneeId: o.employee.id });
    const quick = await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'urgent', subject: 'Quick', assigneeId: o.employee.id });
    const medium = await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'medium', subject: 'Medium', assigneeId: o.employee.id });
    await o.notices.run();
    // Without a hub, the notice asks for a reply instead of a link.
    const sent = (await outboxRows(o.app)).filter((r) => r.recipient === 'jonas@serviss.example');
    expect(sent).toHaveLength(3);
    expect(sent[0]!.body).toContain('Reply to this e-mail to acknowledge the task');
    expect(sent[0]!.body).not.toContain('/m/');

    o.clock.advance(5 * 60_000);
    await o.app.call(o.owner, 'tasks.move', { id: quick.id, version: quick.version, status: 'acknowledged' });
    o.clock.advance(10 * 60_000 - 1);
    await o.notices.run();
    expect(events.filter((e) => e.name === 'tasks.escalated')).toEqual([]);
    o.clock.advance(1);
    await o.notices.run();
    await o.notices.run();
    const escalated = events.filter((e) => e.name === 'tasks.escalated');
    expect(escalated).toEqual([expect.objectContaining({ payload: { taskId: late.id, number: late.number, employeeName: 'Jonas Jonaitis' }, userId: o.dispatcher.id })]);
    const toDispatcher = (await outboxRows(o.app)).filter((r) => r.recipient === 'rasa@serviss.example');
    expect(toDispatcher).toHaveLength(1);
    expect(toDispatcher[0]!.subject).toBe(`[${late.number}] Gavimas nepatvirtintas: Late`);
    expect(toDispatcher[0]!.body).toContain('per 15 minučių');
    const timeline = (await o.app.call(o.owner, 'tasks.get', { id: late.id })).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'change', text: JSON.stringify({ escalated: true, assigneeId: o.employee.id }) });
    const notices = Object.fromEntries(
      await Promise.all([late, quick, medium].map(async (t) => [t.subject, (await o.app.call(o.owner, 'tasks.notices.list', { taskId: t.id }))[0]] as const)),
    );
    expect(notices.Late).toMatchObject({ acknowledgedAt: null });
    expect(notices.Late!.escalatedAt).not.toBeNull();
    expect(notices.Quick).toMatchObject({ acknowledgedVia: 'desktop', escalatedAt: null });
    expect(notices.Medium).toMatchObject({ acknowledgedAt: null, escalatedAt: null });
  });

  it('follows the organization minutes and the employee preferences (none: nothing sent; SMS to their mobile)', async () => {
    const o = await office();
    await o.app.call(o.owner, 'tasks.notices.saveSettings', { escalateMinutes: 5 });
    expect(await o.app.call(o.owner, 'tasks.notices.settings', {})).toEqual({ escalateMinutes: 5 });
    const prefs = await o.app.call(o.owner, 'tasks.notices.savePrefs', { userId: o.employee.id, prefs: { urgent: 'none', medium: 'both', notUrgent: 'email', phone: '+370 600 00002' } });
    expect(prefs).toEqual({ urgent: 'none', medium: 'both', notUrgent: 'email', phone: '+37060000002' });
    // An employee reads their own; not a colleague's.
    const jonas = await o.app.login('jonas', 'password-123');
    expect(await o.app.call(jonas, 'tasks.notices.prefs', { userId: o.employee.id })).toEqual(prefs);
    await expect(o.app.call(jonas, 'tasks.notices.prefs', { userId: o.dispatcher.id })).rejects.toThrow(/"code":"forbidden"/);
    await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'urgent', subject: 'Silent', assigneeId: o.employee.id });
    await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'medium', subject: 'Both', address: 'Pylimo g. 2', assigneeId: o.employee.id });
    await o.notices.run();
    const rows = (await outboxRows(o.app)).filter((r) => r.ref_entity === 'task_notice');
    expect(rows.map((r) => [r.channel, r.recipient]).sort()).toEqual([
      ['email', 'jonas@serviss.example'],
      ['sms', '+37060000002'],
    ]);
    expect(rows.find((r) => r.channel === 'sms')!.body).toBe('[UZ-00002] Medium: Both. Pylimo g. 2');
    o.clock.advance(5 * 60_000);
    await o.notices.run();
    expect((await outboxRows(o.app)).filter((r) => r.recipient === 'rasa@serviss.example')).toHaveLength(1);
  });

  it("without a hub, the employee's reply to the notice acknowledges the task (a client's or a colleague's reply does not)", async () => {
    const o = await office();
    const task = await o.app.call(o.owner, 'tasks.create', { branchId: o.branchId, clientId: o.clientId, priority: 'urgent', subject: 'Katilas', assigneeId: o.employee.id });
    await o.notices.run();
    const notice = (await outboxRows(o.app)).find((r) => r.recipient === 'jonas@serviss.example')!;
    const box = await o.app.call(o.owner, 'tasks.saveMailbox', { branchId: o.branchId, name: 'Help', host: 'imap.invalid', port: 993, tls: true, login: 'help', folder: 'INBOX', enabled: false, pollSec: 60 });
    const boxRow = o.app.core.sqlite.prepare('select * from task_mailbox where id = ?').get(box.id) as never;
    const deps = { db: o.app.core.db, clock: o.clock, config: o.app.core.config, services: o.app.core.services, publish: () => undefined, log: () => undefined };
    const reply = (from: string, id: string) => Buffer.from([`From: ${from}`, `Subject: RE: ${notice.subject}`, `Message-ID: <${id}@example.test>`, 'Content-Type: text/plain; charset=utf-8', '', 'Gerai.', ''].join('\r\n'));
    expect(await takeMessage(deps, boxRow, { uid: 1, uidValidity: '1', source: reply('Rasa <rasa@serviss.example>', 'r1') })).toEqual({ outcome: 'reply', taskId: task.id });
    expect((await o.app.call(o.owner, 'tasks.get', { id: task.id })).status).toBe('assigned');
    expect(await takeMessage(deps, boxRow, { uid: 2, uidValidity: '1', source: reply('Jonas <JONAS@serviss.example>', 'r2') })).toEqual({ outcome: 'reply', taskId: task.id });
    const after = await o.app.call(o.owner, 'tasks.get', { id: task.id });
    expect(after.status).toBe('acknowledged');
    expect(after.timeline.find((n) => n.text.includes('"via":"email"'))).toMatchObject({ kind: 'change', personId: o.employee.id });
    expect((await o.app.call(o.owner, 'tasks.notices.list', { taskId: task.id }))[0]).toMatchObject({ acknowledgedVia: 'email' });
    // Acknowledged in time: no escalation later.
    o.clock.advance(60 * 60_000);
    await o.notices.run();
    expect((await outboxRows(o.app)).filter((r) => r.recipient === 'rasa@serviss.example')).toEqual([]);
  });
});
