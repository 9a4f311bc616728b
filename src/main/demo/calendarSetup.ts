import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import { createException, createService, setWeek } from '../modules/calendar';
import { createNomenclature } from '../modules/nomenclature';
import type { DemoIds } from './callCentre';
import { BRANCH_CURRENCY, DEMO_SERVICES, VISIT_SOURCES, planCalendarSetup } from './calendarPlan';
import type { DemoPlan } from './plan';
import { MINUTE } from './slots';
import type { BranchKey } from './staff';

const fixedClock = (ms: number): Clock => ({ now: () => ms });

/** What the demo's visits are booked with: each branch's services (in plan order) and the visit sources. */
export interface DemoCalendarIds {
  services: Record<BranchKey, string[]>;
  sources: string[];
}

/**
 * Written as the branch managers would have, through the calendar's own services, a day after the organization
 * began: weeks, exceptions, services; the visit sources by the owner with the other reference lists.
 */
export async function loadCalendarSetup(base: Ctx, plan: DemoPlan, ids: DemoIds): Promise<DemoCalendarIds> {
  let t = plan.start + 24 * 60 * MINUTE;
  const as = (login: string): Ctx => ({ ...base, user: ids.users.get(login)!, clock: fixedClock((t += MINUTE)) });
  const manager = (b: BranchKey) => as(`manager.${b}`);
  const userId = (login: string) => ids.users.get(login)!.id;
  const name = (names: Record<string, string>) => names[plan.language]!;

  const sources: string[] = [];
  for (const s of VISIT_SOURCES) sources.push((await createNomenclature(as('owner'), { kind: 'visit_source', name: name(s) })).id);

  const { weeks, exceptions } = planCalendarSetup(plan.now);
  for (const w of weeks) await setWeek(manager(w.branch), { branchId: ids.branches[w.branch], userId: userId(w.login), week: w.week, version: 0 });
  for (const e of exceptions) {
    await createException(manager(e.branch), { branchId: ids.branches[e.branch], userId: userId(e.login), kind: e.kind, dayFrom: e.dayFrom, dayTo: e.dayTo, intervals: e.intervals, note: e.note ? name(e.note) : null });
  }

  const services: DemoCalendarIds['services'] = { riga: [], yerevan: [] };
  for (const branch of ['riga', 'yerevan'] as const) {
    for (const s of DEMO_SERVICES) {
      const row = await createService(manager(branch), {
        branchId: ids.branches[branch],
        name: name(s.names),
        durationMin: s.durationMin,
        priceMinor: s.price[branch],
        currency: BRANCH_CURRENCY[branch],
        colour: s.colour,
        performerIds: s.performers[branch].map(userId),
      });
      services[branch].push(row.id);
    }
  }
  return { services, sources };
}
