import { performance } from 'node:perf_hooks';
import type { GridSnapshot } from './source';

/** Lets the event loop breathe: file streams flush and other work (calls, web mode, progress) runs between pages. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Breathes once `sliceMs` have passed since it last did: called per row, it keeps every stretch short whatever the load. */
export function pacer(sliceMs: number): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return breathe().then(() => void (since = performance.now()));
  };
}

export interface Walk<Row> {
  /** Rows read per query: big enough to amortize it, small enough that one (run synchronously) holds up other calls only briefly. */
  pageSize: number;
  /** The longest stretch of work without letting other calls in. */
  sliceMs: number;
  row(row: Row): void | Promise<void>;
  /** After each page but the last, before breathing (a writer flushes). */
  betweenPages?: () => Promise<void>;
  progress?: (p: { done: number; total: number }) => void;
}

/**
 * Every row of a snapshot, page after page, giving way every `sliceMs`; progress before the first page and after
 * each. A page may come shorter (a row gone meanwhile): the end is where the snapshot's count ends. Returns the rows seen.
 */
export async function walkSnapshot<Row>(snap: GridSnapshot<Row>, w: Walk<Row>): Promise<number> {
  const pace = pacer(w.sliceMs);
  let done = 0;
  w.progress?.({ done, total: snap.total });
  // At least one read, as a count may be behind the snapshot it is read from.
  for (let offset = 0; ; offset += w.pageSize) {
    const rows = await snap.read(offset, w.pageSize);
    for (const r of rows) {
      await w.row(r);
      await pace();
    }
    done += rows.length;
    w.progress?.({ done, total: Math.max(snap.total, done) });
    if (offset + w.pageSize >= snap.total) break;
    await w.betweenPages?.();
    await breathe();
  }
  return done;
}
