import { Temporal } from 'temporal-polyfill';
import type { Ctx } from '../../src/main/api/context';
import type { Core } from '../../src/main/core';
import { assertNoClash } from '../../src/main/modules/calendar/visits/checks';
import type { SessionUser } from '../../src/shared/api/auth';
import { instantAt } from '../../src/shared/rules/zonedTime';
import { call, login, openCore } from '../lib/app';
import { ensureGenerated } from '../lib/datasets';
import { CALENDAR_GENERATOR_VERSION, CALENDAR_YEAR, type CalendarMeta } from '../lib/generateCalendar';
import type { Suite } from '../lib/suite';
import { sample } from '../lib/timing';

const NAME = 'calendar-50x1y';
const BUDGET_MS = 20_000;
const TZ = 'Europe/Riga';

/** The cached calendar data folder, generated first in a child process when missing (~3 minutes). */
function ensureCalendar(log: (msg: string) => void): Promise<{ dir: string; meta: CalendarMeta }> {
  return ensureGenerated(NAME, CALENDAR_GENERATOR_VERSION, 'generateCalendar.ts', '50 employees, a year of visits', log);
}

/** A service-level context over the core's connection, as a handler gets it: for the check the API does not expose alone. */
function ctxOf(core: Core, user: SessionUser): Ctx {
  return {
    db: core.db,
    user,
    clock: core.config.clock,
    config: core.config,
    sessions: core.sessions,
    services: core.services,
    sessionToken: null,
    emit: () => undefined,
    emitNow: () => undefined,
    setSession: () => undefined,
    afterCommit: (f) => f(),
  } as Ctx;
}

/** Mondays of the generated year, as branch dates. */
function mondays(): string[] {
  const out: string[] = [];
  for (let d = Temporal.PlainDate.from(CALENDAR_YEAR.from); d.year === 2026; d = d.add({ days: 1 })) if (d.dayOfWeek === 1 && d.add({ days: 6 }).year === 2026) out.push(d.toString());
  return out;
}
const weekRange = (monday: string) => ({ from: instantAt(`${monday}T00:00`, TZ)!, to: instantAt(`${Temporal.PlainDate.from(monday).add({ days: 7 })}T00:00`, TZ)! });

