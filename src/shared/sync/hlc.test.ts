import { describe, expect, it } from 'vitest';
import { driftTooLarge, formatHlc, HlcError, nodeOf, parseHlc, receive, tick, zeroHlc } from './hlc';

const A = nodeOf('01a241a3-22a0-760d-bf88-d77457c9db65');
const B = nodeOf('01a241d8-3c60-722c-b6cc-d3ca7370b92b');
const T = Date.parse('2026-12-06T22:00:00.000Z');

describe('hybrid logical clock', () => {
  it('reads back what it writes, and its text sorts as it orders', () => {
    const h = { millis: T, counter: 7, node: A };
    expect(formatHlc(h)).toBe(`2026-12-06T22:00:00.000Z-0007-${A}`);
    expect(parseHlc(formatHlc(h))).toEqual(h);
    const stamps = [tick(zeroHlc(A), T), tick(tick(zeroHlc(A), T), T), tick(zeroHlc(A), T + 1), tick(zeroHlc(B), T)].map(formatHlc);
    expect([...stamps].sort()).toEqual([stamps[0], stamps[3], stamps[1], stamps[2]]);
  });

  it('refuses malformed stamps and ids', () => {
    expect(() => parseHlc('2026-12-06T22:00:00Z-0000-' + A)).toThrow(HlcError);
    expect(() => parseHlc(`2026-12-06T22:00:00.000Z-000g-${A}`)).toThrow(HlcError);
    expect(() => nodeOf('device-1')).toThrow(HlcError);
    // Matches the pattern, but is no real instant: Date.parse would roll it over to 2 March / the next hour.
    expect(() => parseHlc(`2026-02-30T10:00:00.000Z-0000-${A}`)).toThrow(HlcError);
    expect(() => parseHlc(`2026-12-06T10:99:00.000Z-0000-${A}`)).toThrow(HlcError);
  });

  it('counts up within one millisecond and never goes back when the wall clock does', () => {
    const a1 = tick(zeroHlc(A), T);
    const a2 = tick(a1, T);
    expect(a2).toEqual({ millis: T, counter: 1, node: A });
    const back = tick(a2, T - 60_000);
    expect(back).toEqual({ millis: T, counter: 2, node: A });
    expect(tick(back, T + 5)).toEqual({ millis: T + 5, counter: 0, node: A });
  });

  it('orders its next change after a received one from a clock ahead of it', () => {
    const mine = tick(zeroHlc(A), T);
    const theirs = { millis: T + 2_000, counter: 3, node: B };
    const seen = receive(mine, theirs, T + 10);
    expect(seen).toEqual({ millis: T + 2_000, counter: 4, node: A });
    expect(formatHlc(tick(seen, T + 20)) > formatHlc(theirs)).toBe(true);
    // Same millisecond on all three sides: past both counters.
    expect(receive({ millis: T, counter: 5, node: A }, { millis: T, counter: 9, node: B }, T)).toEqual({ millis: T, counter: 10, node: A });
    // The wall clock ahead of both: it wins, counter from zero.
    expect(receive(mine, theirs, T + 5_000)).toEqual({ millis: T + 5_000, counter: 0, node: A });
  });

  it('refuses a received stamp beyond the allowed drift, and a device clock too far from the hub', () => {
    expect(() => receive(zeroHlc(A), { millis: T + 5 * 60_000 + 1, counter: 0, node: B }, T)).toThrow(/ahead/);
    expect(receive(zeroHlc(A), { millis: T + 5 * 60_000, counter: 0, node: B }, T).millis).toBe(T + 5 * 60_000);
    expect(driftTooLarge(T, T + 5 * 60_000)).toBe(false);
    expect(driftTooLarge(T, T + 5 * 60_000 + 1)).toBe(true);
    expect(driftTooLarge(T + 5 * 60_000 + 1, T)).toBe(true);
  });

  it('fails loudly rather than reuse a stamp after 65,536 changes in one millisecond', () => {
    expect(() => tick({ millis: T, counter: 0xffff, node: A }, T)).toThrow(HlcError);
  });
});
