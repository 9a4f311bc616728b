import type { SortField } from '../../../../shared/api/interventions';
import { compareKeys } from '../../../../shared/rules/text';
import { SortedOrder, type Comparators, type Compare } from '../../../grid/memory/sortedOrder';
import type { InterventionColumns } from './columns';
import { LABEL_ID_COLUMNS, TEXT_COLUMNS, type LabelIdField, type TextField } from './sortColumns';

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

/** The order of two rows by a sort key per code, no key (SQL NULL) first; the build ranks the keys once. */
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

/** Live rowids in one field's ascending order, kept current row by row. */
export class SortOrder extends SortedOrder {
  constructor(cols: InterventionColumns, field: SortField, labelKey: LabelKeyOf = () => null) {
    super(cols, comparator(cols, field, labelKey));
  }
}
