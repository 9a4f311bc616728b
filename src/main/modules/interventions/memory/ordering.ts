import type { SortField } from '../../../../shared/api/interventions';
import type { InterventionColumns } from './columns';

type Compare = (a: number, b: number) => number;

/** The grid's sort of two rows (rowids): the field, then the rowid, so equal values keep the order they were recorded in. */
function comparator(cols: InterventionColumns, field: SortField): Compare {
  const c = cols.code;
  const byInt = (col: Int32Array): Compare => (a, b) => col[a]! - col[b]! || a - b;
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
    case 'updatedAt':
      return (a, b) => cols.updated[a]! - cols.updated[b]! || a - b;
    case 'client': {
      const keys = cols.nameKeys.values;
      return (a, b) => {
        const x = keys[c.clientKey[a]!]!;
        const y = keys[c.clientKey[b]!]!;
        return x < y ? -1 : x > y ? 1 : a - b;
      };
    }
    case 'number': {
      // No number (not validated yet) first, as SQL sorts NULL; then the series prefix, then the digits as a number.
      const prefixes = cols.prefixes.values;
      return (a, b) => {
        const pa = c.numPrefix[a]!;
        const pb = c.numPrefix[b]!;
        if (pa !== pb) {
          if (pa === 0 || pb === 0) return pa === 0 ? -1 : 1;
          return prefixes[pa]! < prefixes[pb]! ? -1 : 1;
        }
        return cols.numValue[a]! - cols.numValue[b]! || a - b;
      };
    }
  }
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

  constructor(cols: InterventionColumns, field: SortField) {
    this.compare = comparator(cols, field);
    this.ids = new Uint32Array(Math.max(1024, Math.ceil(cols.liveCount * 1.1)));
    for (let s = 0; s < cols.capacity; s++) if (cols.live[s]) this.ids[this.length++] = s;
    this.ids.subarray(0, this.length).sort(this.compare);
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
