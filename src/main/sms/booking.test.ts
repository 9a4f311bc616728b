import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personInput, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { sendOutbox } from '../mail/testing/mailApp';
import { at, openClinic, type Clinic } from '../modules/calendar/visits/visitFixtures';
import { startGatewayPeer, type GatewayPeer } from './testing/gatewayPeer';
import { smsRows, twilioSettings } from './testing/smsApp';

/** Booking through the API: the visit and its text message commit together, in the client's language. */

let app: TestApp;
let owner: string;
let clinic: Clinic;
let gw: GatewayPeer;
withTestOrg('test', async (org) => {
  ({ app, owner } = org);
  clinic = await openClinic(app, owner);
});
beforeEach(async () => {
  gw = await startGatewayPeer();
});
afterEach(async () => {
  await gw.close();
});

async function lithuanianClient(): Promise<string> {
  return (await app.call(owner, 'clients.create', { ...personInput('Rūta Jonaitienė'), preferredLanguage: 'lt', phones: [{ number: '+37061234567' }] })).client.id;
}

const book = (clientId: string, hhmm = '11:30') => app.call(clinic.clerk, 'visits.book', { userId: clinic.doctor.id, clientId, start: at(hhmm), durationMin: 30, serviceId: clinic.serviceId });

describe('visits.book with SMS', () => {
  it('queues exactly one message in the client’s language, and the job delivers it through the gateway', async () => {
    await app.call(owner, 'sms.setSettings', twilioSettings(gw));
    const visit = await book(await lithuanianClient());
    const text = 'Rīga: jūsų vizitas užregistruotas lapkričio 24 d., antradienis 11:30 (Consultation).';
    expect(await smsRows(app)).toMatchObject([{ recipient: '+37061234567', body: text, ref_entity: 'visit', ref_id: visit.id, status: 'pending' }]);
    expect(await sendOutbox(app)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [req] = await gw.waitFor(1);
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({ To: '+37061234567', From: 'Klinika', Body: text });
  });

  it('queues none while SMS is off, and none for a client without a phone', async () => {
    await book(await lithuanianClient());
    expect(await smsRows(app)).toEqual([]);
    await app.call(owner, 'sms.setSettings', twilioSettings(gw));
    await book(clinic.clientId, '12:00');
    expect(await smsRows(app)).toEqual([]);
  });

  it('a refused booking (overlap) leaves no message', async () => {
    await app.call(owner, 'sms.setSettings', twilioSettings(gw));
    const clientId = await lithuanianClient();
    await book(clientId);
    const clash = await app.raw(clinic.clerk, 'visits.book', { userId: clinic.doctor.id, clientId, start: at('11:45'), durationMin: 30, serviceId: clinic.serviceId });
    expect(clash).toMatchObject({ ok: false, error: { key: 'errors.visit_overlap' } });
    expect(await smsRows(app)).toHaveLength(1);
  });

  it('moving a visit to another time tells the client the new time; a longer visit at the same time does not', async () => {
    await app.call(owner, 'sms.setSettings', twilioSettings(gw));
    const visit = await book(await lithuanianClient());
    const longer = await app.call(clinic.clerk, 'visits.move', { id: visit.id, version: visit.version, userId: clinic.doctor.id, start: at('11:30'), end: at('12:15') });
    expect(await smsRows(app)).toHaveLength(1);
    await app.call(clinic.clerk, 'visits.move', { id: visit.id, version: longer.version, userId: clinic.doctor.id, start: at('15:00'), end: at('15:45') });
    const rows = await smsRows(app);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ recipient: '+37061234567', ref_id: visit.id, body: 'Rīga: jūsų vizitas perkeltas į lapkričio 24 d., antradienis 15:00 (Consultation).' });
  });
});
