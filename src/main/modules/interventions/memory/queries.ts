import type { GroupLevel } from '../../../../shared/api/interventions';
import type { InterventionColumns } from './columns';
import { compileScans, type CompiledScans } from './compiled';
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

/**
 * A filter's rows in one sort order, found only as deep as pages have asked and extended on demand (at least
 * doubling), so scrolling down costs one walk of the order in all, and a first deep page walks only to its depth.
 */
export class OrderedResult {
  private rows: Uint32Array = new Uint32Array(0);
  private length = 0;
  private next = 0;
  private done = false;
  private readonly scans: CompiledScans | null;

  constructor(
    private readonly p: Plan,
    private readonly sorted: SortOrder,
    private readonly desc: boolean,
  ) {
    this.scans = p.none || !hasTests(p) ? null : compileScans(p);
  }

  /** How many rows the scope holds (finds them all). */
  total(): number {
    if (this.p.none) return 0;
    if (!this.scans) return this.sorted.length;
    this.page(Number.MAX_SAFE_INTEGER - 1, 1);
    return this.length;
  }

  page(offset: number, limit: number): Uint32Array {
    const { p, sorted, desc } = this;
    if (p.none) return new Uint32Array(0);
    const order = sorted.rows;
    if (!this.scans) {
      const from = Math.min(order.length, offset);
      const to = Math.min(order.length, offset + limit);
      return desc ? order.slice(order.length - to, order.length - from).reverse() : order.slice(from, to);
    }
    if (p.candidates && !this.done) {
      // Few matches: sort them rather than walk a million rows to find them.
      this.rows = this.scans.filterList(p.candidates).slice().sort(sorted.compare);
      if (desc) this.rows.reverse();
      this.length = this.rows.length;
      this.done = true;
    }
    const need = offset + limit;
    if (this.length < need && !this.done) {
      const found = this.scans.walkFrom(order, desc, this.next, Math.max(need - this.length, this.length, 1000));
      if (this.length === 0) this.rows = found.rows;
      else {
        if (this.length + found.count > this.rows.length) {
          const more = new Uint32Array(Math.max(this.length + found.count, this.rows.length * 2));
          more.set(this.rows.subarray(0, this.length));
          this.rows = more;
        }
        this.rows.set(found.rows.subarray(0, found.count), this.length);
      }
      this.length += found.count;
      this.next = found.next;
      this.done = found.next >= order.length;
    }
    return this.rows.slice(Math.min(offset, this.length), Math.min(need, this.length));
  }
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
