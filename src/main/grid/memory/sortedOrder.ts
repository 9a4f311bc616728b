/** The order of two rowids (negative when the first comes first); ties broken by rowid, so the order is total. */
export type Compare = (a: number, b: number) => number;

/** A sort's comparison, plus a faster one valid only during the one sort that builds the order (no code added). */
export interface Comparators {
  compare: Compare;
  build?: () => Compare;
}

/** The rows an order is built from: whichever of `capacity` rowids are live. */
export interface LiveRows {
  readonly live: Uint8Array;
  readonly capacity: number;
  readonly liveCount: number;
}

/**
 * Live rowids in one sort's ascending order, kept current row by row (a binary search and a move of the tail, about
 * a millisecond at a million rows) so a sort never has to be redone after a change. Descending is the same order
 * read backwards.
 */
export class SortedOrder {
  private ids: Uint32Array;
  length = 0;
  readonly compare: Compare;

  /**
   * `strict`: a row that is not where its order expects it on removal is an error (the index is then read again)
   * rather than left alone.
   */
  constructor(
    rows: LiveRows,
    c: Comparators,
    private readonly strict = false,
  ) {
    this.compare = c.compare;
    this.ids = new Uint32Array(Math.max(1024, Math.ceil(rows.liveCount * 1.1)));
    const { live, capacity } = rows;
    for (let s = 0; s < capacity; s++) if (live[s] === 1) this.ids[this.length++] = s;
    this.ids.subarray(0, this.length).sort(c.build ? c.build() : this.compare);
  }

  /** The order's rowids (a view: valid until the next change). */
  get rows(): Uint32Array {
    return this.ids.subarray(0, this.length);
  }

  /** Where the row sits, or would sit (its values as the columns hold them now). */
  private position(rowid: number): number {
    const ids = this.ids;
    const compare = this.compare;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(ids[mid]!, rowid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Before the row's values change: takes it out while its old values still find it. */
  remove(rowid: number): void {
    const at = this.position(rowid);
    if (at >= this.length || this.ids[at] !== rowid) {
      if (this.strict) throw new Error(`row ${rowid} is not where its order expects it`);
      return;
    }
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
