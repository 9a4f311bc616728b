/**
 * Test set-up of a clinic whose visits carry reminders: the organization's first branch (Rīga), a doctor working
 * every day 08:00–20:00, a service, a client with a mobile number, a clerk. Through the procedures, as a clerk would.
 */
import { afterAll } from 'vitest';
import { withTestOrg } from '../../testing/fixtures';
import type { TestApp } from '../../testing/harness';
import { addStaff, personInput } from '../../testing/harness';
import { instantAt } from '../../../shared/rules/zonedTime';
import type { ReminderSettingsInput } from '../../../shared/api/reminders';
import { createDialer } from '../../telephony/sip/dialer';
import { tone } from '../../telephony/testing/tone';
import { createReminderEngine, type ReminderEngine } from './engine';

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

/** The organization's trunk pointed at a local sipp (the rest of the settings as they are). */
export async function pointTrunkAt(app: TestApp, owner: string, port: number, over: Partial<ReminderSettingsInput['trunk']> = {}, dailyCap?: number): Promise<void> {
  const s = await app.call(owner, 'reminders.settings', {});
  const { hasPassword: _had, note: _note, ...trunk } = s.trunk;
  await app.call(owner, 'reminders.saveSettings', {
    policy: s.policy,
    dailyCap: dailyCap ?? s.dailyCap,
    trunk: { ...trunk, enabled: true, host: '127.0.0.1', port, transport: 'udp', ...over },
    branches: [],
  });
}

/**
 * A dialing job over the test core, with the real dialer (SIP to sipp) and two durations shortened so a test of many
 * calls stays short: a 0.6 s tone instead of the ~12 s spoken message, and a 1 s ring timeout.
 */
export function testEngine(app: TestApp, keyWaitMs = 1500): ReminderEngine {
  return createReminderEngine(
    { db: app.core.db, clock: app.clock, config: app.core.config, services: app.core.services, publish: (e) => app.core.bus.publish(e), log: () => undefined },
    {
      dialerFor: (trunk) => createDialer({ ...trunk, ringTimeoutSec: 1 }, { keyWaitMs }),
      message: () => Promise.resolve({ lang: 'lv', pcm: tone(600) }),
    },
  );
}

export interface ReminderTestOrg {
  app: TestApp;
  owner: string;
  c: ReminderClinic;
  engine: ReminderEngine;
}

/**
 * A file's organization with a reminder clinic and a dialing job, filled in before its tests (and the job stopped
 * after them). Sessions outlast the days the tests move the clock ahead.
 */
export function withReminderOrg(): ReminderTestOrg {
  const t = {} as ReminderTestOrg;
  withTestOrg(
    'file',
    async (o) => {
      Object.assign(t, o, { c: await openReminderClinic(o.app, o.owner), engine: testEngine(o.app) });
    },
    { config: { sessionIdleMs: 365 * 86_400_000 } },
  );
  afterAll(() => t.engine?.stop());
  return t;
}
