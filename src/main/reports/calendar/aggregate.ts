/**
 * The calendar reports as pure functions of the visits read for a period: no clock, no database, so each is checked on
 * known data by hand. Cancelled visits count nowhere; breaks (time an employee blocked, no client) count in no total
 * and appear only in the day list, where they are part of the day.
 */
import type { VisitStatus } from '../../../shared/api/visits';

export interface VisitFact {
  id: string;
  kind: 'visit' | 'break';
  branchId: string;
  userId: string;
  userName: string;
  clientId: string | null;
  clientName: string | null;
  clientPhone: string | null;
  serviceName: string | null;
  sourceId: string | null;
  sourceName: string | null;
  start: string;
  end: string;
  status: VisitStatus;
  firstConsultation: boolean;
  asap: boolean;
  notes: string | null;
  currency: string;
  totalMinor: number;
  paidMinor: number;
  timeZone: string;
}

const counted = (v: VisitFact) => v.kind === 'visit' && v.status !== 'cancelled';
export const minutesOf = (v: { start: string; end: string }) => Math.round((Date.parse(v.end) - Date.parse(v.start)) / 60_000);

export interface SourceCount {
  sourceId: string | null;
  sourceName: string | null;
  count: number;
  share: number;
}

/** Visits by where the client came from, most first; visits without a source are one row of their own, last among equals. */
export function visitsBySource(facts: readonly VisitFact[]): { rows: SourceCount[]; total: number } {
  const by = new Map<string | null, SourceCount>();
  let total = 0;
  for (const v of facts) {
    if (!counted(v)) continue;
    total++;
    const row = by.get(v.sourceId) ?? { sourceId: v.sourceId, sourceName: v.sourceName, count: 0, share: 0 };
    row.count++;
    by.set(v.sourceId, row);
  }
  const rows = [...by.values()].map((r) => ({ ...r, share: total ? r.count / total : 0 }));
  rows.sort((a, b) => b.count - a.count || Number(a.sourceId === null) - Number(b.sourceId === null) || (a.sourceName ?? '').localeCompare(b.sourceName ?? ''));
  return { rows, total };
}

export interface NoShowCount {
  id: string;
  name: string;
  phone: string | null;
  noShows: number;
  decided: number;
  rate: number;
}

function tally(map: Map<string, NoShowCount>, key: string, name: string, phone: string | null, noShow: boolean): void {
  const row = map.get(key) ?? { id: key, name, phone, noShows: 0, decided: 0, rate: 0 };
  row.decided++;
  if (noShow) row.noShows++;
  map.set(key, row);
}

const worstFirst = (a: NoShowCount, b: NoShowCount) => b.noShows - a.noShows || b.rate - a.rate || a.name.localeCompare(b.name);

/**
 * Who did not come, among visits whose attendance was marked (arrived or not): clients with at least one no-show, and
 * every employee with a marked visit, worst first. A visit still "booked" is not counted either way.
 */
export function noShowsOf(facts: readonly VisitFact[]): { byClient: NoShowCount[]; byEmployee: NoShowCount[]; noShows: number; decided: number } {
  const clients = new Map<string, NoShowCount>();
  const employees = new Map<string, NoShowCount>();
  let noShows = 0;
  let decided = 0;
  for (const v of facts) {
    if (v.kind !== 'visit' || (v.status !== 'arrived' && v.status !== 'no_show')) continue;
    const missed = v.status === 'no_show';
    decided++;
    if (missed) noShows++;
    if (v.clientId) tally(clients, v.clientId, v.clientName ?? '', v.clientPhone, missed);
    tally(employees, v.userId, v.userName, null, missed);
  }
  const rated = (m: Map<string, NoShowCount>) => [...m.values()].map((r) => ({ ...r, rate: r.noShows / r.decided })).sort(worstFirst);
  return { byClient: rated(clients).filter((r) => r.noShows > 0), byEmployee: rated(employees), noShows, decided };
}

export interface Worker {
  userId: string;
  userName: string;
  branchId: string;
  branchName: string;
  /** Minutes of working time in the period (from the week template and its exceptions). */
  workingMin: number;
}

export interface Utilisation extends Omit<Worker, 'workingMin'> {
  bookedMin: number;
  workingMin: number;
  rate: number | null;
  visits: number;
}

/**
 * Booked minutes (visits that were not cancelled, whatever their attendance) against working minutes, per employee and
 * branch. An employee with visits but no hours is listed with a null rate; one with hours and no visits at 0.
 */
export function utilisationOf(facts: readonly VisitFact[], workers: readonly Worker[], branchNames: ReadonlyMap<string, string>): Utilisation[] {
  const key = (userId: string, branchId: string) => `${userId}\u0000${branchId}`;
  const rows = new Map<string, Utilisation>();
  for (const w of workers) rows.set(key(w.userId, w.branchId), { ...w, bookedMin: 0, rate: null, visits: 0 });
  for (const v of facts) {
    if (!counted(v)) continue;
    const k = key(v.userId, v.branchId);
    const row = rows.get(k) ?? { userId: v.userId, userName: v.userName, branchId: v.branchId, branchName: branchNames.get(v.branchId) ?? '', workingMin: 0, bookedMin: 0, rate: null, visits: 0 };
    row.bookedMin += minutesOf(v);
    row.visits++;
    rows.set(k, row);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, rate: r.workingMin > 0 ? r.bookedMin / r.workingMin : null }))
    .sort((a, b) => a.branchName.localeCompare(b.branchName) || a.userName.localeCompare(b.userName));
}

export interface Unpaid {
  fact: VisitFact;
  dueMinor: number;
}

/** Visits with services or products not paid in full (the calendar's €€), oldest first, and what is due per currency. */
export function unpaidOf(facts: readonly VisitFact[]): { rows: Unpaid[]; due: { currency: string; minor: number }[] } {
  const rows: Unpaid[] = [];
  const due = new Map<string, number>();
  for (const v of facts) {
    if (!counted(v) || v.totalMinor <= v.paidMinor) continue;
    const owed = v.totalMinor - v.paidMinor;
    rows.push({ fact: v, dueMinor: owed });
    due.set(v.currency, (due.get(v.currency) ?? 0) + owed);
  }
  rows.sort((a, b) => a.fact.start.localeCompare(b.fact.start) || a.fact.id.localeCompare(b.fact.id));
  return { rows, due: [...due].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ currency, minor })) };
}

export interface DayOfEmployee {
  userId: string;
  userName: string;
  lines: VisitFact[];
  /** Minutes booked with clients (breaks not counted). */
  bookedMin: number;
}

/** One day per employee, in time order, breaks included; cancelled visits left out (the time is free again). */
export function dailyListOf(facts: readonly VisitFact[]): DayOfEmployee[] {
  const by = new Map<string, DayOfEmployee>();
  for (const v of facts) {
    if (v.status === 'cancelled') continue;
    const row = by.get(v.userId) ?? { userId: v.userId, userName: v.userName, lines: [], bookedMin: 0 };
    row.lines.push(v);
    if (v.kind === 'visit') row.bookedMin += minutesOf(v);
    by.set(v.userId, row);
  }
  for (const row of by.values()) row.lines.sort((a, b) => a.start.localeCompare(b.start));
  return [...by.values()].sort((a, b) => a.userName.localeCompare(b.userName));
}
