import type { Ctx } from '../../api/context';
import type { Output } from '../../../shared/api';
import { dailyListOf, noShowsOf, unpaidOf, utilisationOf, visitsBySource, type VisitFact } from './aggregate';
import { scopeOf, visitFacts, workersOf, type Filter, type ScopedBranch } from './load';

/** What every period report starts from: the branches in scope and their visits of the period. */
export async function periodFacts(ctx: Ctx, f: Filter): Promise<{ branches: ScopedBranch[]; facts: VisitFact[]; userId: string | null }> {
  const { branches, userId } = await scopeOf(ctx, f);
  return { branches, userId, facts: await visitFacts(ctx, branches, userId) };
}

const zonesOf = (branches: readonly ScopedBranch[]) => [...new Set(branches.map((b) => b.timeZone))].sort();

export async function sourcesData(ctx: Ctx, f: Filter): Promise<Output<'calendarReports.sources'>> {
  const { branches, facts } = await periodFacts(ctx, f);
  return { ...visitsBySource(facts), timeZones: zonesOf(branches) };
}

export async function noShowsData(ctx: Ctx, f: Filter): Promise<Output<'calendarReports.noShows'>> {
  const { branches, facts } = await periodFacts(ctx, f);
  return { ...noShowsOf(facts), timeZones: zonesOf(branches) };
}

export async function utilisationData(ctx: Ctx, f: Filter): Promise<Output<'calendarReports.utilisation'>> {
  const { branches, facts, userId } = await periodFacts(ctx, f);
  const workers = await workersOf(ctx, branches, userId, f);
  return { rows: utilisationOf(facts, workers, new Map(branches.map((b) => [b.id, b.name]))), timeZones: zonesOf(branches) };
}

export async function unpaidData(ctx: Ctx, f: Filter): Promise<Output<'calendarReports.unpaid'>> {
  const { branches, facts } = await periodFacts(ctx, f);
  const { rows, due } = unpaidOf(facts);
  return {
    rows: rows.map(({ fact: v, dueMinor }) => ({
      visitId: v.id,
      start: v.start,
      timeZone: v.timeZone,
      status: v.status,
      clientId: v.clientId,
      clientName: v.clientName,
      clientPhone: v.clientPhone,
      userName: v.userName,
      serviceName: v.serviceName,
      currency: v.currency,
      totalMinor: v.totalMinor,
      paidMinor: v.paidMinor,
      dueMinor,
    })),
    due,
    timeZones: zonesOf(branches),
  };
}

export async function dailyListData(ctx: Ctx, input: { branchId: string; day: string; userId?: string | null }): Promise<Output<'calendarReports.dailyList'>> {
  const { branches, facts } = await periodFacts(ctx, { from: input.day, to: input.day, branchId: input.branchId, userId: input.userId });
  const branch = branches[0]!;
  return {
    day: input.day,
    timeZone: branch.timeZone,
    branchName: branch.name,
    employees: dailyListOf(facts).map((e) => ({
      userId: e.userId,
      userName: e.userName,
      bookedMin: e.bookedMin,
      lines: e.lines.map((v) => ({
        visitId: v.id,
        kind: v.kind,
        start: v.start,
        end: v.end,
        status: v.status,
        clientName: v.clientName,
        clientPhone: v.clientPhone,
        serviceName: v.serviceName,
        notes: v.notes,
        firstConsultation: v.firstConsultation,
        asap: v.asap,
      })),
    })),
  };
}
