import { describe, expect, it } from 'vitest';
import { overlappingIds, slotsOverlap } from './overlap';

const at = (h: number, m = 0) => `2026-12-07T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
const slot = (id: string, personId: string | null, from: number, to: number) => ({ id, personId, start: at(from), end: at(to) });

describe('overlapping scheduled work', () => {
  it('treats times as half-open: back-to-back visits do not clash', () => {
    expect(slotsOverlap(slot('a', 'p', 9, 10), slot('b', 'p', 10, 11))).toBe(false);
    expect(slotsOverlap(slot('a', 'p', 9, 11), slot('b', 'p', 10, 12))).toBe(true);
    expect(slotsOverlap(slot('a', 'p', 9, 12), slot('b', 'p', 10, 11))).toBe(true);
  });

  it('marks only the slots of one person that share time, also behind a long one', () => {
    const ids = overlappingIds([
      slot('long', 'p', 8, 12),
      slot('inside', 'p', 9, 10),
      slot('later', 'p', 11, 13),
      slot('free', 'p', 13, 14),
      slot('other', 'q', 9, 10),
      slot('nobody1', null, 9, 10),
      slot('nobody2', null, 9, 10),
    ]);
    expect([...ids].sort()).toEqual(['inside', 'later', 'long']);
  });
});
