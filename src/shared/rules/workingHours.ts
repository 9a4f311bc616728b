/**
 * An employee's working time in a branch: a weekly template of wall-clock intervals (the gaps are breaks) and dated
 * exceptions, turned into UTC instants on the branch's clock. Wall times are kept as "HH:MM" and turned into
 * instants per day, so 09:00–18:00 stays 09:00–18:00 on the day the clocks change.
 */
import { Temporal } from 'temporal-polyfill';
import { instantAt } from './zonedTime';

/** "HH:MM" wall-clock interval; "24:00" may end a day. */
export type WallInterval = readonly [string, string];
/** ISO weekday ("1" = Monday … "7" = Sunday) → the day's intervals, in order, not overlapping. */
export type Week = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', readonly WallInterval[]>>;

export const EXCEPTION_KINDS = ['day_off', 'vacation', 'sick', 'extra'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export interface WorkException {
  kind: ExceptionKind;
  /** Branch dates, inclusive. */
  dayFrom: string;
  dayTo: string;
  /** Extra hours, or the hours a partial day off takes away; null: the whole day. */
  intervals: readonly WallInterval[] | null;
}

/** A UTC span, half-open. */
export interface Span {
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const isWallTime = (s: string) => HHMM.test(s);
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Intervals are well formed when each starts before it ends and none overlaps the next. */
export function validIntervals(list: readonly WallInterval[]): boolean {
  let last = -1;
  for (const [a, b] of list) {
    if (!isWallTime(a) || !isWallTime(b) || a === '24:00') return false;
    if (minutes(a) >= minutes(b) || minutes(a) < last) return false;
    last = minutes(b);
  }
  return true;
}

function at(day: string, hhmm: string, tz: string): string {
  if (hhmm === '24:00') return instantAt(`${Temporal.PlainDate.from(day).add({ days: 1 })}T00:00`, tz)!;
  return instantAt(`${day}T${hhmm}`, tz)!;
}

/** Subtract wall intervals from wall intervals (a partial day off). */
function minus(base: readonly WallInterval[], cut: readonly WallInterval[]): WallInterval[] {
  let out: [number, number][] = base.map(([a, b]) => [minutes(a), minutes(b)]);
  for (const [ca, cb] of cut.map(([a, b]) => [minutes(a), minutes(b)] as const)) {
    out = out.flatMap(([a, b]): [number, number][] => {
      if (cb <= a || ca >= b) return [[a, b]];
      return [...(ca > a ? [[a, ca] as [number, number]] : []), ...(cb < b ? [[cb, b] as [number, number]] : [])];
    });
  }
  return out.map(([a, b]) => [hhmm(a), hhmm(b)]);
}

/** Union of wall intervals, in order (extra hours added to a day). */
function union(a: readonly WallInterval[], b: readonly WallInterval[]): WallInterval[] {
  const all = [...a, ...b].map(([x, y]) => [minutes(x), minutes(y)] as [number, number]).sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [x, y] of all) {
    const last = out[out.length - 1];
    if (last && x <= last[1]) last[1] = Math.max(last[1], y);
    else out.push([x, y]);
  }
  return out.map(([x, y]) => [hhmm(x), hhmm(y)]);
}

/** The wall intervals worked on one branch date: the template's weekday, then the exceptions covering that date. */
export function dayIntervals(day: string, week: Week, exceptions: readonly WorkException[]): WallInterval[] {
  const weekday = String(Temporal.PlainDate.from(day).dayOfWeek) as keyof Week;
  let list: WallInterval[] = [...(week[weekday] ?? [])];
  for (const e of exceptions) {
    if (day < e.dayFrom || day > e.dayTo) continue;
    if (e.kind === 'extra') list = union(list, e.intervals ?? []);
    else list = e.intervals ? minus(list, e.intervals) : [];
  }
  return list;
}

/**
 * Working spans (UTC) of branch dates `fromDay`…`toDay` inclusive, in order. `tz` is the branch's zone: each day's
 * wall times become instants on that day's own offset.
 */
export function workingSpans(fromDay: string, toDay: string, week: Week, exceptions: readonly WorkException[], tz: string): Span[] {
  const out: Span[] = [];
  for (let d = Temporal.PlainDate.from(fromDay); Temporal.PlainDate.compare(d, Temporal.PlainDate.from(toDay)) <= 0; d = d.add({ days: 1 })) {
    const day = d.toString();
    for (const [a, b] of dayIntervals(day, week, exceptions)) out.push({ start: at(day, a, tz), end: at(day, b, tz) });
  }
  return out;
}

/** Whether a span lies wholly inside working spans (touching spans count as one). */
export function withinSpans(span: Span, working: readonly Span[]): boolean {
  let reach = span.start;
  for (const w of working) {
    if (w.end <= reach) continue;
    if (w.start > reach) return false;
    reach = w.end;
    if (reach >= span.end) return true;
  }
  return reach >= span.end;
}
