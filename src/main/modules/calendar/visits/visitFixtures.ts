/**
 * Test set-up of a clinic's calendar: a branch's employees with their week, a service, clients, a clerk; set through the
 * schedule's own procedures.
 */
import { beforeAll, expect } from 'vitest';
import type { ProcName } from '../../../../shared/api';
import { withTestOrg } from '../../../testing/fixtures';
import { addStaff, personInput, snapshotDb, type TestApp } from '../../../testing/harness';

/** Mon–Fri 09:00–13:00 and 14:00–18:00 (lunch between), branch time. */
export const CLINIC_WEEK = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '13:00'], ['14:00', '18:00']]]));

export interface Clinic {
  branchId: string;
  /** The employee whose calendar is booked, and another who performs the service too. */
  doctor: { id: string; token: string };
  nurse: { id: string; token: string };
  clerk: string;
  clientId: string;
  client2Id: string;
  serviceId: string;
}

async function setWeek(app: TestApp, owner: string, branchId: string, userId: string, week: Record<string, string[][]> = CLINIC_WEEK): Promise<void> {
  await app.call(owner, 'schedule.setWeek', { branchId, userId, week: week as never, version: 0 });
}

export async function addService(app: TestApp, owner: string, branchId: string, performerIds: string[], over: { name?: string; durationMin?: number; priceMinor?: number } = {}): Promise<string> {
  const service = { branchId, name: 'Consultation', durationMin: 30, priceMinor: 4500, currency: 'EUR', colour: '#3b82f6', performerIds, ...over };
  return (await app.call(owner, 'services.create', service)).id;
}

let counter = 0;
export async function openClinic(app: TestApp, owner: string): Promise<Clinic> {
  const n = ++counter;
  const [branch] = await app.call(owner, 'branches.list', {});
  const branchId = branch!.id;
  const doctor = await addStaff(app, owner, `doctor${n}`, 'employee', branchId);
  const nurse = await addStaff(app, owner, `nurse${n}`, 'employee', branchId);
  await addStaff(app, owner, `clerk${n}`, 'dispatcher', branchId);
  for (const p of [doctor, nurse]) await setWeek(app, owner, branchId, p.id);
  const clientId = (await app.call(owner, 'clients.create', personInput('Jonas Petraitis'))).client.id;
  const client2Id = (await app.call(owner, 'clients.create', personInput('Rūta Kazlauskienė'))).client.id;
  const serviceId = await addService(app, owner, branchId, [doctor.id, nurse.id]);
  return {
    branchId,
    doctor: { id: doctor.id, token: await app.login(`doctor${n}`, 'password-123') },
    nurse: { id: nurse.id, token: await app.login(`nurse${n}`, 'password-123') },
    clerk: await app.login(`clerk${n}`, 'password-123'),
    clientId,
    client2Id,
    serviceId,
  };
}

/** 2026-11-24 is a Tuesday; Riga is UTC+2 then: 11:30 on the branch's clock is 09:30Z. */
export const at = (hhmm: string, day = '2026-11-24') => new Date(Date.parse(`${day}T${hhmm}:00+02:00`)).toISOString();

/** A file's organization with a clinic in it, handed to `use` before the tests (closed and removed afterwards). */
export function withClinic(use: (t: { app: TestApp; owner: string; c: Clinic }) => void): void {
  let app: TestApp;
  let owner: string;
  withTestOrg('file', (o) => {
    ({ app, owner } = o);
  });
  beforeAll(async () => use({ app, owner, c: await openClinic(app, owner) }));
}

export interface Refusal {
  code: string;
  key: string;
  field?: string;
  params?: Record<string, unknown>;
}

/** A call that must be refused, proving that nothing at all was written by it. */
export async function refusedUnchanged(app: TestApp, token: string, name: ProcName, input: unknown): Promise<Refusal> {
  const before = snapshotDb(app.core);
  const r = await app.raw(token, name, input);
  expect(r.ok, `${name} was not refused: ${JSON.stringify(r)}`).toBe(false);
  expect(snapshotDb(app.core) === before, `${name} refused but wrote`).toBe(true);
  return (r as { ok: false; error: Refusal }).error;
}
