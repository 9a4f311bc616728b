import { describe, expect, it } from 'vitest';
import { formatHlc, nodeOf } from './hlc';
import { assignFinal, confirmNumbers, deviceMarkOf, isProvisional, prefixLooksProvisional, provisionalNumber, ProvisionalError } from './provisional';
import { formatDocNumber } from '../rules/series';

const A = nodeOf('01a241a3-22a0-760d-bf88-d77457c9db65');
const B = nodeOf('01a241d8-3c60-722c-b6cc-d3ca7370b92b');
const T = Date.parse('2026-12-06T22:00:00.000Z');
const at = (ms: number, node = A) => formatHlc({ millis: T + ms, counter: 0, node });

describe('provisional numbers', () => {
  it('join the series prefix, the device mark and the local counter', () => {
    expect(provisionalNumber('RIX-', 'P7', 12)).toBe('RIX-P7-000012');
    expect(provisionalNumber('RIX', 'P7', 12)).toBe('RIX-P7-000012');
    expect(provisionalNumber('INT/', 'P41378', 1_234_567)).toBe('INT/P41378-1234567');
  });

  it('are recognisable; final numbers of the same series are not', () => {
    expect(isProvisional(provisionalNumber('RIX-', 'P7', 12))).toBe(true);
    expect(isProvisional(provisionalNumber('', 'P7', 1))).toBe(true);
    expect(isProvisional(formatDocNumber('RIX-', 12, 6))).toBe(false);
    expect(isProvisional(formatDocNumber('INT', 12, 5))).toBe(false);
    expect(isProvisional(formatDocNumber('PRO-', 12, 6))).toBe(false);
    expect(isProvisional(formatDocNumber('AP7-', 12, 6))).toBe(false);
    expect(isProvisional(formatDocNumber('PAY', 123456, 6))).toBe(false);
  });

  it('tell which series prefixes would make final numbers read as provisional', () => {
    expect(prefixLooksProvisional('RIX-P7-')).toBe(true);
    expect(prefixLooksProvisional('RIX-')).toBe(false);
    expect(prefixLooksProvisional('P-')).toBe(false);
    expect(prefixLooksProvisional('PRO-')).toBe(false);
    expect(prefixLooksProvisional('P12')).toBe(false);
  });

  it('refuse a mark or counter that would not read back', () => {
    expect(() => provisionalNumber('RIX-', '7', 1)).toThrow(ProvisionalError);
    expect(() => provisionalNumber('RIX-', 'p7', 1)).toThrow(ProvisionalError);
    expect(() => provisionalNumber('RIX-', 'PRO', 1)).toThrow(ProvisionalError);
    expect(() => provisionalNumber('RIX-', 'P123456', 1)).toThrow(ProvisionalError);
    expect(() => provisionalNumber('RIX-', 'P7', 0)).toThrow(ProvisionalError);
    expect(() => provisionalNumber('RIX-', 'P7', 1.5)).toThrow(ProvisionalError);
  });

  it("take a device's mark from its installation id, the same every time", () => {
    expect(deviceMarkOf('01a241a3-22a0-760d-bf88-d77457c9db65')).toBe('P56165');
    expect(provisionalNumber('RIX-', deviceMarkOf('01a241a3-22a0-760d-bf88-d77457c9db65'), 3)).toBe('RIX-P56165-000003');
    // Two computers installed the same millisecond (UUIDv7: the time first, random digits last) get different marks.
    expect(deviceMarkOf('01a241a3-22a0-760d-bf88-d77457c9db65')).not.toBe(deviceMarkOf('01a241a3-22a0-7a1c-8e02-5b6f0c3e91d4'));
    expect(() => deviceMarkOf('x')).toThrow(ProvisionalError);
  });
});

describe('final numbers', () => {
  it('follow the last final number in the order documents were validated, across devices', () => {
    const pending = [
      { id: 'yerevan-2', hlc: at(50, B) },
      { id: 'riga-1', hlc: at(10) },
      { id: 'yerevan-1', hlc: at(10, B) },
      { id: 'riga-2', hlc: at(60) },
    ];
    expect(assignFinal(pending, 41)).toEqual([
      { id: 'riga-1', final: 42 },
      { id: 'yerevan-1', final: 43 },
      { id: 'yerevan-2', final: 44 },
      { id: 'riga-2', final: 45 },
    ]);
  });

  it('give a document listed twice (a replayed batch) one number, at its first validation: no duplicates, no gaps', () => {
    const out = assignFinal([{ id: 'a', hlc: at(30) }, { id: 'b', hlc: at(20) }, { id: 'a', hlc: at(10) }, { id: 'b', hlc: at(20) }], 0);
    expect(out).toEqual([
      { id: 'a', final: 1 },
      { id: 'b', final: 2 },
    ]);
  });

  it('give the same numbers whatever order the pending list came in', () => {
    const pending = Array.from({ length: 30 }, (_, i) => ({ id: `d${i}`, hlc: at((i * 7919) % 101, i % 2 ? A : B) }));
    const forward = assignFinal(pending, 100);
    expect(assignFinal([...pending].reverse(), 100)).toEqual(forward);
    expect(forward.map((f) => f.final)).toEqual(Array.from({ length: 30 }, (_, i) => 101 + i));
    expect(new Set(forward.map((f) => f.id)).size).toBe(30);
  });

  it('nothing pending: nothing to give; a broken series position is refused', () => {
    expect(assignFinal([], 7)).toEqual([]);
    expect(() => assignFinal([{ id: 'a', hlc: at(1) }], -1)).toThrow(ProvisionalError);
  });
});

describe('confirming numbers at the hub', () => {
  it('numbers new documents after the last final one and confirms again those already numbered', () => {
    const known = new Map([['old', 7]]);
    const out = confirmNumbers([{ id: 'b', hlc: at(20, B) }, { id: 'old', hlc: at(5) }, { id: 'a', hlc: at(10) }, { id: 'a', hlc: at(30) }], known, 9);
    expect(out).toEqual({
      confirm: [
        { id: 'b', final: 11, fresh: true },
        { id: 'old', final: 7, fresh: false },
        { id: 'a', final: 10, fresh: true },
      ],
      lastFinal: 11,
    });
  });

  it('a push without new documents leaves the series where it was', () => {
    expect(confirmNumbers([{ id: 'old', hlc: at(1) }], new Map([['old', 3]]), 4)).toEqual({ confirm: [{ id: 'old', final: 3, fresh: false }], lastFinal: 4 });
    expect(confirmNumbers([], new Map(), 4)).toEqual({ confirm: [], lastFinal: 4 });
  });
});
