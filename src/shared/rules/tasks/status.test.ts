import { describe, expect, it } from 'vitest';
import { allowedMoves, initialStatus, moveRefusal, responsibleOf, stampsFor, TASK_STATUSES } from './status';

const NOW = '2026-12-07T08:30:00.000Z';

describe('task workflow', () => {
  it('walks the whole way forward with an assignee', () => {
    const path = ['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval', 'done'] as const;
    for (let i = 1; i < path.length; i++) expect(moveRefusal({ from: path[i - 1]!, to: path[i]!, assigneeId: 'u', mayApprove: true })).toBeNull();
  });

  it('refuses work without an assignee, skipping steps, and leaving a final status', () => {
    expect(moveRefusal({ from: 'new', to: 'assigned', assigneeId: null, mayApprove: true })).toBe('task_needs_assignee');
    expect(moveRefusal({ from: 'new', to: 'done', assigneeId: 'u', mayApprove: true })).toBe('task_move_not_allowed');
    expect(moveRefusal({ from: 'done', to: 'in_progress', assigneeId: 'u', mayApprove: true })).toBe('task_final');
    expect(moveRefusal({ from: 'cancelled', to: 'new', assigneeId: null, mayApprove: true })).toBe('task_final');
  });

  it('asks a reason to cancel and the approve right to finish a submitted task', () => {
    expect(moveRefusal({ from: 'assigned', to: 'cancelled', assigneeId: 'u', cancelReason: '  ', mayApprove: true })).toBe('task_cancel_reason');
    expect(moveRefusal({ from: 'assigned', to: 'cancelled', assigneeId: 'u', cancelReason: 'duplicate', mayApprove: false })).toBeNull();
    expect(moveRefusal({ from: 'awaiting_approval', to: 'done', assigneeId: 'u', mayApprove: false })).toBe('task_approval_right');
    expect(moveRefusal({ from: 'awaiting_approval', to: 'in_progress', assigneeId: 'u', mayApprove: false })).toBeNull();
  });

  it('stamps a step forward and clears the stamps of steps undone', () => {
    expect(stampsFor('assigned', 'acknowledged', NOW)).toEqual({ acknowledged_at: NOW, started_at: null, submitted_at: null, done_at: null });
    expect(stampsFor('acknowledged', 'new', NOW)).toEqual({ assigned_at: null, acknowledged_at: null, started_at: null, submitted_at: null, done_at: null });
    expect(stampsFor('in_progress', 'cancelled', NOW, ' client left ')).toEqual({ cancelled_at: NOW, cancel_reason: 'client left' });
    expect(stampsFor('done', 'done', NOW)).toEqual({});
  });

  it('starts assigned when the client chose the employee', () => {
    expect(initialStatus('u1')).toBe('assigned');
    expect(initialStatus(null)).toBe('new');
  });

  it('routes a request to the branch dispatcher first by name, else the manager', () => {
    const people = [
      { id: 'e', role: 'employee', name: 'Aina' },
      { id: 'd2', role: 'dispatcher', name: 'Zane' },
      { id: 'd1', role: 'dispatcher', name: 'Ieva' },
    ];
    expect(responsibleOf(people, 'm')).toBe('d1');
    expect(responsibleOf(people.slice(0, 1), 'm')).toBe('m');
    expect(responsibleOf([], null)).toBeNull();
  });

  it('lets every status but the final ones go somewhere', () => {
    for (const s of TASK_STATUSES) expect(allowedMoves(s).length > 0).toBe(s !== 'done' && s !== 'cancelled');
  });
});