export const calendarSuite: Suite = {
  id: 'calendar',
  title: 'Calendar: week views, the overlap check, booking and the ASAP search at 50 employees × a year of visits',
  async run({ results, log }) {
    const ds = await ensureCalendar(log);
    const core = await openCore(ds.dir);
    await core.ready;
    try {
      const token = await login(core, ds.meta.login.login, ds.meta.login.password);
      const user = (await call(core, token, 'auth.me', {}))!;
      const visits = core.sqlite.prepare(`select count(*) from visit where deleted_at is null`).pluck().get() as number;
      log(`logged in as ${user.login} (${user.role}); ${visits.toLocaleString('en')} visits, ${(ds.meta.bytes / 1e6).toFixed(0)} MB`);
      results.addValue('calendar dataset: visits', 'count', visits, null, `50 employees in 2 branches, ${CALENDAR_YEAR.from} … ${CALENDAR_YEAR.to}, generated in ${ds.meta.seconds.toFixed(0)} s`);
      const weeks = mondays();
      const people = ds.meta.employees.flat();
      const week = (i: number) => weekRange(weeks[i % weeks.length]!);

      const one = await sample((i) => call(core, token, 'visits.range', { ...week(i * 7), userIds: [people[i % people.length]!] }), { warmup: 10, samples: 300, budgetMs: BUDGET_MS });
      const oneCount = (await call(core, token, 'visits.range', { ...week(20), userIds: [people[0]!] })).length;
      results.addSamples('visits.range one employee, a week (dispatcher)', one, 20, { note: `${oneCount} events a week; weeks and employees in turn` });
      const branch = await sample((i) => call(core, token, 'visits.range', { ...week(i * 5), branchId: ds.meta.branchIds[i % 2]! }), { warmup: 5, samples: 100, budgetMs: BUDGET_MS });
      const branchCount = (await call(core, token, 'visits.range', { ...week(20), branchId: ds.meta.branchIds[0]! })).length;
      results.addSamples('visits.range whole branch, a week (dispatcher)', branch, 20, { note: `${branchCount} events of 25 employees a week` });

      // The check the booking runs inside its write: a busy weekday slot (a clash found and named) and a free Saturday.
      const ctx = ctxOf(core, user);
      const slot = (i: number, dayOffset: number, hour: string) => {
        const day = Temporal.PlainDate.from(weeks[(i * 3) % weeks.length]!).add({ days: dayOffset }).toString();
        const start = instantAt(`${day}T${hour}`, TZ)!;
        return { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() };
      };
      const taken = core.sqlite
        .prepare(`select user_id, starts_at, ends_at from visit where status != 'cancelled' and deleted_at is null and starts_at >= ? order by id limit 1000`)
        .all('2026-02-01') as { user_id: string; starts_at: string; ends_at: string }[];
      const busy = await sample(
        async (i) => {
          const v = taken[i % taken.length]!;
          try {
            await assertNoClash(ctx, v.user_id, { start: v.starts_at, end: v.ends_at }, TZ);
            throw new Error('a booked slot had no clash');
          } catch (e) {
            if (!(e instanceof Error) || e.message !== 'errors.visit_overlap') throw e;
          }
        },
        { warmup: 20, samples: 1000, budgetMs: BUDGET_MS },
      );
      results.addSamples('overlap check, busy slot (service, clash named)', busy, 2, { note: 'visit_user_start range of at most a day before the span' });
      const free = await sample((i) => assertNoClash(ctx, people[i % people.length]!, slot(i, 5, '10:00'), TZ), { warmup: 20, samples: 1000, budgetMs: BUDGET_MS });
      results.addSamples('overlap check, free slot (service)', free, 2);

      // A booking through the dispatcher: checks, insert of the visit and its line, audit, change record, event.
      const services = ds.meta.serviceIds;
      // Each booking takes the next free Saturday half hour; bookings of earlier runs stay in the cached file (they
      // carry who booked them), so the count goes on from theirs.
      let k = core.sqlite.prepare(`select count(*) from visit where created_by is not null`).pluck().get() as number;
      const booking = await sample(
        () => {
          const n = k++;
          const p = n % people.length;
          const b = ds.meta.employees[0]!.includes(people[p]!) ? 0 : 1;
          const sat = Temporal.PlainDate.from(weeks[Math.floor(n / people.length) % weeks.length]!).add({ days: 5 }).toString();
          const half = Math.floor(n / (people.length * weeks.length));
          const start = instantAt(`${sat}T${String(6 + Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`, TZ)!;
          return call(core, token, 'visits.book', { userId: people[p]!, clientId: ds.meta.clientIds[n % ds.meta.clientIds.length]!, serviceId: services[b]![0]!, start, durationMin: 30, outsideHoursConfirmed: true });
        },
        { warmup: 10, samples: 300, budgetMs: BUDGET_MS },
      );
      results.addSamples('visits.book (dispatcher: check + insert + audit)', booking, 10, { note: 'Saturdays (free, outside hours, confirmed), a different employee each time' });

      // The ASAP offer: clients with an earlier-wanted visit whose service fits a freed weekday slot.
      const probe = await core.dispatch({ name: 'visits.asapOffers', input: { userId: people[0]!, ...slot(0, 1, '10:00'), serviceId: services[0]![0]! }, sessionToken: token });
      if (!probe.result.ok) log(`visits.asapOffers not measured: ${JSON.stringify(probe.result.error)}`);
      else {
        const asap = await sample((i) => call(core, token, 'visits.asapOffers', { userId: people[i % people.length]!, ...slot(i, 1, '10:00'), serviceId: services[i % people.length % 2]![0]! }), {
          warmup: 10,
          samples: 300,
          budgetMs: BUDGET_MS,
        });
        results.addSamples('visits.asapOffers free-slot search (dispatcher)', asap, 20, { note: 'about 4% of the booked future visits want an earlier slot' });
      }
    } finally {
      await core.close();
    }
  },
};
