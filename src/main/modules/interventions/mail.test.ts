import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INTERVENTION_SETTINGS } from '../../../shared/api/interventionSettings';
import { setupOrg, startTestApp, type TestApp } from '../../testing/harness';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../mail/testing/smtpPeer';
import { configureSmtp, outboxRows, sendOutbox, SMTP_LOGIN } from '../../mail/testing/mailApp';
import { formatDay, formatSchedule } from '../../mail/templates';

/** Mails of intervention changes, end to end: the service queues them, the sender delivers them to a real SMTP server. */

const TECH = 'janis@serviss.example.lv';
const DISPATCHER = 'olga@serviss.example.lv';
const CLIENT = 'birojs@gertrudes.example.lv';

let app: TestApp;
let peer: SmtpPeer;
let owner: string;
let branchId: string;
let clientId: string;
let techId: string;
let techToken: string;
let dispatcherId: string;

beforeEach(async () => {
  peer = await startSmtpPeer({ login: SMTP_LOGIN });
  app = await startTestApp();
  await prepare();
});
afterEach(async () => {
  await app.close();
  await peer.close();
});

async function prepare(): Promise<void> {
  owner = await setupOrg(app); // languages lv, en; Europe/Riga
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  await app.call(owner, 'series.create', { docType: 'intervention', branchId, prefix: 'INT-', padding: 5, nextNumber: 1 });
  const tech = await app.call(owner, 'users.create', { login: 'janis', password: 'password-123', name: 'Jānis Bērziņš', email: TECH, role: 'employee', language: 'lv', branchIds: [branchId] });
  techId = tech.id;
  techToken = await app.login('janis', 'password-123');
  const disp = await app.call(owner, 'users.create', { login: 'olga', password: 'password-123', name: 'Ольга Петрова', email: DISPATCHER, role: 'dispatcher', language: 'ru', branchIds: [branchId] });
  dispatcherId = disp.id;
  // No preferred language: the client is written to in the organization's first language (Latvian).
  const c = await app.call(owner, 'clients.create', {
    kind: 'company',
    name: 'SIA Ģertrūdes Serviss',
    fiscalCode: 'LV40003123456',
    phones: [{ number: '+37167111222' }],
    emails: [{ address: CLIENT }, { address: 'gramatvediba@gertrudes.example.lv' }],
    addresses: [{ street: 'Ģertrūdes iela 10', locality: 'Rīga', country: 'LV' }],
    contacts: [],
  });
  clientId = c.client.id;
  await configureSmtp(app, owner, peer.port);
}

const START = '2026-11-24T07:00:00Z';
const END = '2026-11-24T09:00:00Z';
const draft = () => ({ branchId, clientId, priority: 'high' as const, docDate: '2026-11-23', notes: 'Boiler leaks; key at the neighbour' });
const allocated = () => ({ ...draft(), takenById: techId, responsibleId: dispatcherId, startAt: START, endAt: END });

function to(mails: ReceivedMail[], address: string): ReceivedMail[] {
  return mails.filter((m) => m.rcptTo.includes(address));
}

async function deliver(expected: number): Promise<ReceivedMail[]> {
  const before = peer.received.length;
  const run = await sendOutbox(app);
  expect(run).toMatchObject({ sent: expected, retrying: 0, failed: 0 });
  if (expected) await peer.waitFor(before + expected);
  return peer.received.slice(before);
}

