import { describe, expect, it } from 'vitest';
import { personInput, type TestApp } from '../../../testing/harness';
import { addService, at, refusedUnchanged, withClinic, type Clinic } from './visitFixtures';

let app: TestApp;
let owner: string;
let c: Clinic;
withClinic((t) => ({ app, owner, c } = t));

const client = async (name: string) => (await app.call(owner, 'clients.create', personInput(name))).client.id;
const book = async (name: string, userId: string, start: string, over: Record<string, unknown> = {}) =>
  app.call(c.clerk, 'visits.book', { userId, clientId: await client(name), serviceId: c.serviceId, start, durationMin: 30, ...over });

describe('ASAP offers when a slot frees', () => {
  it('offers the fitting ASAP clients best first, and one click moves the chosen visit into the slot', async () => {
    const freed = await book('Freed Slot', c.doctor.id, at('11:30'));
    const friday = await book('Friday Doctor', c.doctor.id, at('10:00', '2026-11-27'), { asap: true });
    const nurses = await book('Monday Nurse', c.nurse.id, at('10:00', '2026-11-30'), { asap: true });
    await book('Too Long', c.doctor.id, at('14:00', '2026-12-01'), { asap: true, durationMin: 60 });
    await book('Not In A Hurry', c.doctor.id, at('15:00', '2026-12-02'));
    const nurseOnly = await addService(app, owner, c.branchId, [c.nurse.id], { name: 'Injection' });
    await book('Nurse Service', c.nurse.id, at('11:00', '2026-12-03'), { asap: true, serviceId: nurseOnly });
    await book('Earlier Already', c.doctor.id, at('09:00'), { asap: true });

    const cancelled = await app.call(c.clerk, 'visits.cancel', { id: freed.id, version: freed.version, reason: 'Moved abroad' });
    const slot = { userId: c.doctor.id, start: cancelled.start, end: cancelled.end };
    const offers = await app.call(c.clerk, 'visits.asapOffers', slot);
    expect(offers.map((o) => [o.clientName, o.daysEarlier, o.userName])).toEqual([
      ['Monday Nurse', 6, nurses.userName],
      ['Friday Doctor', 3, friday.userName],
    ]);
    expect(offers[1]).toMatchObject({ visitId: friday.id, currentStart: friday.start, durationMin: 30, serviceName: 'Consultation' });

    const accepted = await app.call(c.clerk, 'visits.acceptAsap', { id: friday.id, version: friday.version, userId: c.doctor.id, start: slot.start });
    expect(accepted).toMatchObject({ start: at('11:30'), end: at('12:00'), asap: false, userId: c.doctor.id });
    // The slot is taken now: nobody else is offered it.
    expect(await app.call(c.clerk, 'visits.asapOffers', slot)).toEqual([]);
  });

  it('refuses to accept a visit no longer ASAP, a later time, and a person who does not perform the service; nothing written', async () => {
    const v = await book('Refusals', c.doctor.id, at('16:00', '2026-12-04'), { asap: true });
    const nurseOnly = await addService(app, owner, c.branchId, [c.nurse.id], { name: 'Massage' });
    const n = await book('Nurse Only', c.nurse.id, at('16:00', '2026-12-04'), { asap: true, serviceId: nurseOnly });
    const attempts: [Record<string, unknown>, string][] = [
      [{ id: v.id, version: v.version, userId: c.doctor.id, start: at('16:30', '2026-12-04') }, 'errors.visit_asap_not_earlier'],
      [{ id: n.id, version: n.version, userId: c.doctor.id, start: at('09:00', '2026-12-01') }, 'errors.visit_performer'],
    ];
    for (const [input, key] of attempts) expect((await refusedUnchanged(app, c.clerk, 'visits.acceptAsap', input)).key).toBe(key);
    const plain = await book('Plain', c.doctor.id, at('15:00', '2026-12-04'));
    const r = await app.raw(c.clerk, 'visits.acceptAsap', { id: plain.id, version: plain.version, userId: c.doctor.id, start: at('09:00', '2026-12-01') });
    expect(r.ok ? null : r.error.key).toBe('errors.visit_not_asap');
  });

  it('an employee is offered only their own ASAP clients, for their own slots', async () => {
    const mine = await app.call(c.nurse.token, 'visits.asapOffers', { userId: c.nurse.id, start: at('09:00', '2026-11-26'), end: at('09:30', '2026-11-26') });
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((o) => o.userId))).toEqual(new Set([c.nurse.id]));
    const r = await app.raw(c.nurse.token, 'visits.asapOffers', { userId: c.doctor.id, start: at('09:00', '2026-11-26'), end: at('09:30', '2026-11-26') });
    expect(r.ok ? null : r.error.key).toBe('errors.visit_own_calendar');
  });
});
