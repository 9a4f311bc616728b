import type { SortField } from '../../../../shared/api/interventions';
import { compareKeys } from '../../../../shared/rules/text';
import type { InterventionColumns } from './columns';
import { LABEL_ID_COLUMNS, TEXT_COLUMNS, type LabelIdField, type TextField } from './sortColumns';

type Compare = (a: number, b: number) => number;

/** The label shown for a label column's id, as a sort key (null: none, or a row the label table does not hold). */
export type LabelKeyOf = (id: string) => string | null;

/** Label columns whose ids the filters and groups already hold (the shared id dictionary). */
const SHARED_LABEL_CODES = {
  object: 'object',
  takenBy: 'takenBy',
  responsible: 'responsible',
  zone: 'zone',
  classification: 'class1',
  classification2: 'class2',
  classification3: 'class3',
} as const;

/** Fields sorted by a label from another table (renamed there, the order changes). */
export function isLabelSort(field: SortField): boolean {
  return field in SHARED_LABEL_CODES || field in LABEL_ID_COLUMNS;
}

/** The order of two rows by a sort key per code, no key (SQL NULL) first; plus a faster one for the first sort. */
interface Comparators {
  compare: Compare;
  /** Valid while no code is added (during the one sort that builds the order): keys ranked once, compared as numbers. */
  build?: () => Compare;
}

function byKey(codes: () => ArrayLike<number>, size: () => number, keyOf: (code: number) => string | null): Comparators {
  const compare: Compare = (a, b) => {
    const c = codes();
    const ca = c[a]!;
    const cb = c[b]!;
    if (ca !== cb) {
      const x = keyOf(ca);
      const y = keyOf(cb);
      if (x !== y) {
        if (x === null) return -1;
        if (y === null) return 1;
        const k = compareKeys(x, y);
        if (k) return k;
      }
    }
    return a - b;
  };
  const build = () => {
    const n = size();
    const keys = Array.from({ length: n }, (_, code) => keyOf(code));
    const byRank = Array.from({ length: n }, (_, code) => code).sort((p, q) => (keys[p] === keys[q] ? 0 : keys[p] === null ? -1 : keys[q] === null ? 1 : compareKeys(keys[p]!, keys[q]!)));
    const rank = new Int32Array(n);
    byRank.forEach((code, i) => (rank[code] = i > 0 && keys[code] === keys[byRank[i - 1]!] ? rank[byRank[i - 1]!]! : i));
    const c = codes();
    return (a: number, b: number) => rank[c[a]!]! - rank[c[b]!]! || a - b;
  };
  return { compare, build };
}

/** The grid's sort of two rows (rowids): the field, then the rowid, so equal values keep the order they were recorded in. */
function comparator(cols: InterventionColumns, field: SortField, labelKey: LabelKeyOf): Comparators {
  const c = cols.code;
  const byInt = (col: ArrayLike<number>): Comparators => ({ compare: (a, b) => col[a]! - col[b]! || a - b });
  if (field in TEXT_COLUMNS) {
    const t = cols.sorts.text[field as TextField];
    return byKey(() => t.col.a, () => t.dict.keys.length, (code) => t.dict.keys[code] ?? null);
  }
  if (field in LABEL_ID_COLUMNS) {
    const l = cols.sorts.labels[field as LabelIdField];
    return byKey(() => l.col.a, () => l.dict.size, (code) => (code === 0 ? null : labelKey(l.dict.decode(code)!)));
  }
  if (field in SHARED_LABEL_CODES) {
    const col = SHARED_LABEL_CODES[field as keyof typeof SHARED_LABEL_CODES];
    return byKey(() => c[col], () => cols.ids.size, (code) => (code === 0 ? null : labelKey(cols.ids.decode(code)!)));
  }
  switch (field) {
    case 'docDate':
      return byInt(c.docDay);
    case 'status':
      return byInt(c.status);
    case 'priority':
      return byInt(c.priority);
    case 'startAt':
      return byInt(c.start);
    case 'endAt':
      return byInt(c.end);
    case 'valid':
      return { compare: (a, b) => cols.sorts.valid[a]! - cols.sorts.valid[b]! || a - b };
    case 'cancelled':
      return { compare: (a, b) => cols.sorts.cancelled[a]! - cols.sorts.cancelled[b]! || a - b };
    case 'updatedAt':
      return { compare: (a, b) => cols.updated[a]! - cols.updated[b]! || a - b };
    case 'address':
      // The folded street the address filter also reads.
      return byKey(() => c.address, () => cols.addresses.size, (code) => cols.addresses.values[code] ?? null);
    case 'client':
      return byKey(() => c.clientKey, () => cols.nameKeys.size, (code) => cols.nameKeys.values[code] ?? null);
    case 'number': {
      // No number (not validated yet) first, as SQL sorts NULL; then the series prefix, then the digits as a number.
      const prefixes = cols.prefixes.values;
      return {
        compare: (a, b) => {
          const pa = c.numPrefix[a]!;
          const pb = c.numPrefix[b]!;
          if (pa !== pb) {
            if (pa === 0 || pb === 0) return pa === 0 ? -1 : 1;
            return prefixes[pa]! < prefixes[pb]! ? -1 : 1;
          }
          return cols.numValue[a]! - cols.numValue[b]! || a - b;
        },
      };
    }
  }
  throw new Error(`no sort for ${String(field)}`);
}

/**
 * Live rowids in one field's ascending order, kept current row by row (a binary search and a move of the tail,
 * about a millisecond at a million rows) so a sort never has to be redone after a change.
 */
export class SortOrder {
  private ids: Uint32Array;
  length = 0;
  /** The field's order of two rowids (negative when the first comes first). */
  readonly compare: Compare;

  constructor(cols: InterventionColumns, field: SortField, labelKey: LabelKeyOf = () => null) {
    const c = comparator(cols, field, labelKey);
    this.compare = c.compare;
    this.ids = new Uint32Array(Math.max(1024, Math.ceil(cols.liveCount * 1.1)));
    for (let s = 0; s < cols.capacity; s++) if (cols.live[s]) this.ids[this.length++] = s;
    this.ids.subarray(0, this.length).sort(c.build ? c.build() : this.compare);
  }

  get rows(): Uint32Array {
    return this.ids.subarray(0, this.length);
  }

  /** Where the row sits, or would sit (its values as the columns hold them now). */
  private position(rowid: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.ids[mid]!, rowid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Before the row's values change: takes it out while its old values still find it. */
  remove(rowid: number): void {
    const at = this.position(rowid);
    if (this.ids[at] !== rowid || at >= this.length) return;
    this.ids.copyWithin(at, at + 1, this.length);
    this.length--;
  }

  /** After the row's values changed (or it was added). */
  insert(rowid: number): void {
    if (this.length === this.ids.length) {
      const more = new Uint32Array(Math.ceil(this.ids.length * 1.25));
      more.set(this.ids);
      this.ids = more;
    }
    const at = this.position(rowid);
    this.ids.copyWithin(at + 1, at, this.length);
    this.ids[at] = rowid;
    this.length++;
  }
}
