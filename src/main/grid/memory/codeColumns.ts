/** What every indexed row carries: its SQLite rowid (the arrays' position) and its tombstone. */
export interface IndexedRowBase {
  rowid: number;
  deleted_at: string | null;
}

/**
 * One column of codes, declared by a module: its name and how a row's value becomes the code it holds (a
 * dictionary's code, or a number that orders as the value does). Without `code` the module writes it itself in
 * `writeMore`, for values read from one parse of the row (a document number's series and digits).
 */
export interface CodeColumnSpec<N extends string, R, Self> {
  readonly name: N;
  readonly code?: (row: R, cols: Self) => number;
}

/** A copy of `a` with room for `capacity` entries (typed arrays cannot grow in place). */
export function grown<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(a: T, capacity: number): T {
  const next = new (a.constructor as new (n: number) => T)(capacity);
  next.set(a);
  return next;
}

/**
 * A grid's fields of every row as typed arrays indexed by rowid (rows are tombstoned, never removed, so rowids stay
 * dense): a filter, count or group compares integers instead of reading the table. Each module declares its code
 * columns; what is not a code (numbers kept whole, side maps, bounds) it keeps in its own arrays, grown with these
 * in `growMore` and written in `writeMore`. Every module's rows have an organization and a branch, whose live rows
 * are counted so a test every live row passes can be left out.
 */
export abstract class CodeColumns<N extends string, R extends IndexedRowBase, Self> {
  capacity = 0;
  live = new Uint8Array(0);
  readonly code = {} as Record<N | 'org' | 'branch', Int32Array>;
  liveCount = 0;
  /** Live rows per organization code. */
  liveByOrg = new Map<number, number>();
  /** Live rows per branch code. */
  liveByBranch = new Map<number, number>();
  private readonly encoders: { name: N; code: (row: R, cols: Self) => number }[] = [];

  /** Subclasses call `grow` once their own arrays exist (their fields are set only after this constructor). */
  protected constructor(
    /** Every code column, in the order they are written (the order dictionaries hand out codes). */
    readonly columns: readonly CodeColumnSpec<N | 'org' | 'branch', R, Self>[],
  ) {
    for (const c of columns) {
      this.code[c.name] = new Int32Array(0);
      if (c.code) this.encoders.push(c as { name: N; code: (row: R, cols: Self) => number });
    }
  }

  /** The module's own per-row arrays, grown to `capacity` with the code columns. */
  protected growMore(capacity: number): void {
    void capacity;
  }

  /** The module's own values of a live row, written after its codes. */
  protected writeMore(rowid: number, row: R): void {
    void rowid;
    void row;
  }

  protected grow(min: number): void {
    if (min <= this.capacity) return;
    const cap = Math.max(min, Math.ceil(this.capacity * 1.25), 1024);
    this.live = grown(this.live, cap);
    for (const c of this.columns) this.code[c.name] = grown(this.code[c.name], cap);
    this.growMore(cap);
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
  write(r: R): boolean {
    const s = r.rowid;
    this.grow(s + 1);
    const wasLive = this.live[s] === 1;
    const { org, branch } = this.code;
    if (wasLive) {
      this.liveByOrg.set(org[s]!, (this.liveByOrg.get(org[s]!) ?? 1) - 1);
      this.liveByBranch.set(branch[s]!, (this.liveByBranch.get(branch[s]!) ?? 1) - 1);
    }
    if (r.deleted_at != null) {
      if (wasLive) this.liveCount--;
      this.live[s] = 0;
      return false;
    }
    const self = this as unknown as Self;
    const encoders = this.encoders;
    for (let i = 0; i < encoders.length; i++) {
      const e = encoders[i]!;
      this.code[e.name][s] = e.code(r, self);
    }
    this.writeMore(s, r);
    this.live[s] = 1;
    if (!wasLive) this.liveCount++;
    this.liveByOrg.set(org[s]!, (this.liveByOrg.get(org[s]!) ?? 0) + 1);
    this.liveByBranch.set(branch[s]!, (this.liveByBranch.get(branch[s]!) ?? 0) + 1);
    return true;
  }
}
