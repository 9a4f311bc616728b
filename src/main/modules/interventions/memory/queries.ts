import type { GroupLevel } from '../../../../shared/api/interventions';
import type { InterventionColumns } from './columns';
import { compileScans } from './compiled';
import { NO_TIME } from './dates';
import type { SortOrder } from './ordering';
import { bucketOf, GROUP_CODE_COLUMN, type Plan } from './plan';

export function hasTests(p: Plan): boolean {
  return p.eqCols.length + p.maskCols.length + p.rangeCols.length + p.flags.length > 0;
}

/** Rows passing the plan, counted in rowid order (sequential reads of the columns). */
export function countRows(cols: InterventionColumns, p: Plan): number {
  if (p.none) return 0;
  if (!hasTests(p)) return cols.liveCount;
  const scans = compileScans(p);
  return p.candidates ? scans.countList(p.candidates) : scans.count(cols.live, cols.capacity);
}

/** Rows passing the plan in the order given (ascending, or walked from the end for descending): `limit` of them after `offset`. */
export function orderedRows(p: Plan, sorted: SortOrder, desc: boolean, offset: number, limit: number): Uint32Array {
  if (p.none) return new Uint32Array(0);
  if (p.candidates) {
    // Few matches: sort them rather than walk a million rows to find them.
    const rows = compileScans(p).filterList(p.candidates).slice().sort(sorted.compare);
    if (desc) rows.reverse();
    return rows.subarray(offset, offset + limit);
  }
  const order = sorted.rows;
  if (!hasTests(p)) {
    const from = Math.min(order.length, offset);
    const to = Math.min(order.length, offset + limit);
    if (!desc) return order.slice(from, to);
    return order.slice(order.length - to, order.length - from).reverse();
  }
  return compileScans(p).walk(order, desc, offset, limit);
}

export interface RawGroup {
  /** The level column's code, or the bucket's first day for dates; NO_TIME for "no date". */
  code: number;
  count: number;
}

/** Counts per group at one level, for rows passing the plan; in code order (dates ascending, "none" first). */
export function groupRows(cols: InterventionColumns, p: Plan, level: GroupLevel): RawGroup[] {
  const out: RawGroup[] = [];
  if (p.none || cols.liveCount === 0) return out;
  const col = cols.code[GROUP_CODE_COLUMN[level.field]];
  const scans = compileScans(p);
  const list = p.candidates;
  const isDate = level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt';
  if (!isDate) {
    const counts = new Int32Array(level.field === 'status' || level.field === 'priority' ? 8 : cols.ids.size);
    if (list) scans.groupList(list, col, counts, 0, false);
    else scans.group(cols.live, cols.capacity, col, counts, 0, false);
    counts.forEach((count, code) => void (count > 0 && out.push({ code, count })));
    return out;
  }
  // One counter per day of the data's span; days are bucketed into weeks or months afterwards.
  const first = cols.minDay;
  const counts = new Int32Array(cols.maxDay - first + 1);
  const minutes = level.field !== 'docDate';
  const none = list ? scans.groupList(list, col, counts, first, minutes) : scans.group(cols.live, cols.capacity, col, counts, first, minutes);
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
