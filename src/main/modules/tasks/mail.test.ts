import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, setupOrg, startTestApp, type TestApp } from '../../testing/harness';
import { startSmtpPeer, type SmtpPeer } from '../../mail/testing/smtpPeer';
import { configureSmtp, sendOutbox, SMTP_LOGIN } from '../../mail/testing/mailApp';
import { takeMessage } from '.';

/** The client's e-mails of a task, end to end: queued with the change, delivered to a real SMTP server, read back. */

let app: TestApp;
let peer: SmtpPeer;
let owner: string;
let branchId: string;
let tech: { id: string };

beforeEach(async () => {
  peer = await startSmtpPeer({ login: SMTP_LOGIN });
  app = await startTestApp();
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'task', branchId, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  tech = await addStaff(app, owner, 'andrius', 'employee', branchId);
});
afterEach(async () => {
  await app.close();
  await peer.close();
});

async function client(language: string | null, email = 'ona@example.test') {
  return (await app.call(owner, 'clients.create', { kind: 'person', name: 'Ona Onaitė', preferredLanguage: language as never, phones: [], emails: [{ address: email }], addresses: [], contacts: [] })).client.id;
}

describe('client e-mails of a task', () => {
  it('tells the client in their language when the task is registered, assigned and completed, and threads their reply back', async () => {
    await configureSmtp(app, owner, peer.port);
    const clientId = await client('lt');
    let t = await app.call(owner, 'tasks.create', { branchId, clientId, priority: 'urgent', subject: 'Neveikia katilas' });
    t = await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'assigned', assigneeId: tech.id });
    t = await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'in_progress' });
    t = await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'done' });
    await sendOutbox(app);
    const mails = await peer.waitFor(3);
    expect(mails.map((m) => [m.rcptTo, m.parsed.subject])).toEqual([
      [['ona@example.test'], '[UZ-00001] Neveikia katilas'],
      [['ona@example.test'], '[UZ-00001] Neveikia katilas'],
      [['ona@example.test'], '[UZ-00001] Neveikia katilas'],
    ]);
    expect(mails[0]!.parsed.text).toContain('Jūsų užklausa užregistruota numeriu UZ-00001');
    expect(mails[1]!.parsed.text).toContain('perduota vykdytojui: andrius');
    expect(mails[2]!.parsed.text).toContain('Darbai pagal jūsų užklausą UZ-00001 baigti');
    const out = (await app.call(owner, 'tasks.get', { id: t.id })).timeline.filter((n) => n.kind === 'email_out');
    expect(out.map((n) => n.mailSubject)).toEqual(['[UZ-00001] Neveikia katilas', '[UZ-00001] Neveikia katilas', '[UZ-00001] Neveikia katilas']);

    // The client answers the mail as it came: the reply lands on the task by the number in its subject.
    const box = await app.call(owner, 'tasks.saveMailbox', { branchId, name: 'Help', host: 'imap.invalid', port: 993, tls: true, login: 'help', folder: 'INBOX', enabled: false, pollSec: 60 });
    const boxRow = app.core.sqlite.prepare('select * from task_mailbox where id = ?').get(box.id) as never;
    const reply = [`From: Ona <ona@example.test>`, `Subject: RE: ${mails[2]!.parsed.subject}`, 'Message-ID: <r1@example.test>', 'Content-Type: text/plain; charset=utf-8', '', 'Ačiū, viskas veikia.', ''].join('\r\n');
    const deps = { db: app.core.db, clock: app.clock, config: app.core.config, services: app.core.services, publish: () => undefined, log: () => undefined };
    expect(await takeMessage(deps, boxRow, { uid: 1, uidValidity: '1', source: Buffer.from(reply) })).toEqual({ outcome: 'reply', taskId: t.id });
    expect(app.core.sqlite.prepare('select count(*) from task').pluck().get()).toBe(1);
  });

  it('writes in the organization’s language to a client without one, and to nobody without an address or mail settings', async () => {
    const silent = await client('ru');
    await app.call(owner, 'tasks.create', { branchId, clientId: silent, priority: 'medium' });
    await configureSmtp(app, owner, peer.port);
    const noAddress = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Bez pasta', phones: [], emails: [], addresses: [], contacts: [] })).client.id;
    await app.call(owner, 'tasks.create', { branchId, clientId: noAddress, priority: 'medium' });
    await app.call(owner, 'tasks.create', { branchId, clientId: await client(null, 'lv@example.test'), priority: 'medium' });
    await sendOutbox(app);
    const [mail] = await peer.waitFor(1);
    expect(mail!.rcptTo).toEqual(['lv@example.test']);
    // The wizard's organization speaks Latvian first; a task without a subject is "your request".
    expect(mail!.parsed.subject).toBe('[UZ-00003] Jūsu pieprasījums');
    expect(peer.received).toHaveLength(1);
  });
});
