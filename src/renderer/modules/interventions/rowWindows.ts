/**
 * Rows of the grid held in the page by position, one stream per scope and order: a block ag-grid asks for again (a
 * page scrolled back to, the neighbour read ahead, the first page that came with the count) is answered at once, and
 * a block already being read is waited for instead of read twice.
 */
export type ReadRows<R> = (stream: string, offset: number, limit: number) => Promise<R[]>;

interface Reading {
  stream: string;
  start: number;
  end: number;
  done: Promise<void>;
}

export class RowWindows<R> {
  private streams = new Map<string, Map<number, R>>();
  private reading: Reading[] = [];
  /** Bumped by `clear`: a read that started before it must not fill the cache with what may be stale. */
  private epoch = 0;

  constructor(
    private readonly readRows: ReadRows<R>,
    /** Rows kept per stream; the oldest written go first. */
    private readonly maxRows = 4000,
  ) {}

  /** The rows [offset, offset + limit) when every one is held, else null. */
  peek(stream: string, offset: number, limit: number): R[] | null {
    const rows = this.streams.get(stream);
    if (!rows) return null;
    const out: R[] = [];
    for (let i = offset; i < offset + limit; i++) {
      const r = rows.get(i);
      if (r === undefined) return null;
      out.push(r);
    }
    return out;
  }

  put(stream: string, offset: number, rows: readonly R[]): void {
    let held = this.streams.get(stream);
    if (!held) {
      // One scope at a time: another stream's rows are of a screen the person has left.
      if (this.streams.size >= 4) this.streams.delete(this.streams.keys().next().value!);
      held = new Map();
      this.streams.set(stream, held);
    }
    rows.forEach((r, i) => {
      held.delete(offset + i);
      held.set(offset + i, r);
    });
    for (const k of held.keys()) {
      if (held.size <= this.maxRows) break;
      held.delete(k);
    }
  }

  /** Whether [offset, offset + limit) is held or on its way. */
  covered(stream: string, offset: number, limit: number): boolean {
    return !!this.peek(stream, offset, limit) || !!this.readingOf(stream, offset, offset + limit);
  }

  /**
   * The rows [offset, offset + limit): from what is held, from a read on its way that covers them, or from one new
   * read of `wide` (a range holding them: the screen's other block in the same round trip). Fewer rows than asked
   * means the list ends there.
   */
  async read(stream: string, offset: number, limit: number, wide?: { offset: number; limit: number }): Promise<R[]> {
    const held = this.peek(stream, offset, limit);
    if (held) return held;
    const on = this.readingOf(stream, offset, offset + limit);
    if (on) {
      await on.done;
      const after = this.peek(stream, offset, limit);
      if (after) return after;
    }
    const w = wide && wide.offset <= offset && wide.offset + wide.limit >= offset + limit ? wide : { offset, limit };
    const epoch = this.epoch;
    let got: R[] = [];
    const reading: Reading = {
      stream,
      start: w.offset,
      end: w.offset + w.limit,
      done: this.readRows(stream, w.offset, w.limit).then((rows) => {
        got = rows;
        if (epoch === this.epoch) this.put(stream, w.offset, rows);
      }),
    };
    this.reading.push(reading);
    try {
      await reading.done;
    } finally {
      this.reading = this.reading.filter((r) => r !== reading);
    }
    return got.slice(offset - w.offset, offset - w.offset + limit);
  }

  /** Data changed: nothing held is trusted any more. */
  clear(): void {
    this.epoch++;
    this.streams.clear();
    this.reading = [];
  }

  private readingOf(stream: string, start: number, end: number): Reading | undefined {
    return this.reading.find((r) => r.stream === stream && r.start <= start && r.end >= end);
  }
}
