import { describe, expect, it } from 'vitest';
import { phoneWork, type ActionOutcome, type SentAction } from './phoneState';

const T0 = Date.parse('2026-12-07T07:12:00.000Z');
const sent = (id: string, kind: string, at: number, text: string | null = null): SentAction => ({ id, kind, text, at });
const items = [
  { id: 'i1', text: 'Pressure', required: 1, checked_at: null },
  { id: 'i2', text: 'Plate', required: 0, checked_at: '2026-12-07T07:00:00.000Z' },
];

describe('phoneWork', () => {
  it('lays the actions the office has not answered over its synced state, the last tap winning', () => {
    const w = phoneWork({
      employeeId: 'e1',
      time: [{ id: 'x', employee_id: 'e1', started_at: '2026-12-07T06:00:00.000Z', ended_at: '2026-12-07T06:30:00.000Z' }, { id: 'y', employee_id: 'e2', started_at: '2026-12-07T07:00:00.000Z', ended_at: null }],
      checklist: items,
      sent: [sent('a', 'timer_start', T0), sent('b', 'check', T0, 'i1'), sent('c', 'uncheck', T0, 'i2'), sent('d', 'check', T0, 'i2')],
      outcomes: new Map(),
    });
    // Another employee's running timer is not theirs.
    expect(w.timer).toEqual({ startedAt: '2026-12-07T07:12:00.000Z', pending: true });
    expect(w.sessions).toEqual([{ startedAt: '2026-12-07T06:00:00.000Z', endedAt: '2026-12-07T06:30:00.000Z' }]);
    expect(w.checklist.map((i) => [i.id, i.checked, i.pending])).toEqual([
      ['i1', true, true],
      ['i2', true, false],
    ]);
  });

  it('shows a stop as pending, a refused start not at all but among the refusals, newest first', () => {
    const refused: ActionOutcome = { outcome: 'refused', reason: 'errors.time_timer_running', params: { number: 'T-1' } };
    const w = phoneWork({
      employeeId: 'e1',
      time: [{ id: 's', employee_id: 'e1', started_at: '2026-12-07T06:00:00.000Z', ended_at: null }],
      checklist: [],
      sent: [sent('a', 'timer_start', T0), sent('b', 'photo', T0 + 1, 'p.jpg'), sent('c', 'timer_stop', T0 + 2), sent('d', 'check', T0 + 3, 'gone')],
      outcomes: new Map([
        ['a', refused],
        ['b', { outcome: 'applied', reason: null, params: null }],
        ['d', { outcome: 'refused', reason: 'errors.task_check_item_not_found', params: null }],
      ]),
    });
    expect(w.timer).toBeNull();
    expect(w.stopPending).toBe(true);
    expect(w.photos).toEqual([{ id: 'b', name: 'p.jpg', state: 'attached' }]);
    expect(w.refused.map((r) => r.kind)).toEqual(['check', 'timer_start']);
  });
});
