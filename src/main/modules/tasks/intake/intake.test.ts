import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../testing/dovecot';
import { personInput, type TestApp } from '../../../testing/harness';
import { withTestOrg } from '../../../testing/fixtures';
import { createIntake, TASK_INTAKE, type TaskIntake } from '.';
import { takeMessage, takeMessages } from './take';

let dovecot: Dovecot;
let app: TestApp;
let owner: string;
let branchId: string;
let user = 0;

beforeAll(async () => {
  dovecot = await startDovecot(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`help${i}`, `pass-${i}`])));
});
afterAll(async () => {
  await dovecot?.stop();
});

withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'task', branchId, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  await app.call(owner, 'clients.create', { ...personInput('Jonas Jonaitis'), emails: [{ address: 'Jonas@Example.test' }] });
});

const deps = () => ({ db: app.core.db, clock: app.clock, config: app.core.config, services: app.core.services, publish: () => undefined, log: () => undefined });
const count = (sql: string, ...args: unknown[]) => app.core.sqlite.prepare(sql).pluck().get(...args) as number;

/** A fresh Dovecot user and a mailbox of the organization reading it. */
async function mailbox(over: Record<string, unknown> = {}) {
  const i = user++;
  const m = await app.call(owner, 'tasks.saveMailbox', { branchId, name: `Help ${i}`, host: '127.0.0.1', port: dovecot.imapPort, tls: false, login: `help${i}`, password: `pass-${i}`, folder: 'INBOX', enabled: true, pollSec: 15, ...over });
  return { ...m, user: `help${i}`, password: `pass-${i}` };
}

