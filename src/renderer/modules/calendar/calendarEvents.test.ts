import { describe, expect, it } from 'vitest';
import type { VisitEvent } from '../../../shared/api/visits';
import { contrastRatio } from '../../app/theme';
import { eventColours, offHours, visitEvents } from './calendarEvents';

const visit = (over: Partial<VisitEvent> = {}): VisitEvent => ({
  id: 'v1',
  kind: 'visit',
  branchId: 'b',
  userId: 'u1',
  userName: 'Anna',
  clientId: 'c',
  clientName: 'Jonas',
  serviceId: 's',
  serviceName: 'Consultation',
  colour: '#1864ab',
  start: '2026-03-29T06:00:00.000Z',
  end: '2026-03-29T07:00:00.000Z',
  status: 'booked',
  firstConsultation: false,
  asap: false,
  reminder: 'none',
  unpaid: false,
  version: 1,
  ...over,
});

describe('visits on the calendar', () => {
  it('carry the reminder state as their class, so a push that changes it recolours the event', () => {
    const [grey] = visitEvents([visit()], { canWrite: true, side: null });
    const [green] = visitEvents([visit({ reminder: 'will_come' })], { canWrite: true, side: null });
    expect(grey!.className).toBe('pl-visit pl-visit-none');
    expect(green!.className).toBe('pl-visit pl-visit-will_come');
    // A dark service colour under white text, a light one under dark text.
    expect(grey!.contrastColor).toBe('#fff');
    expect(visitEvents([visit({ colour: '#ffec99' })], { canWrite: true, side: null })[0]!.contrastColor).toBe('#212529');
  });

  it("read 4.5:1 on every service colour offered and the demo's, the greens too (dark text on #2b8a3e was 3.53:1)", () => {
    const offered = ['#c92a2a', '#a61e4d', '#862e9c', '#5f3dc4', '#364fc7', '#1864ab', '#0b7285', '#087f5b', '#2b8a3e', '#5c940d', '#e67700', '#d9480f'];
    for (const colour of [...offered, '#2f9e44', '#40c057', '#a5d8ff', '#d0ebff', '#3b82f6']) {
      const [ev] = visitEvents([visit({ colour })], { canWrite: true, side: null });
      expect(contrastRatio(String(ev!.contrastColor), String(ev!.color)), colour).toBeGreaterThanOrEqual(4.5);
    }
    // A colour that already reads keeps itself and its text; the green is darkened only as far as white needs.
    expect(eventColours('#1864ab')).toEqual({ color: '#1864ab', contrastColor: '#fff' });
    const green = eventColours('#2b8a3e');
    expect(green.contrastColor).toBe('#fff');
    expect(contrastRatio('#fff', green.color)).toBeLessThan(5.5);
  });

  it('are dragged only while booked and by those who may write; a cancelled one is struck through', () => {
    expect(visitEvents([visit()], { canWrite: true, side: null })[0]!.editable).toBe(true);
    expect(visitEvents([visit()], { canWrite: false, side: null })[0]!.editable).toBe(false);
    const [cancelled] = visitEvents([visit({ status: 'cancelled' })], { canWrite: true, side: null });
    expect(cancelled!.editable).toBe(false);
    expect(cancelled!.className).toContain('pl-visit-cancelled');
  });

  it('side by side sit in their employee\'s column, and those of employees not shown are left out', () => {
    const side = { day: '2026-03-29', tz: 'Europe/Riga', userIds: ['u0', 'u1'] };
    const list = visitEvents([visit(), visit({ id: 'v2', userId: 'u9' })], { canWrite: true, side });
    expect(list.map((e) => [e.id, e.start, e.end])).toEqual([['v1', '2001-01-02T09:00:00Z', '2001-01-02T10:00:00Z']]);
  });
});

describe('working time', () => {
  it('greys the rest of the range, a whole day for one who does not work, each employee in their column', () => {
    const side = { day: '2026-03-29', tz: 'Europe/Riga', userIds: ['u0', 'u1'] };
    const rows = [{ userId: 'u1', spans: [{ start: '2026-03-29T06:00:00.000Z', end: '2026-03-29T15:00:00.000Z' }] }];
    const list = offHours(rows, '2001-01-01T00:00:00Z', side);
    expect(list.every((e) => e.display === 'inverse-background' && e.groupId === 'off')).toBe(true);
    // The mark before the range, then employee 1's 09:00–18:00 in the second column; employee 0 has none (all grey).
    expect(list.map((e) => [e.start, e.end])).toEqual([
      ['2000-12-31T23:59:00.000Z', '2001-01-01T00:00:00Z'],
      ['2001-01-02T09:00:00Z', '2001-01-02T18:00:00Z'],
    ]);
  });
});
