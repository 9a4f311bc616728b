import { describe, expect, it } from 'vitest';
import { RowWindows } from './rowWindows';
import { aheadOf, blocksAtScroll, screenSpan, shown } from './readAhead';

/** A list of `total` rows named by position, answering reads after `release()` and recording each one. */
function source(total: number) {
  const reads: string[] = [];
  const waiting: (() => void)[] = [];
  const read = (stream: string, offset: number, limit: number) =>
    new Promise<string[]>((resolve) => {
      reads.push(`${stream}:${offset}+${limit}`);
      waiting.push(() => resolve(Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => `${stream}#${offset + i}`)));
    });
  const release = async () => {
    while (waiting.length) waiting.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { reads, read, release };
}

describe('RowWindows', () => {
  it('answers a block again from what it holds, and reads what is missing', async () => {
    const s = source(1000);
    const w = new RowWindows(s.read);
    const first = w.read('a', 100, 100);
    await s.release();
    expect((await first)[0]).toBe('a#100');
    expect(await w.read('a', 120, 50)).toHaveLength(50);
    expect(s.reads).toEqual(['a:100+100']);
    const other = w.read('a', 150, 100);
    await s.release();
    expect((await other).at(-1)).toBe('a#249');
    expect(s.reads).toEqual(['a:100+100', 'a:150+100']);
  });

  it('reads the screen of two blocks once and answers both from that read', async () => {
    const s = source(1000);
    const w = new RowWindows(s.read);
    const wide = { offset: 100, limit: 200 };
    const a = w.read('a', 100, 100, wide);
    const b = w.read('a', 200, 100, wide);
    await s.release();
    expect(s.reads).toEqual(['a:100+200']);
    expect((await a)[99]).toBe('a#199');
    expect((await b)[0]).toBe('a#200');
  });

  it('keeps streams apart, ends short at the end of the list, and forgets everything on clear', async () => {
    const s = source(250);
    const w = new RowWindows(s.read);
    const end = w.read('a', 200, 100);
    await s.release();
    expect(await end).toHaveLength(50);
    expect(w.peek('b', 200, 10)).toBeNull();
    w.put('b', 0, ['x', 'y']);
    expect(w.peek('b', 0, 2)).toEqual(['x', 'y']);
    // A read under way when the data changed does not fill the cache with rows from before the change.
    const stale = w.read('a', 0, 10);
    w.clear();
    await s.release();
    expect(await stale).toHaveLength(10);
    expect(w.peek('a', 0, 10)).toBeNull();
    expect(w.peek('b', 0, 2)).toBeNull();
  });

  it('keeps at most its limit of rows, dropping the oldest written', () => {
    const w = new RowWindows<number>(() => Promise.resolve([]), 150);
    w.put('a', 0, Array.from({ length: 100 }, (_, i) => i));
    w.put('a', 500, Array.from({ length: 100 }, (_, i) => 500 + i));
    expect(w.peek('a', 500, 100)).toHaveLength(100);
    expect(w.peek('a', 0, 10)).toBeNull();
    expect(w.peek('a', 50, 50)).toHaveLength(50);
  });
});

describe('read ahead', () => {
  it('widens a block to its neighbour only when the rendered rows reach into it', () => {
    expect(screenSpan(100, 200, 120, 160, 1000, 100)).toBeUndefined();
    expect(screenSpan(100, 200, 180, 215, 1000, 100)).toEqual({ offset: 100, limit: 200 });
    expect(screenSpan(100, 200, 95, 130, 1000, 100)).toEqual({ offset: 0, limit: 200 });
    expect(screenSpan(900, 1000, 980, 999, 1000, 100)).toBeUndefined();
    expect(screenSpan(900, 1000, 990, 1010, 1005, 100)).toEqual({ offset: 900, limit: 105 });
    // Rows rendered elsewhere (a block ag-grid keeps warm off screen): nothing to widen.
    expect(screenSpan(100, 200, 500, 530, 1000, 100)).toBeUndefined();
  });

  it('reads the next block first, then the one above, within the list', () => {
    expect(aheadOf(100, 200, 1000, 100)).toEqual([
      { offset: 200, limit: 100 },
      { offset: 0, limit: 100 },
    ]);
    expect(aheadOf(0, 100, 150, 100)).toEqual([{ offset: 100, limit: 50 }]);
    expect(aheadOf(900, 1000, 1000, 100)).toEqual([{ offset: 800, limit: 100 }]);
    expect(shown(100, 200, 150, 170)).toBe(true);
    expect(shown(100, 200, 200, 230)).toBe(false);
    expect(shown(100, 200, -1, -1)).toBe(false);
  });
});

describe('blocksAtScroll', () => {
  // 1,000,000 rows of 28 px in a viewport 560 px tall (20 rows): the scrollbar's full travel is the list less a screen.
  const H = 28;
  const total = 1_000_000;
  const travel = (total - 20) * H;
  const at = (top: number, height = travel + 560) => blocksAtScroll(top, height, 560, H, total, 100);

  it('names the block of the first row a scroll position shows, and the next one when the screen straddles both', () => {
    expect(at(0)).toEqual({ offset: 0, limit: 100 });
    expect(at(150 * H)).toEqual({ offset: 100, limit: 100 });
    expect(at(190 * H)).toEqual({ offset: 100, limit: 200 });
    expect(at(travel)).toEqual({ offset: 999_900, limit: 100 });
  });

  it('maps a list taller than the browser allows proportionally onto a shorter scrollbar', () => {
    // The same places on a scrollbar a tenth as long.
    expect(at(travel / 10 / 2, travel / 10 + 560)).toEqual(at(travel / 2));
    expect(at(travel / 10 / 2, travel / 10 + 560)!.offset).toBe(Math.floor(((total - 20) / 2 - 2) / 100) * 100);
  });

  it('stays inside a short list, and names nothing for an empty one', () => {
    expect(blocksAtScroll(0, 560, 560, H, 7, 100)).toEqual({ offset: 0, limit: 7 });
    expect(blocksAtScroll(0, 560, 560, H, 0, 100)).toBeUndefined();
  });
});
