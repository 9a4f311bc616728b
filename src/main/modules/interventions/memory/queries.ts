import type { GroupLevel } from '../../../../shared/api/interventions';
import type { InterventionColumns } from './columns';
import { NO_TIME } from './dates';
import { accepts, bucketOf, GROUP_CODE_COLUMN, type Plan } from './plan';

export function hasTests(p: Plan): boolean {
  return p.eqCols.length + p.maskCols.length + p.rangeCols.length + p.flags.length > 0;
}

/** Rows passing the plan, counted in rowid order (sequential reads of the columns). */
export function countRows(cols: InterventionColumns, p: Plan): number {
  if (p.none) return 0;
  if (!hasTests(p)) return cols.liveCount;
  const live = cols.live;
  let n = 0;
  for (let s = 0; s < cols.capacity; s++) if (live[s] === 1 && accepts(p, s)) n++;
  return n;
}

/** Every row passing the plan, in the order given (ascending, or walked from the end for descending). */
export function collectRows(p: Plan, order: Uint32Array, desc: boolean): Uint32Array {
  if (p.none) return new Uint32Array(0);
  const out = new Uint32Array(order.length);
  let n = 0;
  if (desc) {
    for (let i = order.length - 1; i >= 0; i--) if (accepts(p, order[i]!)) out[n++] = order[i]!;
  } else {
    for (let i = 0; i < order.length; i++) if (accepts(p, order[i]!)) out[n++] = order[i]!;
  }
  return out.slice(0, n);
}

/** One page of rows passing the plan, walking the order only as far as the page's end. */
export function pageRows(p: Plan, order: Uint32Array, desc: boolean, offset: number, limit: number): number[] {
  const out: number[] = [];
  if (p.none) return out;
  if (!hasTests(p)) {
    for (let k = offset; k < Math.min(order.length, offset + limit); k++) out.push(order[desc ? order.length - 1 - k : k]!);
    return out;
  }
  let seen = 0;
  const n = order.length;
  for (let k = 0; k < n && out.length < limit; k++) {
    const s = order[desc ? n - 1 - k : k]!;
    if (!accepts(p, s)) continue;
    if (seen++ >= offset) out.push(s);
  }
  return out;
}

export interface RawGroup {
  /** The level column's code, or the bucket's first day for dates; NO_TIME for "no date". */
  code: number;
  count: number;
}

/** Counts per group at one level, for rows passing the plan; in code order (dates ascending, "none" first). */
export function groupRows(cols: InterventionColumns, p: Plan, level: GroupLevel): RawGroup[] {
  if (p.none) return [];
  const col = cols.code[GROUP_CODE_COLUMN[level.field]];
  const live = cols.live;
  const tests = hasTests(p);
  const isDate = level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt';
  const minutes = level.field === 'startAt' || level.field === 'endAt';
  const out: RawGroup[] = [];
  if (!isDate) {
    const counts = new Int32Array(level.field === 'status' || level.field === 'priority' ? 8 : cols.ids.size);
    for (let s = 0; s < cols.capacity; s++) if (live[s] === 1 && (!tests || accepts(p, s))) counts[col[s]!]!++;
    counts.forEach((count, code) => void (count > 0 && out.push({ code, count })));
    return out;
  }
  if (cols.liveCount === 0) return out;
  // One counter per day of the data's span; days are bucketed into weeks or months afterwards.
  const first = cols.minDay;
  const counts = new Int32Array(cols.maxDay - first + 1);
  let none = 0;
  for (let s = 0; s < cols.capacity; s++) {
    if (live[s] !== 1 || (tests && !accepts(p, s))) continue;
    const v = col[s]!;
    if (v === NO_TIME) none++;
    else counts[(minutes ? Math.floor(v / 1440) : v) - first]!++;
  }
  if (none) out.push({ code: NO_TIME, count: none });
  const bucket = level.bucket ?? 'day';
  counts.forEach((count, i) => {
    if (!count) return;
    const b = bucketOf(bucket, first + i);
    const last = out[out.length - 1];
    if (last && last.code === b) last.count += count;
    else out.push({ code: b, count });
  });
  return out;
}
