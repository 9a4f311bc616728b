import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/api/auth';
import { syncedRows } from '../api/funnel';
import { personInput, withCtx, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { sendOutbox } from '../mail/testing/mailApp';
import { isMobile, queueVisitSms } from '../modules/calendar/sms/visitSms';
import { startGatewayPeer, type GatewayPeer } from './testing/gatewayPeer';
import { httpSettings, smsRows } from './testing/smsApp';

/** The client's message about a visit, queued by the booking's own transaction (visits are written here as the visits service would). */

let app: TestApp;
let owner: string;
let ownerUser: SessionUser;
let branchId: string;
let gw: GatewayPeer;
withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  ownerUser = (await app.core.sessions.resolve(owner))!;
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
});
beforeEach(async () => {
  gw = await startGatewayPeer();
});
afterEach(async () => {
  await gw.close();
});

const visits = syncedRows({ table: 'visit', module: 'calendar' });
/** What a new visit has until the form says otherwise. */
const DEFAULTS = { asap: 0, reminder: 'none', first_consultation: 0, total_minor: 0, paid_minor: 0 };
const services = syncedRows({ table: 'service', module: 'calendar' });

async function client(phones: string[], preferredLanguage: 'lt' | 'ru' | null = null): Promise<string> {
  const out = await app.call(owner, 'clients.create', { ...personInput('Rūta Jonaitienė'), preferredLanguage, phones: phones.map((number) => ({ number })) });
  return out.client.id;
}

/** Books a visit at 2026-11-24 11:30 Riga and queues its message in the same transaction. */
async function book(clientId: string | null, kind: 'visit' | 'break' = 'visit', start = '2026-11-24T09:30:00.000Z') {
  return withCtx(app, ownerUser, async (ctx) => {
    const service = await services.in(ctx).insert({ branch_id: branchId, name: 'Konsultacija', duration_min: 30, price_minor: 3000, currency: 'EUR', colour: '#228be6', active: 1, performers: '[]' });
    const visit = await visits.in(ctx).insert({
      branch_id: branchId,
      user_id: ownerUser.id,
      kind,
      client_id: clientId,
      starts_at: start,
      ends_at: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
      status: 'booked',
      service_id: kind === 'visit' ? service.id : null,
      currency: 'EUR',
      ...DEFAULTS,
    });
    return { id: visit.id, outcome: await queueVisitSms(ctx, visit.id, 'booked') };
  });
}

describe('the booking message', () => {
  it('queues nothing while SMS is off', async () => {
    const id = await client(['+37061234567'], 'lt');
    expect((await book(id)).outcome).toBe('disabled');
    await app.call(owner, 'sms.setSettings', httpSettings(gw, { enabled: false }));
    expect((await book(id)).outcome).toBe('disabled');
    expect(await smsRows(app)).toEqual([]);
  });

  it('queues exactly one message, to the client’s mobile, in the client’s language, and the job delivers it', async () => {
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    // The landline comes first; a text can only go to the mobile.
    const id = await client(['+37052123456', '+37061234567'], 'lt');
    const visit = await book(id);
    expect(visit.outcome).toBe('queued');
    const text = 'Rīga: jūsų vizitas užregistruotas lapkričio 24 d., antradienis 11:30 (Konsultacija).';
    expect(await smsRows(app)).toMatchObject([{ recipient: '+37061234567', body: text, ref_entity: 'visit', ref_id: visit.id, status: 'pending' }]);
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(JSON.parse((await gw.waitFor(1))[0]!.body)).toEqual({ recipient: '+37061234567', sender: 'Klinika', message: text });
  });

  it('speaks the organization’s language to a client without one', async () => {
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    await book(await client(['+37126123456']));
    expect((await smsRows(app))[0]!.body).toBe('Rīga: jūsu vizīte pieteikta otrdiena, 24. novembris 11:30 (Konsultacija).');
  });

  it('skips a client without a mobile phone, saying so in the visit’s audit, and the booking stands', async () => {
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    const visit = await book(await client(['+37167000000']));
    expect(visit.outcome).toBe('no_mobile');
    expect(await smsRows(app)).toEqual([]);
    const entry = await app.core.db.selectFrom('audit_log').selectAll().where('entity', '=', 'visit').where('entity_id', '=', visit.id).where('action', '=', 'status').executeTakeFirstOrThrow();
    expect(entry.summary).toBe('SMS not sent: the client has no mobile phone');
    expect(await app.core.db.selectFrom('visit').select('status').where('id', '=', visit.id).executeTakeFirstOrThrow()).toEqual({ status: 'booked' });
  });

  it('sends nothing for a break, nor for a visit entered after it began', async () => {
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    expect((await book(null, 'break')).outcome).toBe('not_a_visit');
    // The clock reads 2026-11-23 09:00 UTC: this morning's walk-in is written down at 11:00 local time.
    expect((await book(await client(['+37061234567'], 'lt'), 'visit', '2026-11-23T08:30:00.000Z')).outcome).toBe('past');
    expect(await smsRows(app)).toEqual([]);
  });

  it('rolls back with the booking: a refused booking leaves no message', async () => {
    await app.call(owner, 'sms.setSettings', httpSettings(gw));
    const id = await client(['+37061234567'], 'lt');
    const refused = withCtx(app, ownerUser, async (ctx) => {
      const visit = await visits.in(ctx).insert({ branch_id: branchId, user_id: ownerUser.id, kind: 'visit', client_id: id, starts_at: '2026-11-24T09:30:00.000Z', ends_at: '2026-11-24T10:00:00.000Z', status: 'booked', currency: 'EUR', ...DEFAULTS });
      await queueVisitSms(ctx, visit.id, 'booked');
      throw new Error('overlap found after the insert');
    });
    await expect(refused).rejects.toThrow('overlap found after the insert');
    expect(await smsRows(app)).toEqual([]);
  });

  it('tells mobiles from landlines', () => {
    expect([isMobile('+37061234567'), isMobile('+37052123456'), isMobile('+37491123456'), isMobile('+37410123456'), isMobile('+12025550123')]).toEqual([true, false, true, false, true]);
  });
});
