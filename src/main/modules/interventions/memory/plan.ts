import type { SessionUser } from '../../../../shared/api/auth';
import type { DateBucket, GridScope, GroupField, GroupLevel, Priority, Status } from '../../../../shared/api/interventions';
import { visibleBranchIds } from '../../../api/scope';
import { PRIORITY_RANK } from '../../../../shared/rules/interventions';
import { foldKey } from '../../../../shared/rules/text';
import { STATUS_CODE, type CodeColumn, type InterventionColumns } from './columns';
import { dayOf, monthOfDay, nextMonthDay, NO_TIME, weekOfDay } from './dates';

/** A quick search's matches: one flag per rowid, and the same rowids as a list. */
export interface SearchHits {
  flags: Uint8Array;
  rows: Uint32Array;
}

/** Below one match in this many rows, visiting the matches (and sorting them) beats walking every row. */
const SPARSE_RATIO = 16;

/** The column each grouping field reads. */
export const GROUP_CODE_COLUMN: Record<GroupField, CodeColumn> = {
  client: 'client',
  classification: 'class1',
  classification2: 'class2',
  classification3: 'class3',
  zone: 'zone',
  object: 'object',
  priority: 'priority',
  status: 'status',
  docDate: 'docDay',
  startAt: 'start',
  endAt: 'end',
};

/** A row passes when every test holds: equal codes, codes in a set, values in [lo, hi), and a flag per rowid. */
export interface Plan {
  none: boolean;
  eqCols: Int32Array[];
  eqVals: number[];
  maskCols: Int32Array[];
  masks: Uint8Array[];
  rangeCols: Int32Array[];
  rangeLo: number[];
  rangeHi: number[];
  flags: Uint8Array[];
  /** When a quick search matched few rows: those rowids (ascending), so scans visit them instead of every row. */
  candidates: Uint32Array | null;
}

export function emptyPlan(): Plan {
  return { none: false, eqCols: [], eqVals: [], maskCols: [], masks: [], rangeCols: [], rangeLo: [], rangeHi: [], flags: [], candidates: null };
}

/** `code` -1 is a value the index has never seen (an unknown id or key): nothing can match it. */
function eq(p: Plan, col: Int32Array, code: number): void {
  if (code === -1) p.none = true;
  p.eqCols.push(col);
  p.eqVals.push(code);
}

function inSet(p: Plan, col: Int32Array, codes: number[], size: number): void {
  const mask = new Uint8Array(size);
  for (const c of codes) if (c >= 0 && c < size) mask[c] = 1;
  p.maskCols.push(col);
  p.masks.push(mask);
}

function range(p: Plan, col: Int32Array, lo: number, hi: number): void {
  p.rangeCols.push(col);
  p.rangeLo.push(lo);
  p.rangeHi.push(hi);
}

/** The days a date group covers: its bucket's first day and the day after its last. */
export function bucketDays(bucket: DateBucket, first: number): [number, number] {
  if (bucket === 'week') return [first, first + 7];
  if (bucket === 'month') return [first, nextMonthDay(first)];
  return [first, first + 1];
}

/** The bucket (first day) a day falls in. */
export function bucketOf(bucket: DateBucket, day: number): number {
  return bucket === 'week' ? weekOfDay(day) : bucket === 'month' ? monthOfDay(day) : day;
}

/** A group path key (as the API gives it) turned into a test on its level's column. */
function groupTest(p: Plan, cols: InterventionColumns, level: GroupLevel, key: string | null): void {
  const col = cols.code[GROUP_CODE_COLUMN[level.field]];
  if (level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt') {
    const minutes = level.field !== 'docDate';
    if (key == null) return minutes ? eq(p, col, NO_TIME) : void (p.none = true);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return void (p.none = true);
    const [lo, hi] = bucketDays(level.bucket ?? 'day', dayOf(key));
    return minutes ? range(p, col, lo * 1440, hi * 1440) : range(p, col, lo, hi);
  }
  if (level.field === 'status') return eq(p, col, key == null ? 0 : STATUS_CODE[key as Status] ?? -1);
  if (level.field === 'priority') return eq(p, col, key == null ? 0 : PRIORITY_RANK[key as Priority] ?? -1);
  eq(p, col, cols.ids.lookup(key));
}

/**
 * The tests a grid scope stands for, for this user: organization, branch scope, filters, and the group path
 * down to `depth`. `search` is the quick search's answer (from FTS), when there is a search.
 */
export function planFor(cols: InterventionColumns, user: SessionUser, scope: GridScope, depth: number, search: SearchHits | null, addressMask: (text: string) => Uint8Array): Plan {
  const p = emptyPlan();
  const c = cols.code;
  const org = cols.ids.lookup(user.orgId);
  if (org < 0) p.none = true;
  else if (cols.liveByOrg.get(org) !== cols.liveCount) eq(p, c.org, org);
  const visible = visibleBranchIds(user);
  if (visible !== null) {
    const mine = visible.map((b) => cols.ids.lookup(b));
    const coversAll = [...cols.liveByBranch].every(([branch, n]) => n === 0 || mine.includes(branch));
    if (!coversAll) inSet(p, c.branch, mine, cols.ids.size);
  }
  const f = scope.filters;
  if (f.branchId) eq(p, c.branch, cols.ids.lookup(f.branchId));
  if (f.dateFrom || f.dateTo) range(p, c.docDay, f.dateFrom ? dayOf(f.dateFrom) : NO_TIME, f.dateTo ? dayOf(f.dateTo) + 1 : 2 ** 31 - 1);
  const ids: [string | null | undefined, CodeColumn][] = [
    [f.clientId, 'client'],
    [f.takenById, 'takenBy'],
    [f.responsibleId, 'responsible'],
    [f.classificationId, 'class1'],
    [f.classification2Id, 'class2'],
    [f.classification3Id, 'class3'],
    [f.zoneId, 'zone'],
  ];
  for (const [id, col] of ids) if (id) eq(p, c[col], cols.ids.lookup(id));
  if (f.statuses?.length) inSet(p, c.status, f.statuses.map((s) => STATUS_CODE[s]), 8);
  if (f.priorities?.length) inSet(p, c.priority, f.priorities.map((s) => PRIORITY_RANK[s]), 8);
  if (f.address?.trim() && foldKey(f.address)) {
    p.maskCols.push(c.address);
    p.masks.push(addressMask(foldKey(f.address)));
  }
  if (search) {
    p.flags.push(search.flags);
    if (search.rows.length * SPARSE_RATIO < cols.liveCount) p.candidates = search.rows;
  }
  const levels = scope.groupBy ?? [];
  (scope.groupPath ?? []).slice(0, depth).forEach((key, i) => {
    const level = levels[i];
    if (level) groupTest(p, cols, level, key);
  });
  return p;
}
