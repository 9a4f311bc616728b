import { describe, expect, it } from 'vitest';
import { decidable } from './decided';

/** What a later cell must pass to settle a listed crossing edit, read from the two stored sides. */
const NODE_A = 'a'.repeat(32);
const NODE_B = 'b'.repeat(32);
const side = (at: string, counter: string, node: string, values: Record<string, unknown>, withHlc = true) =>
  JSON.stringify({ node, at, ...(withHlc ? { hlc: `${at}-${counter}-${node}` } : {}), values });

describe('a listed crossing edit settles only past both sides', () => {
  it('is about every field either side holds, above the later of the two stamps', () => {
    const kept = side('2027-01-05T09:00:00.000Z', '0003', NODE_B, { starts_at: 'x', ends_at: 'y' });
    const other = side('2027-01-05T09:00:00.000Z', '0001', NODE_A, { starts_at: 'z' });
    const d = decidable(kept, other)!;
    expect(d.columns.sort()).toEqual(['ends_at', 'starts_at']);
    expect(d.above).toBe(`2027-01-05T09:00:00.000Z-0003-${NODE_B}`);
    // The decision's stamp of the same millisecond with a higher counter is newer; the kept side's own is not.
    expect(`2027-01-05T09:00:00.000Z-0004-${NODE_A}` > d.above).toBe(true);
    expect(`2027-01-05T09:00:00.000Z-0003-${NODE_A}` > d.above).toBe(false);
  });

  it('listed before sides kept their stamp: nothing of the same millisecond passes it, a later one does', () => {
    const d = decidable(side('2027-01-05T09:00:00.000Z', '', NODE_B, { status: 'done' }, false), side('2027-01-05T08:59:00.000Z', '', NODE_A, { status: 'new' }, false))!;
    expect(`2027-01-05T09:00:00.000Z-ffff-${NODE_B}` > d.above).toBe(false);
    expect(`2027-01-05T09:00:00.001Z-0000-${NODE_A}` > d.above).toBe(true);
  });

  it('a pulled row whose natural key another row holds is never settled by a stamp', () => {
    expect(decidable(JSON.stringify({ node: NODE_A, at: '2027-01-05T09:00:00.000Z', values: {} }), side('2027-01-05T09:00:00.000Z', '0000', NODE_B, { name: 'x' }))).toBeNull();
    expect(decidable(null, side('2027-01-05T09:00:00.000Z', '0000', NODE_B, { name: 'x' }))).toBeNull();
  });
});
