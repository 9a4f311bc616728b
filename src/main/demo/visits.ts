import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import type { Week, WorkException } from '../../shared/rules/workingHours';
import { addPayment, bookVisit, cancelVisit, setAttendance } from '../modules/calendar';
import { recordDemoCalls } from '../modules/reminders';
import { MINUTE } from './slots';
import { planVisits, type CalendarPerson } from './visitsPlan';

const fixedClock = (ms: number): Clock => ({ now: () => ms });

export interface DemoCalendarInput {
  seed: number;
  now: number;
  language: Language;
  /** Branches whose calendars to fill, each with the clerk who books (a dispatcher of it). */
  branches: { id: string; tz: string; clerk: SessionUser }[];
  clients: string[];
  owner: SessionUser;
}

/**
 * About two months of visits around today, booked through the visits service by each branch's dispatcher at the
 * time they were booked, then marked as the front desk did: arrived (mostly paid), did not come, cancelled with a
 * reason; reminder outcomes set as the calls went. Uses the working hours, services and visit sources already in the
 * organization (an employee without a week gets no visits). Answers how many visits were booked.
 */
export async function loadVisits(base: Ctx, o: DemoCalendarInput): Promise<number> {
  const as = (user: SessionUser, ms: number): Ctx => ({ ...base, user, clock: fixedClock(ms), emit: () => undefined, emitNow: () => undefined });
  const orgId = o.owner.orgId;
  const people: CalendarPerson[] = [];
  const services: { id: string; durationMin: number; branchId: string }[] = [];
  for (const b of o.branches) {
    const own = await base.db.selectFrom('service').select(['id', 'duration_min', 'performers']).where('org_id', '=', orgId).where('branch_id', '=', b.id).where('active', '=', 1).where('deleted_at', 'is', null).orderBy('name').execute();
    const first = services.length;
    services.push(...own.map((s) => ({ id: s.id, durationMin: s.duration_min, branchId: b.id })));
    const weeks = await base.db.selectFrom('work_schedule').select(['user_id', 'week']).where('org_id', '=', orgId).where('branch_id', '=', b.id).where('deleted_at', 'is', null).orderBy('user_id').execute();
    const exceptions = await base.db
      .selectFrom('work_exception')
      .select(['user_id', 'kind', 'day_from', 'day_to', 'intervals'])
      .where('org_id', '=', orgId)
      .where('branch_id', '=', b.id)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const w of weeks) {
      const away = exceptions.filter((e) => e.user_id === w.user_id).map((e) => ({ kind: e.kind as WorkException['kind'], dayFrom: e.day_from, dayTo: e.day_to, intervals: e.intervals ? (JSON.parse(e.intervals) as [string, string][]) : null }));
      const performs = own.flatMap((s, i) => ((JSON.parse(s.performers) as string[]).includes(w.user_id) ? [first + i] : []));
      people.push({ id: w.user_id, branchId: b.id, tz: b.tz, week: JSON.parse(w.week) as Week, exceptions: away, services: performs });
    }
  }
  if (!people.length) return 0;
  // The visit sources the reference lists hold (the calendar's set-up made them).
  const sources = await base.db.selectFrom('nomenclature').select('id').where('org_id', '=', orgId).where('kind', '=', 'visit_source').where('deleted_at', 'is', null).orderBy('name').execute();
  const plan = planVisits({ seed: o.seed, now: o.now, language: o.language, people, durations: services.map((s) => s.durationMin), clients: o.clients.length, sources: sources.length });
  const clerkOf = new Map(o.branches.map((b) => [b.id, b.clerk]));
  for (const v of plan) {
    const clerk = clerkOf.get(v.branchId)!;
    let row = await bookVisit(as(clerk, v.bookedAt), {
      userId: v.userId,
      branchId: v.branchId,
      clientId: o.clients[v.client]!,
      serviceId: services[v.service]!.id,
      start: new Date(v.start).toISOString(),
      durationMin: v.durationMin,
      firstConsultation: v.firstConsultation,
      asap: v.asap,
      notes: v.notes,
      sourceId: v.source === null ? null : sources[v.source]!.id,
    });
    const end = v.start + v.durationMin * MINUTE;
    // The reminder's calls as the job made them (a key, or three attempts without one): the colour follows.
    if (v.reminder !== 'none') await recordDemoCalls(as(clerk, Math.min(o.now, v.start - 20 * 60 * MINUTE)), row.id, v.reminder);
    if (v.outcome === 'cancelled') {
      row = await cancelVisit(as(clerk, Math.min(o.now, Math.max(v.bookedAt + MINUTE, v.start - 3 * 60 * MINUTE))), { id: row.id, version: (await versionOf(base, row.id)), reason: v.cancelReason! });
    } else if (v.outcome === 'arrived' || v.outcome === 'no_show') {
      row = await setAttendance(as(clerk, v.outcome === 'arrived' ? v.start + 2 * MINUTE : v.start + 20 * MINUTE), { id: row.id, version: await versionOf(base, row.id), status: v.outcome });
      const amount = Math.round(row.totalMinor * v.paid);
      if (amount > 0) await addPayment(as(clerk, Math.min(o.now, end + 2 * MINUTE)), { id: row.id, version: row.version, method: v.method, amountMinor: amount, note: null });
    }
  }
  return plan.length;
}

/** The visit's version now (a reminder's outcome moves it on). */
async function versionOf(ctx: Ctx, id: string): Promise<number> {
  return (await ctx.db.selectFrom('visit').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}
