/**
 * Test set-up of a clinic whose visits carry reminders: the organization's first branch (Rīga), a doctor working
 * every day 08:00–20:00, a service, a client with a mobile number, a clerk. Through the procedures, as a clerk would.
 */
import type { TestApp } from '../../testing/harness';
import { addStaff, personInput } from '../../testing/harness';
import { instantAt } from '../../../shared/rules/zonedTime';

export interface ReminderClinic {
  branchId: string;
  doctorId: string;
  clerk: string;
  clientId: string;
  serviceId: string;
}

const EVERY_DAY = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '23:59']]]));

let counter = 0;
export async function openReminderClinic(app: TestApp, owner: string, phone = '+37120000001'): Promise<ReminderClinic> {
  const n = ++counter;
  const [branch] = await app.call(owner, 'branches.list', {});
  const branchId = branch!.id;
  const doctor = await addStaff(app, owner, `rdoctor${n}`, 'employee', branchId);
  await addStaff(app, owner, `rclerk${n}`, 'dispatcher', branchId);
  await app.call(owner, 'schedule.setWeek', { branchId, userId: doctor.id, week: EVERY_DAY as never, version: 0 });
  const client = await app.call(owner, 'clients.create', { ...personInput(`Client ${n}`), phones: [{ number: phone, label: 'mobile' }] });
  const serviceId = (await app.call(owner, 'services.create', { branchId, name: 'Consultation', durationMin: 30, priceMinor: 4500, currency: 'EUR', colour: '#3b82f6', performerIds: [doctor.id] })).id;
  return { branchId, doctorId: doctor.id, clerk: await app.login(`rclerk${n}`, 'password-123'), clientId: client.client.id, serviceId };
}

/** An instant on Rīga's clock, as the API takes it. */
export const riga = (wall: string) => instantAt(wall, 'Europe/Riga')!;
