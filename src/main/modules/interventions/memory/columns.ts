import type { Status } from '../../../../shared/api/interventions';
import { Dictionary } from '../../../grid/memory/dictionary';
import { dayOf, minutesOf, NO_TIME } from './dates';
import { LABEL_ID_COLUMNS, SortColumns, TEXT_COLUMNS } from './sortColumns';

/** Workflow order: how the grid sorts and groups statuses (1-based; 0 is never used). */
export const STATUS_ORDER: readonly Status[] = ['received', 'allocated', 'confirmed', 'finalized', 'cancelled'];
export const STATUS_CODE: Record<Status, number> = { received: 1, allocated: 2, confirmed: 3, finalized: 4, cancelled: 5 };

/** The intervention columns the grid filters, sorts and groups on: what the memory index reads and keeps. */
export const INDEXED_COLUMNS = [
  'org_id',
  'branch_id',
  'deleted_at',
  'doc_date',
  'client_id',
  'client_name',
  'client_name_key',
  'taken_by_id',
  'responsible_id',
  'classification_id',
  'classification2_id',
  'classification3_id',
  'zone_id',
  'object_product_id',
  'status',
  'priority',
  'start_local',
  'end_local',
  'updated_at',
  'number',
  'address_key',
  ...Object.values(TEXT_COLUMNS),
  ...Object.values(LABEL_ID_COLUMNS),
  'valid',
  'cancelled_at',
] as const;

export type IndexedRow = { rowid: number } & { [K in (typeof INDEXED_COLUMNS)[number]]: K extends 'priority' | 'valid' ? number : K extends 'org_id' | 'branch_id' | 'doc_date' | 'client_id' | 'client_name' | 'client_name_key' | 'status' | 'updated_at' ? string : string | null };

/** Columns held as codes; each is indexed by the row's SQLite rowid (rowids of interventions are dense: rows are tombstoned, never removed). */
export const CODE_COLUMNS = ['org', 'branch', 'client', 'clientKey', 'takenBy', 'responsible', 'class1', 'class2', 'class3', 'zone', 'object', 'status', 'priority', 'docDay', 'start', 'end', 'address', 'numPrefix'] as const;
export type CodeColumn = (typeof CODE_COLUMNS)[number];

const NUMBER_PARTS = /^(.*?)(\d*)$/;

/**
 * The grid's filterable, sortable and groupable fields of every live intervention, as typed arrays.
 * About 80 bytes a row: 80 MB at a million, against seconds for a GROUP BY over the table.
 */
export class InterventionColumns {
  /** Organization, branch, client, user, nomenclature and product ids. */
  ids = new Dictionary();
  /** Folded client names, for sorting by client. */
  nameKeys = new Dictionary();
  /** Folded street addresses: the address filter matches the dictionary once, not every row. */
  addresses = new Dictionary();
  /** Document number prefixes (the series): numbers sort by prefix, then by their digits. */
  prefixes = new Dictionary();
  /** The client's name as the latest of their documents shows it (group labels). */
  clientNames = new Map<number, string>();
  /** What only sorting reads: text columns' sort keys, the other labels' ids, the two flags. */
  sorts = new SortColumns(0);

  capacity = 0;
  live = new Uint8Array(0);
  readonly code = {} as Record<CodeColumn, Int32Array>;
  numValue = new Float64Array(0);
  updated = new Float64Array(0);
  liveCount = 0;
  /** Live rows per organization code: a test on the organization is skipped when one holds them all. */
  liveByOrg = new Map<number, number>();
  /** Live rows per branch code: a branch scope that covers every branch with rows needs no test. */
  liveByBranch = new Map<number, number>();
  /** Lowest and highest day any date column holds, so date groups count into a small array. */
  /** The highest document number's digits seen (numbers only grow; a search for more digits skips the scan). */
  maxNumber = -1;
  minDay = Number.POSITIVE_INFINITY;
  /**
   * For each rowid, a day no live row at or below it is later than (only ever raised, so it may be loose, never
   * wrong): a search walking rowids downwards can tell when no row left could rank among the newest it has.
   */
  latestUpTo = new Int32Array(0);
  /** The highest rowid `latestUpTo` covers. */
  boundTop = -1;
  maxDay = Number.NEGATIVE_INFINITY;

  constructor(capacity = 1024) {
    for (const c of CODE_COLUMNS) this.code[c] = new Int32Array(0);
    this.grow(capacity);
  }

