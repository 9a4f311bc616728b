import { describe, expect, it } from 'vitest';
import { escalation, type OpenNotice } from './notices';

const created = Date.UTC(2026, 11, 7, 9, 0);
const notice = (over: Partial<OpenNotice> = {}): OpenNotice => ({ priority: 'urgent', employeeId: 'e1', createdAt: new Date(created).toISOString(), acknowledgedAt: null, escalatedAt: null, ...over });
const assigned = { status: 'assigned' as const, assigneeId: 'e1' };
const min = (m: number) => created + m * 60_000;

describe('escalation', () => {
  it('escalates an urgent task not acknowledged after N minutes, not a minute before', () => {
    expect(escalation(notice(), assigned, 15, min(14) + 59_999)).toBe('wait');
    expect(escalation(notice(), assigned, 15, min(15))).toBe('escalate');
    expect(escalation(notice(), assigned, 5, min(5))).toBe('escalate');
  });

  it('never escalates a medium or not urgent task, one acknowledged or escalated already, or one that moved on', () => {
    expect(escalation(notice({ priority: 'medium' }), assigned, 15, min(60))).toBe('settled');
    expect(escalation(notice({ acknowledgedAt: new Date(min(3)).toISOString() }), assigned, 15, min(60))).toBe('settled');
    expect(escalation(notice({ escalatedAt: new Date(min(15)).toISOString() }), assigned, 15, min(60))).toBe('settled');
    expect(escalation(notice(), { status: 'acknowledged', assigneeId: 'e1' }, 15, min(60))).toBe('settled');
    expect(escalation(notice(), { status: 'assigned', assigneeId: 'e2' }, 15, min(60))).toBe('settled');
    expect(escalation(notice(), null, 15, min(60))).toBe('settled');
  });
});
