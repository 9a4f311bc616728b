import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime, parseTime } from './dateInput';
import { flatLayout, groupedLayout, parentHeaderIndex, pathKey, planRange, segmentAt, type GroupInfo } from './groupModel';

const levels = [{ field: 'status' as const }, { field: 'priority' as const }];
const top: GroupInfo[] = [
  { key: 'allocated', label: null, count: 3 },
  { key: 'received', label: null, count: 250 },
];
const children = new Map<string, GroupInfo[]>([
  [pathKey(['received']), [{ key: 'high', label: null, count: 200 }, { key: 'low', label: null, count: 50 }]],
]);

describe('grouped virtual list', () => {
  it('is only headers while nothing is expanded', () => {
    const l = groupedLayout(levels, top, children, new Set());
    expect(l.total).toBe(2);
    expect(l.leafTotal).toBe(253);
    expect(planRange(l, 0, 100)).toHaveLength(2);
  });

  it('shows subgroups and then the rows of an expanded last-level group, counted into the total', () => {
    const l = groupedLayout(levels, top, children, new Set([pathKey(['received']), pathKey(['received', 'high'])]));
    // allocated, received, received/high, 200 rows, received/low
    expect(l.total).toBe(1 + 1 + 1 + 200 + 1);
    expect(l.segments[l.segments.length - 1]!.header?.key).toBe('low');
    const parts = planRange(l, 0, 100);
    expect(parts.slice(0, 3).map((p) => ('header' in p ? p.header.key : null))).toEqual(['allocated', 'received', 'high']);
    expect(parts[3]).toEqual({ path: ['received', 'high'], offset: 0, limit: 97 });
    // The next page continues inside the same group, then reaches the following header.
    const next = planRange(l, 100, 300);
    expect(next[0]).toEqual({ path: ['received', 'high'], offset: 97, limit: 103 });
    expect('header' in next[1]! && next[1].header.key).toBe('low');
    expect(parentHeaderIndex(l, 150)).toBe(2);
  });

  it('a flat list is one segment of all rows', () => {
    const l = flatLayout(1000);
    expect(segmentAt(l, 999)).toBe(0);
    expect(planRange(l, 900, 1100)).toEqual([{ path: [], offset: 900, limit: 100 }]);
    expect(flatLayout(0).segments).toHaveLength(0);
  });
});

describe('typed dates', () => {
  const now = new Date(2026, 10, 23, 15, 0); // 23 Nov 2026
  it('reads day-first dates, short forms, ISO and days from today', () => {
    expect(parseDate('27.11.2026', now)).toBe('2026-11-27');
    expect(parseDate('27.11.2026.', now)).toBe('2026-11-27');
    expect(parseDate('27/11', now)).toBe('2026-11-27');
    expect(parseDate('2711', now)).toBe('2026-11-27');
    expect(parseDate('271126', now)).toBe('2026-11-27');
    expect(parseDate('27', now)).toBe('2026-11-27');
    expect(parseDate('2026-11-27', now)).toBe('2026-11-27');
    expect(parseDate('t', now)).toBe('2026-11-23');
    expect(parseDate('+10', now)).toBe('2026-12-03');
    expect(parseDate('31.02.2026', now)).toBeNull();
    expect(parseDate('abc', now)).toBeNull();
  });
  it('reads a time after the date', () => {
    expect(parseTime('1030')).toBe('10:30');
    expect(parseTime('9')).toBe('09:00');
    expect(parseTime('24:00')).toBeNull();
    expect(parseDateTime('27.11.2026 10:30', '09:00', now)).toBe('2026-11-27T10:30');
    expect(parseDateTime('27.11.2026, 10:30', '09:00', now)).toBe('2026-11-27T10:30');
    expect(parseDateTime('2026-11-27T10:30', '09:00', now)).toBe('2026-11-27T10:30');
    expect(parseDateTime('+1 9', '09:00', now)).toBe('2026-11-24T09:00');
    expect(parseDateTime('27.11', '08:00', now)).toBe('2026-11-27T08:00');
  });
});