  private grow(min: number): void {
    if (min <= this.capacity) return;
    const cap = Math.max(min, Math.ceil(this.capacity * 1.25), 1024);
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
    for (const c of CODE_COLUMNS) {
      const a = new Int32Array(cap);
      a.set(this.code[c]);
      this.code[c] = a;
    }
    const nv = new Float64Array(cap);
    nv.set(this.numValue);
    this.numValue = nv;
    const up = new Float64Array(cap);
    up.set(this.updated);
    this.updated = up;
    const latest = new Int32Array(cap);
    latest.set(this.latestUpTo);
    this.latestUpTo = latest;
    this.sorts.grow(cap);
    this.capacity = cap;
  }

  /** Room for rowids below `n` (the loader sizes it once from max(rowid)). */
  reserve(n: number): void {
    this.grow(n);
  }

  isLive(rowid: number): boolean {
    return rowid < this.capacity && this.live[rowid] === 1;
  }

  /** Writes a row's values; a deleted row only leaves the live set. Returns whether it is live afterwards. */
  write(r: IndexedRow): boolean {
    const s = r.rowid;
    this.grow(s + 1);
    const wasLive = this.live[s] === 1;
    if (wasLive) {
      this.liveByOrg.set(this.code.org[s]!, (this.liveByOrg.get(this.code.org[s]!) ?? 1) - 1);
      this.liveByBranch.set(this.code.branch[s]!, (this.liveByBranch.get(this.code.branch[s]!) ?? 1) - 1);
    }
    if (r.deleted_at != null) {
      if (wasLive) this.liveCount--;
      this.live[s] = 0;
      return false;
    }
    const c = this.code;
    const ids = this.ids;
    c.org[s] = ids.encode(r.org_id);
    c.branch[s] = ids.encode(r.branch_id);
    c.client[s] = ids.encode(r.client_id);
    this.clientNames.set(c.client[s]!, r.client_name);
    c.clientKey[s] = this.nameKeys.encode(r.client_name_key);
    c.takenBy[s] = ids.encode(r.taken_by_id);
    c.responsible[s] = ids.encode(r.responsible_id);
    c.class1[s] = ids.encode(r.classification_id);
    c.class2[s] = ids.encode(r.classification2_id);
    c.class3[s] = ids.encode(r.classification3_id);
    c.zone[s] = ids.encode(r.zone_id);
    c.object[s] = ids.encode(r.object_product_id);
    c.status[s] = STATUS_CODE[r.status as Status] ?? 0;
    c.priority[s] = r.priority;
    const day = dayOf(r.doc_date);
    c.docDay[s] = day;
    c.start[s] = minutesOf(r.start_local);
    c.end[s] = minutesOf(r.end_local);
    this.widenDays(day);
    this.raiseLatest(s, day);
    if (c.start[s] !== NO_TIME) this.widenDays(Math.floor(c.start[s]! / 1440));
    if (c.end[s] !== NO_TIME) this.widenDays(Math.floor(c.end[s]! / 1440));
    c.address[s] = this.addresses.encode(r.address_key);
    const m = r.number == null ? null : NUMBER_PARTS.exec(r.number);
    c.numPrefix[s] = m ? this.prefixes.encode(m[1]!) : 0;
    this.numValue[s] = m ? (m[2] ? Number(m[2]) : -1) : -1;
    if (this.numValue[s]! > this.maxNumber) this.maxNumber = this.numValue[s]!;
    this.updated[s] = Date.parse(r.updated_at);
    this.sorts.write(s, r);
    this.live[s] = 1;
    if (!wasLive) this.liveCount++;
    this.liveByOrg.set(c.org[s]!, (this.liveByOrg.get(c.org[s]!) ?? 0) + 1);
    this.liveByBranch.set(c.branch[s]!, (this.liveByBranch.get(c.branch[s]!) ?? 0) + 1);
    return true;
  }

  /** The latest day at or below `rowid` (NO_TIME when there is none). */
  latestAtOrBelow(rowid: number): number {
    if (rowid < 0 || this.boundTop < 0) return NO_TIME;
    return this.latestUpTo[Math.min(rowid, this.boundTop)]!;
  }

  private raiseLatest(s: number, day: number): void {
    const b = this.latestUpTo;
    if (s > this.boundTop) {
      b.fill(this.boundTop >= 0 ? b[this.boundTop]! : NO_TIME, this.boundTop + 1, s + 1);
      this.boundTop = s;
    }
    for (let t = s; t <= this.boundTop && b[t]! < day; t++) b[t] = day;
  }

  private widenDays(day: number): void {
    if (day < this.minDay) this.minDay = day;
    if (day > this.maxDay) this.maxDay = day;
  }
}
