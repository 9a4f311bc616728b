import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../clock';
import { DEFAULT_INTERVENTION_SETTINGS } from '../../../../shared/api/interventionSettings';
import { dueWarnings, limitsOf, type WarningFacts } from './rules';

const limits = limitsOf({ warningHours: 24, unconfirmedHours: 8, overdueGraceMinutes: 30 });
const received: WarningFacts = { status: 'received', createdAt: '2026-03-01T10:00:00.000Z', allocatedAt: null, endAt: null, deleted: false };
const kinds = (f: WarningFacts, at: string) => dueWarnings(f, limits, new ManualClock(Date.parse(at))).map((w) => w.kind);

describe('warning rules', () => {
  it('raises "not allocated" from the exact instant the hours are up, not a millisecond before', () => {
    expect(kinds(received, '2026-03-02T09:59:59.999Z')).toEqual([]);
    expect(kinds(received, '2026-03-02T10:00:00.000Z')).toEqual(['unallocated']);
    expect(dueWarnings(received, limits, new ManualClock(Date.parse('2026-03-05T00:00:00Z')))[0]!.dueAt).toBe(Date.parse('2026-03-02T10:00:00.000Z'));
  });

  it('counts elapsed hours across a daylight-saving change (24 real hours, 25 on the wall clock in Riga)', () => {
    // Riga leaves summer time on 2026-10-25 at 04:00 local: 10:00 on the 24th (UTC+3) to 10:00 on the 25th (UTC+2) is 25 hours.
    const before = { ...received, createdAt: '2026-10-24T07:00:00.000Z' };
    expect(kinds(before, '2026-10-25T06:59:59.999Z')).toEqual([]);
    expect(kinds(before, '2026-10-25T07:00:00.000Z')).toEqual(['unallocated']);
  });

  it('counts "not confirmed" from the allocation, and from the creation for documents allocated before it was recorded', () => {
    const allocated: WarningFacts = { ...received, status: 'allocated', allocatedAt: '2026-03-03T08:00:00.000Z' };
    expect(kinds(allocated, '2026-03-03T15:59:59.999Z')).toEqual([]);
    expect(kinds(allocated, '2026-03-03T16:00:00.000Z')).toEqual(['unconfirmed']);
    expect(kinds({ ...allocated, allocatedAt: null }, '2026-03-01T18:00:00.000Z')).toEqual(['unconfirmed']);
    expect(kinds({ ...allocated, status: 'confirmed' }, '2026-04-01T00:00:00.000Z')).toEqual([]);
  });

  it('raises "past its end" after the grace for any open document, together with the others that are due', () => {
    const late: WarningFacts = { ...received, endAt: '2026-03-01T12:00:00.000Z' };
    expect(kinds(late, '2026-03-01T12:29:59.999Z')).toEqual([]);
    expect(kinds(late, '2026-03-01T12:30:00.000Z')).toEqual(['overdue']);
    expect(kinds(late, '2026-03-02T10:00:00.000Z').sort()).toEqual(['overdue', 'unallocated']);
    expect(kinds({ ...late, status: 'confirmed' }, '2026-03-02T10:00:00.000Z')).toEqual(['overdue']);
  });

  it('never warns about finalized, cancelled or deleted documents; drafts warn like numbered ones', () => {
    const late: WarningFacts = { ...received, endAt: '2026-03-01T12:00:00.000Z' };
    const far = '2027-01-01T00:00:00.000Z';
    expect(kinds({ ...late, status: 'finalized' }, far)).toEqual([]);
    expect(kinds({ ...late, status: 'cancelled' }, far)).toEqual([]);
    expect(kinds({ ...late, deleted: true }, far)).toEqual([]);
    // The facts carry no "valid" flag: a draft is judged by its status like any document.
    expect(kinds(late, far).sort()).toEqual(['overdue', 'unallocated']);
  });

  it('leaves out a warning whose setting is off', () => {
    const off = limitsOf({ ...DEFAULT_INTERVENTION_SETTINGS, warningHours: null, overdueGraceMinutes: null });
    const late: WarningFacts = { ...received, endAt: '2026-03-01T12:00:00.000Z' };
    expect(dueWarnings(late, off, new ManualClock(Date.parse('2027-01-01T00:00:00Z')))).toEqual([]);
    expect(limitsOf({ warningHours: 1, unconfirmedHours: null, overdueGraceMinutes: 0 })).toEqual({ unallocated: 3_600_000, unconfirmed: null, overdue: 0 });
  });
});
