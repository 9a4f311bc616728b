/**
 * Test set-up of a clinic's calendar: a branch's employee with a week, a service, a client, a clerk. The week and the
 * service are written through the write funnel as the schedule's own screens will write them.
 */
import { beforeAll, expect } from 'vitest';
import type { ProcName } from '../../../../shared/api';
import { syncedRows } from '../../../api/funnel';
import { withTestOrg } from '../../../testing/fixtures';
import { addStaff, personInput, snapshotDb, withCtx, type TestApp } from '../../../testing/harness';

const weekRows = syncedRows({ table: 'work_schedule', module: 'calendar' });
const serviceRows = syncedRows({ table: 'service', module: 'calendar' });

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

async function asOwner<T>(app: TestApp, owner: string, fn: Parameters<typeof withCtx<T>>[2]): Promise<T> {
  const me = await app.call(owner, 'auth.me', {});
  return withCtx(app, me, fn);
}

export async function setWeek(app: TestApp, owner: string, branchId: string, userId: string, week: object = CLINIC_WEEK): Promise<void> {
  await asOwner(app, owner, (ctx) => weekRows.in(ctx).insert({ branch_id: branchId, user_id: userId, week: JSON.stringify(week) }));
}

export async function addService(app: TestApp, owner: string, branchId: string, performers: string[], over: { name?: string; durationMin?: number; priceMinor?: number } = {}): Promise<string> {
  const row = await asOwner(app, owner, (ctx) =>
    serviceRows.in(ctx).insert({
      branch_id: branchId,
      name: over.name ?? 'Consultation',
      duration_min: over.durationMin ?? 30,
      price_minor: over.priceMinor ?? 4500,
      currency: 'EUR',
      colour: '#3b82f6',
      performers: JSON.stringify(performers),
      active: 1,
    }),
  );
  return row.id;
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