async function until(what: string, pred: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A Russian request as Thunderbird writes it: RFC 2047 base64 subject and sender name, a base64 body. */
const russianRaw = crlf(`From: =?UTF-8?B?${b64('Иван Петров')}?= <ivan@example.test>
To: help@example.test
Subject: =?UTF-8?B?${b64('Течёт кран на кухне')}?=
Message-ID: <ru-1@example.test>
Date: Mon, 23 Nov 2026 08:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

${b64('Здравствуйте! Течёт кран, адрес: ул. Ленина 5.\n')}
`);

/** A delivery failure as Postfix reports it (RFC 3464). */
const bounceRaw = crlf(`From: MAILER-DAEMON@mx.example.test (Mail Delivery System)
To: help@example.test
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce-1@mx.example.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

The mail system could not deliver your message.
--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.test
Final-Recipient: rfc822; nobody@example.test
Action: failed
Status: 5.1.1
--B1--
`);

describe('mail intake against a real Dovecot', () => {
  it('turns real-world messages into tasks, threads replies onto them and ignores machines', async () => {
    const box = await mailbox();
    const intake = app.core.services.get(TASK_INTAKE);
    const taken: string[] = [];
    intake.events.taken = (_m, _uid, outcome) => void taken.push(outcome);
    const to = 'help@example.test';
    // Lithuanian subject (RFC 2047 by nodemailer), quoted-printable body, from a known client (address case differs).
    await dovecot.deliver(box.user, { from: '"Jonas" <jonas@example.test>', to, subject: 'Neveikia šildymas – skubu', text: 'Laba diena, neveikia šildymas. Ačiū!', textEncoding: 'quoted-printable', messageId: '<lt-1@example.test>' });
    await dovecot.deliver(box.user, { raw: russianRaw });
    await dovecot.deliver(box.user, { from: 'anna@example.test', to, subject: 'Broken door', html: '<p>The <b>door</b> of flat 12 does not close.</p>', messageId: '<html-1@example.test>' });
    await dovecot.deliver(box.user, {
      from: 'photo@example.test',
      to,
      subject: 'Crack in the wall',
      html: '<p>See the photo: <img src="cid:crack@x"></p>',
      attachments: [{ filename: 'crack.png', content: PNG, cid: 'crack@x' }],
    });
    await dovecot.deliver(box.user, {
      from: 'office@example.test',
      to,
      subject: 'Fwd: Lift stuck',
      text: 'Forwarding the tenant’s message.',
      attachments: [{ filename: 'original.eml', content: crlf('From: tenant@example.test\nSubject: Lift stuck\n\nThe lift is stuck on floor 3.\n'), contentType: 'message/rfc822' }],
    });
    await dovecot.deliver(box.user, { from: 'jonas@example.test', to, subject: 'Automatic reply: Neveikia šildymas', text: 'I am away.', headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' } });
    await dovecot.deliver(box.user, { raw: bounceRaw });
    await intake.sync();
    await until('7 messages taken', () => taken.length === 7);
    expect(taken.sort()).toEqual(['auto_reply', 'bounce', 'task', 'task', 'task', 'task', 'task']);

    const tasks = app.core.sqlite.prepare(`select * from task order by number`).all() as Record<string, unknown>[];
    expect(tasks.map((t) => [t.number, t.subject, t.source, t.client_review])).toEqual([
      ['UZ-00001', 'Neveikia šildymas – skubu', 'email', 0],
      ['UZ-00002', 'Течёт кран на кухне', 'email', 1],
      ['UZ-00003', 'Broken door', 'email', 1],
      ['UZ-00004', 'Crack in the wall', 'email', 1],
      ['UZ-00005', 'Lift stuck', 'email', 1],
    ]);
    expect(tasks[0]).toMatchObject({ client_name: 'Jonas Jonaitis', description: 'Laba diena, neveikia šildymas. Ačiū!' });
    expect(tasks[1]).toMatchObject({ client_name: 'Иван Петров', client_email: 'ivan@example.test', description: 'Здравствуйте! Течёт кран, адрес: ул. Ленина 5.' });
    expect(String(tasks[2]!.description)).toContain('door of flat 12');
    const files = app.core.sqlite.prepare(`select task_id, file_name, mime, content_id is not null as inline, length(data) as size from task_attachment order by file_name`).all();
    expect(files).toEqual([{ task_id: tasks[3]!.id, file_name: 'crack.png', mime: 'image/png', inline: 1, size: PNG.length }]);
    // A forwarded message is read into the task, as the dispatcher needs it: the tenant's own words.
    expect(String(tasks[4]!.description)).toContain('The lift is stuck on floor 3.');

    // Replies: one by its references, one by the number in its subject; neither makes a task.
    await dovecot.deliver(box.user, { from: 'jonas@example.test', to, subject: 'Re: Neveikia šildymas – skubu', text: 'Vis dar neveikia.', inReplyTo: '<lt-1@example.test>', references: ['<lt-1@example.test>'] });
    await dovecot.deliver(box.user, { from: 'ivan@example.test', to, subject: 'RE: [UZ-00002] кран', text: 'Жду мастера.' });
    await until('2 replies', () => taken.length === 9);
    expect(taken.slice(7)).toEqual(['reply', 'reply']);
    expect(count(`select count(*) from task`)).toBe(5);
    const notes = app.core.sqlite.prepare(`select t.number, n.text from task_note n join task t on t.id = n.task_id where n.kind = 'email_in' order by t.number, n.rowid`).all();
    expect(notes.filter((n) => ['UZ-00001', 'UZ-00002'].includes((n as { number: string }).number))).toEqual([
      { number: 'UZ-00001', text: 'Laba diena, neveikia šildymas. Ačiū!' },
      { number: 'UZ-00001', text: 'Vis dar neveikia.' },
      { number: 'UZ-00002', text: 'Здравствуйте! Течёт кран, адрес: ул. Ленина 5.' },
      { number: 'UZ-00002', text: 'Жду мастера.' },
    ]);

    // Every message is marked taken on the server, and nothing is taken twice.
    const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
    await imap.connect();
    await imap.mailboxOpen('INBOX');
    expect(await imap.search({ unKeyword: '$PlanoraTask' }, { uid: true })).toEqual([]);
    expect(await imap.search({ seen: true }, { uid: true })).toHaveLength(9);
    await imap.logout();
    await intake.stop();
    expect(count(`select count(*) from task_mail`)).toBe(9);
  });

  it('never makes two tasks of one message: committed but not yet marked, or stopped mid-pass and started again', async () => {
    const box = await mailbox({ doneFolder: 'Taken' });
    const boxRow = app.core.sqlite.prepare(`select * from task_mailbox where id = ?`).get(box.id) as never;
    for (let i = 0; i < 12; i++) await dovecot.deliver(box.user, { from: `c${i}@example.test`, to: 'help@example.test', subject: `Request ${i}`, text: `Please help ${i}`, messageId: `<m${i}@example.test>` });
    // The crash window: message 1's task committed, the core gone before the server heard of it.
    const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
    await imap.connect();
    const opened = await imap.mailboxOpen('INBOX');
    const first = await imap.fetchOne('1', { source: true, uid: true });
    await imap.logout();
    if (!first || !first.source) throw new Error('the first message is not there');
    expect(await takeMessage(deps(), boxRow, { uid: first.uid, uidValidity: String(opened.uidValidity), source: first.source })).toMatchObject({ outcome: 'task' });

    // Stopped after three messages of the pass, then a new reader over the same mailbox.
    let a: TaskIntake | null = createIntake(deps());
    const seen: string[] = [];
    a.events.taken = (_m, _u, outcome) => {
      seen.push(outcome);
      if (seen.length === 3) void a?.stop();
    };
    await a.sync();
    await until('the first reader to stop', () => seen.length >= 3);
    await a.stop();
    a = null;
    expect(count(`select count(*) from task where source = 'email'`)).toBeLessThan(12);
    const b = createIntake(deps());
    b.events.taken = (_m, _u, outcome) => void seen.push(outcome);
    await b.sync();
    await until('every message taken', () => count(`select count(*) from task_mail where mailbox_id = ?`, box.id) === 12 && seen.length >= 12);
    await b.stop();
    expect(seen[0]).toBe('seen');
    expect(count(`select count(*) from task where source = 'email'`)).toBe(12);
    expect(count(`select count(distinct subject) from task where source = 'email'`)).toBe(12);
    // Taken messages left the inbox for the done folder.
    const check = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: box.user, pass: box.password }, logger: false });
    await check.connect();
    expect(await check.status('INBOX', { messages: true })).toMatchObject({ messages: 0 });
    expect(await check.status('Taken', { messages: true })).toMatchObject({ messages: 12 });
    await check.logout();
  });

  it('takes a chunk in one transaction as it takes messages alone: one met twice makes one task, a reply threads onto a task of the same chunk', async () => {
    const box = await mailbox();
    const boxRow = app.core.sqlite.prepare(`select * from task_mailbox where id = ?`).get(box.id) as never;
    const raw = (from: string, subject: string, id: string, extra = '') =>
      Buffer.from(`From: ${from}\r\nTo: help@example.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.test>\r\n${extra}Content-Type: text/plain; charset=utf-8\r\n\r\nText of ${id}\r\n`);
    const tasksBefore = count(`select count(*) from task`);
    const taken = await takeMessages(deps(), boxRow, [
      { uid: 1, uidValidity: '7', source: raw('Ona <ona@example.test>', 'Leaking pipe', 'c1') },
      // The same message delivered twice (a second copy under another UID).
      { uid: 2, uidValidity: '7', source: raw('Ona <ona@example.test>', 'Leaking pipe', 'c1') },
      { uid: 3, uidValidity: '7', source: raw('Ona <ona@example.test>', 'Re: Leaking pipe', 'c2', 'In-Reply-To: <c1@example.test>\r\n') },
      { uid: 4, uidValidity: '7', source: raw('Petras <petras@example.test>', 'No heating', 'c3') },
    ]);
    expect(taken.map((t) => t.outcome)).toEqual(['task', 'seen', 'reply', 'task']);
    expect(taken[1]!.taskId).toBe(taken[0]!.taskId);
    expect(taken[2]!.taskId).toBe(taken[0]!.taskId);
    expect(count(`select count(*) from task`)).toBe(tasksBefore + 2);
    expect(count(`select count(*) from task_mail where mailbox_id = ?`, box.id)).toBe(3);
    // Taken again (the server was not told before a crash): every one is recognised, nothing is made twice.
    const again = await takeMessages(deps(), boxRow, [1, 2, 3, 4].map((uid, i) => ({ uid, uidValidity: '7', source: raw(i === 3 ? 'Petras <petras@example.test>' : 'Ona <ona@example.test>', 'x', ['c1', 'c1', 'c2', 'c3'][i]!) })));
    expect(again.map((t) => t.outcome)).toEqual(['seen', 'seen', 'seen', 'seen']);
    expect(count(`select count(*) from task`)).toBe(tasksBefore + 2);
  });
});
