import { describe, expect, it } from 'vitest';
import { enqueue } from './PushToast';

const byVisit = (p: { visitId: string }) => p.visitId;

describe('the push toasts’ queue', () => {
  it('shows the newest first, replaces an earlier push of the same thing, and keeps a short queue', () => {
    let q: { visitId: string; n: number }[] = [];
    q = enqueue(q, { visitId: 'a', n: 1 }, byVisit, 3);
    q = enqueue(q, { visitId: 'b', n: 2 }, byVisit, 3);
    expect(q.map((p) => p.visitId)).toEqual(['b', 'a']);
    // The same slot pushed again (its offers re-read): one entry, the newest, on top.
    q = enqueue(q, { visitId: 'a', n: 3 }, byVisit, 3);
    expect(q).toEqual([{ visitId: 'a', n: 3 }, { visitId: 'b', n: 2 }]);
    for (const id of ['c', 'd', 'e']) q = enqueue(q, { visitId: id, n: 0 }, byVisit, 3);
    expect(q.map((p) => p.visitId)).toEqual(['e', 'd', 'c']);
  });

  it('keeps only the newest where each push already tells everything (the warnings)', () => {
    const newest = () => 'newest';
    expect(enqueue(enqueue([], { count: 1 }, newest, 1), { count: 2 }, newest, 1)).toEqual([{ count: 2 }]);
  });
});