describe('mails of intervention changes', () => {
  it('an intervention created and allocated mails its handlers and the client, each in their own language, through SMTP', async () => {
    const created = await app.call(owner, 'interventions.create', allocated());
    expect(created.status).toBe('allocated');

    const mails = await deliver(3);
    expect(mails.map((m) => m.rcptTo).flat().sort()).toEqual([CLIENT, DISPATCHER, TECH].sort());
    // The server was logged in to with the password as typed: sealed at rest, opened only to send.
    expect(peer.logins[0]).toEqual(SMTP_LOGIN);

    const day = formatDay('lv', '2026-11-23');
    const [tech] = to(mails, TECH);
    expect(tech!.parsed.subject).toBe(`Izsaukums no ${day} — piešķirts`);
    expect(tech!.parsed.from).toContain('noreply@serviss.example.lv');
    expect(tech!.parsed.text).toContain('Labdien, Jānis Bērziņš!');
    expect(tech!.parsed.text).toContain('Reģistrēts jauns izsaukums.');
    expect(tech!.parsed.text).toContain('Klients: SIA Ģertrūdes Serviss');
    expect(tech!.parsed.text).toContain('Tālrunis: +37167111222');
    // 07:00Z is 09:00 on the wall in Riga; the words are Latvian.
    expect(tech!.parsed.text).toContain(`Plānotais laiks: ${formatSchedule('lv', START, END, 'Europe/Riga')}`);
    expect(tech!.parsed.text).toMatch(/otrdiena, 2026\. gada 24\. novembris 09:00\s?–\s?11:00/);
    expect(tech!.parsed.text).toContain('Izpildītājs: Jānis Bērziņš');
    expect(tech!.parsed.text).toContain('Piezīmes:\nBoiler leaks; key at the neighbour');
    expect(tech!.parsed.header('message-id')).toMatch(/^<[0-9a-f-]{36}@serviss\.example\.lv>$/);
    expect(tech!.parsed.header('auto-submitted')).toBe('auto-generated');

    const [disp] = to(mails, DISPATCHER);
    expect(disp!.parsed.subject).toBe(`Заявка от ${formatDay('ru', '2026-11-23')} — назначена`);
    expect(disp!.parsed.text).toContain('Здравствуйте, Ольга Петрова!');
    expect(disp!.parsed.text).toContain('Зарегистрирована новая заявка.');
    expect(disp!.parsed.text).toContain('Исполнитель: Jānis Bērziņš');
    expect(disp!.parsed.text).toMatch(/вторник,\s24\sноября\s2026\sг\.,\s09:00\s?–\s?11:00/);
    expect(disp!.parsed.text).toContain('Приоритет: высокий');

    // The client: first address only, in the organization's language, told it is scheduled, without the office's notes or priority.
    const [client] = to(mails, CLIENT);
    expect(client!.parsed.subject).toBe(`Izsaukums no ${day} — piešķirts`);
    expect(client!.parsed.text).toContain('Labdien, SIA Ģertrūdes Serviss!');
    expect(client!.parsed.text).toContain('Jūsu pieteikums ir ieplānots.');
    expect(client!.parsed.text).toContain('Izpildītājs: Jānis Bērziņš');
    expect(client!.parsed.text).not.toContain('Boiler leaks');
    expect(client!.parsed.text).not.toContain('Prioritāte');

    const rows = await outboxRows(app);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', attempts: 1, ref_entity: 'intervention', ref_id: created.id, sent_at: expect.any(String) });
  });

  it('follows the document: handlers hear of every change, the client of allocation, a new time, finalization', async () => {
    const c = await app.call(owner, 'interventions.create', allocated());
    await deliver(3);

    // The assignee confirms: the handlers are told, the client is not.
    const confirmed = await app.call(techToken, 'interventions.confirm', { id: c.id, version: c.version });
    let mails = await deliver(2);
    expect(mails.flatMap((m) => m.rcptTo).sort()).toEqual([DISPATCHER, TECH].sort());
    expect(to(mails, TECH)[0]!.parsed.text).toContain('Izpildītājs ir apstiprinājis izsaukumu.');
    expect(to(mails, DISPATCHER)[0]!.parsed.subject).toContain('назначена и подтверждена');

    // Validation gives the number, which the subject then carries.
    const valid = await app.call(owner, 'interventions.validate', { id: c.id, version: confirmed.version });
    mails = await deliver(2);
    expect(to(mails, TECH)[0]!.parsed.subject).toBe('Izsaukums INT-00001 — piešķirts un apstiprināts');
    expect(to(mails, DISPATCHER)[0]!.parsed.subject).toBe('Заявка INT-00001 — назначена и подтверждена');

    // Saving without changing anything anyone reads sends nothing.
    const same = await app.call(owner, 'interventions.update', { ...allocated(), id: c.id, version: valid.version, confirmedReal: false });
    await deliver(0);
    expect(await outboxRows(app)).toHaveLength(7);

    // A new time: everyone, the client included, gets the new schedule.
    const later = { startAt: '2026-11-25T12:00:00Z', endAt: '2026-11-25T13:30:00Z' };
    const moved = await app.call(owner, 'interventions.update', { ...allocated(), ...later, id: c.id, version: same.version });
    expect(moved.status).toBe('allocated');
    mails = await deliver(3);
    const clientMail = to(mails, CLIENT)[0]!;
    expect(clientMail.parsed.subject).toBe('Izsaukums INT-00001 — piešķirts');
    expect(clientMail.parsed.text).toContain(formatSchedule('lv', later.startAt, later.endAt, 'Europe/Riga')!);
    expect(clientMail.parsed.text).toMatch(/trešdiena, 2026\. gada 25\. novembris 14:00\s?–\s?15:30/);

    const reconfirmed = await app.call(techToken, 'interventions.confirm', { id: c.id, version: moved.version });
    await deliver(2);
    await app.call(owner, 'interventions.finalize', { id: c.id, version: reconfirmed.version });
    mails = await deliver(3);
    expect(to(mails, CLIENT)[0]!.parsed.text).toContain('Darbs pie jūsu pieteikuma ir pabeigts.');
    expect(to(mails, CLIENT)[0]!.parsed.subject).toBe('Izsaukums INT-00001 — pabeigts');
    expect(to(mails, DISPATCHER)[0]!.parsed.text).toContain('Заявка выполнена.');
  });

  it('with "send mail to client" off the client gets nothing, the handlers still do', async () => {
    await app.call(owner, 'interventions.setSettings', { ...DEFAULT_INTERVENTION_SETTINGS, sendMailToClient: false });
    const c = await app.call(owner, 'interventions.create', allocated());
    const mails = await deliver(2);
    expect(mails.flatMap((m) => m.rcptTo).sort()).toEqual([DISPATCHER, TECH].sort());
    expect(await outboxRows(app)).toHaveLength(2);

    await app.call(owner, 'interventions.setSettings', { ...DEFAULT_INTERVENTION_SETTINGS, sendMailToClient: true });
    await app.call(owner, 'interventions.cancel', { id: c.id, version: c.version, reason: 'Client did not answer the door' });
    // Cancelled: the handlers hear why; the client was never told of this visit, so is not told of its cancelling either.
    const cancelled = await deliver(2);
    expect(cancelled.flatMap((m) => m.rcptTo).sort()).toEqual([DISPATCHER, TECH].sort());
    expect(to(cancelled, TECH)[0]!.parsed.text).toContain('Atcelšanas iemesls: Client did not answer the door');
  });

  it('a client told of a visit is told of its cancelling, in the language the client prefers, without the internal reason', async () => {
    const ro = await app.call(owner, 'clients.create', { kind: 'person', name: 'Ana Popescu', preferredLanguage: 'ro', phones: [], emails: [{ address: CLIENT }], addresses: [], contacts: [] });
    clientId = ro.client.id;
    const c = await app.call(owner, 'interventions.create', allocated());
    let mails = await deliver(3);
    expect(to(mails, CLIENT)[0]!.parsed.subject).toBe(`Intervenția din ${formatDay('ro', '2026-11-23')} — alocată`);
    expect(to(mails, CLIENT)[0]!.parsed.text).toContain('Solicitarea dumneavoastră a fost programată.');

    await app.call(owner, 'interventions.cancel', { id: c.id, version: c.version, reason: 'Unpaid invoices' });
    mails = await deliver(3);
    const client = to(mails, CLIENT)[0]!;
    expect(client.parsed.text).toContain('Solicitarea dumneavoastră a fost anulată.');
    expect(client.parsed.text).not.toContain('Unpaid invoices');
  });

  it('mails only people with an address, once each; no SMTP settings, no mail; deleting mails nobody', async () => {
    // The same person taking and checking it gets one mail; a person without an e-mail gets none.
    const noMail = await app.call(owner, 'users.create', { login: 'karlis', password: 'password-123', name: 'Kārlis', role: 'employee', language: 'lv', branchIds: [branchId] });
    await app.call(owner, 'interventions.setSettings', { ...DEFAULT_INTERVENTION_SETTINGS, sendMailToClient: false });
    await app.call(owner, 'interventions.create', { ...allocated(), takenById: techId, responsibleId: techId });
    await app.call(owner, 'interventions.create', { ...allocated(), takenById: noMail.id, responsibleId: noMail.id });
    const received = await app.call(owner, 'interventions.create', draft());
    expect((await outboxRows(app)).map((r) => r.recipient)).toEqual([TECH]);

    await app.call(owner, 'interventions.delete', { id: received.id });
    expect(await outboxRows(app)).toHaveLength(1);

    // A refused change queues nothing: its mails are in its transaction.
    const r = await app.raw(owner, 'interventions.create', { ...allocated(), startAt: END, endAt: START });
    expect(r.ok).toBe(false);
    expect(await outboxRows(app)).toHaveLength(1);
  });

  it('queues nothing while the organization has no SMTP settings', async () => {
    await app.close();
    app = await startTestApp();
    owner = await setupOrg(app);
    branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
    const tech = await app.call(owner, 'users.create', { login: 'janis', password: 'password-123', name: 'Jānis', email: TECH, role: 'employee', language: 'lv', branchIds: [branchId] });
    const c = await app.call(owner, 'clients.create', { kind: 'person', name: 'Anna', phones: [], emails: [{ address: CLIENT }], addresses: [], contacts: [] });
    await app.call(owner, 'interventions.create', { branchId, clientId: c.client.id, priority: 'low', docDate: '2026-11-23', takenById: tech.id, responsibleId: tech.id, startAt: START, endAt: END });
    expect(await outboxRows(app)).toEqual([]);
  });

  it('mail queued before a restart is still sent after the program opens the database again', async () => {
    await app.call(owner, 'interventions.create', allocated());
    expect((await outboxRows(app)).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    const dir = app.dir;
    await app.close();

    app = await startTestApp({}, dir);
    const mails = await deliver(3);
    expect(mails.flatMap((m) => m.rcptTo).sort()).toEqual([CLIENT, DISPATCHER, TECH].sort());
    expect((await outboxRows(app)).every((r) => r.status === 'sent')).toBe(true);
  });
});
