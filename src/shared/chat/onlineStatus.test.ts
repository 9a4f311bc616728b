import { describe, expect, it } from 'vitest';
import { inWorkingHours, onlineStatus, type StaffHours } from './onlineStatus';
import { instantAt, wallClock } from '../rules/zonedTime';
import type { Week } from '../rules/workingHours';

const weekdays: Week = { '1': [['09:00', '13:00'], ['14:00', '18:00']], '2': [['09:00', '18:00']], '3': [['09:00', '18:00']], '4': [['09:00', '18:00']], '5': [['09:00', '17:00']] };
const YEREVAN = 'Asia/Yerevan';
const RIGA = 'Europe/Riga';
const at = (wall: string, tz: string) => Date.parse(instantAt(wall, tz)!);
const hayk = (p: Partial<StaffHours> = {}): StaffHours => ({ userId: 'hayk', zone: YEREVAN, week: weekdays, exceptions: [], online: true, ...p });

describe('the widget’s online status', () => {
  // 2026-12-07 is a Monday.
  it('someone online in working hours: answers now', () => {
    expect(onlineStatus([hayk()], at('2026-12-07T10:00', YEREVAN))).toEqual({ kind: 'now' });
  });

  it('before the day starts: from 09:00 today, on the branch’s clock', () => {
    expect(onlineStatus([hayk()], at('2026-12-07T07:30', YEREVAN))).toEqual({ kind: 'from', at: '2026-12-07T05:00:00.000Z', zone: YEREVAN, date: '2026-12-07', time: '09:00', day: 'today' });
  });

  it('during the lunch break: from 14:00 today', () => {
    expect(onlineStatus([hayk()], at('2026-12-07T13:30', YEREVAN))).toMatchObject({ kind: 'from', time: '14:00', day: 'today' });
  });

  it('after hours: from 09:00 tomorrow; on Friday evening, from Monday', () => {
    expect(onlineStatus([hayk()], at('2026-12-07T18:00', YEREVAN))).toMatchObject({ kind: 'from', date: '2026-12-08', time: '09:00', day: 'tomorrow' });
    expect(onlineStatus([hayk()], at('2026-12-11T17:05', YEREVAN))).toMatchObject({ kind: 'from', date: '2026-12-14', time: '09:00', day: 'later' });
  });

  it('in working hours but not connected is not “now”: the next start counts', () => {
    expect(onlineStatus([hayk({ online: false })], at('2026-12-07T10:00', YEREVAN))).toMatchObject({ kind: 'from', time: '14:00', day: 'today' });
  });

  it('a vacation moves the next start past it; extra hours on Saturday bring it forward', () => {
    const vacation = hayk({ exceptions: [{ kind: 'vacation', dayFrom: '2026-12-08', dayTo: '2026-12-09', intervals: null }] });
    expect(onlineStatus([vacation], at('2026-12-07T19:00', YEREVAN))).toMatchObject({ date: '2026-12-10', time: '09:00', day: 'later' });
    const saturday = hayk({ exceptions: [{ kind: 'extra', dayFrom: '2026-12-12', dayTo: '2026-12-12', intervals: [['10:00', '14:00']] }] });
    expect(onlineStatus([saturday], at('2026-12-11T20:00', YEREVAN))).toMatchObject({ date: '2026-12-12', time: '10:00', day: 'tomorrow' });
  });

  it('of colleagues in two branches, the earliest start wins, told in its own branch’s zone', () => {
    const liga = { userId: 'liga', zone: RIGA, week: weekdays, exceptions: [], online: true };
    // 20:00 in Yerevan is 18:00 in Riga: Līga's 09:00 Riga (07:00Z) comes after Hayk's 09:00 Yerevan (05:00Z).
    expect(onlineStatus([liga, hayk()], at('2026-12-07T20:00', YEREVAN))).toMatchObject({ zone: YEREVAN, at: '2026-12-08T05:00:00.000Z' });
    // A Riga colleague still at work when Yerevan has closed: answers now.
    expect(onlineStatus([liga, hayk()], at('2026-12-07T17:00', RIGA))).toEqual({ kind: 'now' });
  });

  it('across a clock change, 09:00 stays 09:00 on the branch’s clock', () => {
    // Riga moves to summer time on Sunday 2026-03-29: Monday 09:00 is 06:00Z, Friday's was 07:00Z.
    const liga: StaffHours = { userId: 'liga', zone: RIGA, week: weekdays, exceptions: [], online: true };
    expect(onlineStatus([liga], at('2026-03-27T18:00', RIGA))).toMatchObject({ at: '2026-03-30T06:00:00.000Z', date: '2026-03-30', time: '09:00' });
  });

  it('nobody with hours in the weeks ahead: unknown', () => {
    expect(onlineStatus([], at('2026-12-07T10:00', YEREVAN))).toEqual({ kind: 'unknown' });
    expect(onlineStatus([hayk({ week: {} })], at('2026-12-07T10:00', YEREVAN))).toEqual({ kind: 'unknown' });
  });

  it('properties: “from” is after now, starts an interval of that day, and nobody connected is at work now', () => {
    let s = 7;
    const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    for (let i = 0; i < 200; i++) {
      const staff: StaffHours[] = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, k) => {
        const week: Week = {};
        for (const d of ['1', '2', '3', '4', '5', '6', '7'] as const) {
          if (next() < 0.4) continue;
          const from = 6 + Math.floor(next() * 6);
          week[d] = [[hh(from), hh(from + 1 + Math.floor(next() * 8))]];
        }
        return { userId: `u${k}`, zone: next() < 0.5 ? RIGA : YEREVAN, week, exceptions: [], online: next() < 0.6 };
      });
      const now = Date.parse('2026-01-01T00:00:00Z') + Math.floor(next() * 365) * 86_400_000 + Math.floor(next() * 96) * 900_000;
      const status = onlineStatus(staff, now);
      const atWork = staff.filter((p) => inWorkingHours(p, now));
      if (status.kind === 'now') expect(atWork.some((p) => p.online !== false)).toBe(true);
      else expect(atWork.filter((p) => p.online !== false)).toEqual([]);
      if (status.kind === 'from') {
        expect(Date.parse(status.at)).toBeGreaterThan(now);
        expect(wallClock(status.at, status.zone)).toBe(`${status.date}T${status.time}`);
        const starts = staff.filter((p) => p.zone === status.zone).flatMap((p) => Object.values(p.week).flatMap((list) => list.map(([a]) => a)));
        expect(starts).toContain(status.time);
      }
    }
  });
});
