import { describe, expect, it } from 'vitest';
import { entryRefusal, formatDuration, overlapping, secondsOf, sessionSeconds, startRefusal, totals } from './time';

const now = '2026-12-07T12:00:00.000Z';
const at = (hm: string) => `2026-12-07T${hm}:00.000Z`;

describe('time on tasks', () => {
  it('counts whole seconds, a running timer up to now', () => {
    expect(sessionSeconds(at('09:00'), '2026-12-07T10:30:05.900Z')).toBe(5405);
    expect(secondsOf({ startedAt: at('11:00'), endedAt: null }, now)).toBe(3600);
    expect(secondsOf({ startedAt: at('09:00'), endedAt: at('10:00'), seconds: 3599 }, now)).toBe(3599);
  });

  it('refuses an entry that ends before it starts, in the future, or longer than a day', () => {
    expect(entryRefusal({ startedAt: at('10:00'), endedAt: at('10:00') }, now)).toBe('time_end_before_start');
    expect(entryRefusal({ startedAt: at('11:00'), endedAt: at('12:01') }, now)).toBe('time_in_future');
    expect(entryRefusal({ startedAt: '2026-12-06T11:59:00.000Z', endedAt: at('12:00') }, now)).toBe('time_too_long');
    expect(entryRefusal({ startedAt: '2026-12-06T12:00:00.000Z', endedAt: at('12:00') }, now)).toBeNull();
  });

  it('finds the first overlapping session, a running timer reaching now, touching ends allowed', () => {
    const others = [
      { id: 'b', taskNumber: 'UZD-2', startedAt: at('10:00'), endedAt: at('11:00') },
      { id: 'a', taskNumber: 'UZD-1', startedAt: at('08:00'), endedAt: at('09:00') },
      { id: 'r', taskNumber: 'UZD-3', startedAt: at('11:30'), endedAt: null },
    ];
    expect(overlapping({ startedAt: at('09:00'), endedAt: at('10:00') }, others, now)).toBeNull();
    expect(overlapping({ startedAt: at('08:30'), endedAt: at('10:30') }, others, now)?.id).toBe('a');
    expect(overlapping({ startedAt: at('11:40'), endedAt: at('11:50') }, others, now)?.id).toBe('r');
    // The entry itself, when edited, is not its own overlap.
    expect(overlapping({ id: 'b', startedAt: at('10:15'), endedAt: at('10:45') }, others, now)).toBeNull();
  });

  it('says which timer already runs', () => {
    expect(startRefusal(null, 't1')).toBeNull();
    expect(startRefusal({ taskId: 't2' }, 't1')?.key).toBe('time_timer_running');
    expect(startRefusal({ taskId: 't1' }, 't1')?.key).toBe('time_timer_here');
  });

  it('totals per employee and for the task, billable apart', () => {
    const t = totals(
      [
        { employeeId: 'e1', startedAt: at('08:00'), endedAt: at('09:00'), seconds: 3600, billable: true },
        { employeeId: 'e2', startedAt: at('08:00'), endedAt: at('08:30'), seconds: 1800, billable: false },
        { employeeId: 'e1', startedAt: at('11:00'), endedAt: null, billable: true },
      ],
      now,
    );
    expect(t).toEqual({ perEmployee: [{ employeeId: 'e1', seconds: 7200, billableSeconds: 7200 }, { employeeId: 'e2', seconds: 1800, billableSeconds: 0 }], seconds: 9000, billableSeconds: 7200 });
    expect(formatDuration(5405)).toBe('1:30');
    expect(formatDuration(5405, true)).toBe('1:30:05');
  });
});
