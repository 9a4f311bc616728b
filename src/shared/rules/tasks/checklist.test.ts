import { describe, expect, it } from 'vitest';
import { firstOpenRequired, progressOf, takesTemplate, tickRefusal, tickStamps } from './checklist';
import { moveRefusal } from './status';

const NOW = '2026-12-07T08:30:00.000Z';
const item = (text: string, required: boolean, checkedAt: string | null = null) => ({ text, required, checkedAt });

describe('task checklist', () => {
  it('counts ticked items and names the first required one still open', () => {
    const items = [item('Gas pressure', true, NOW), item('Photo of the plate', false), item('Flue gas', true), item('Leak test', true)];
    expect(progressOf(items)).toEqual({ done: 1, total: 4 });
    expect(firstOpenRequired(items)).toBe('Flue gas');
    expect(firstOpenRequired([item('Photo', false), item('Gas', true, NOW)])).toBeNull();
    expect(progressOf([])).toEqual({ done: 0, total: 0 });
  });

  it('takes the type\'s template when the type is set or changed before work starts, never after', () => {
    expect(takesTemplate('new', undefined, 'boiler')).toBe(true);
    expect(takesTemplate('assigned', 'repair', 'boiler')).toBe(true);
    expect(takesTemplate('acknowledged', null, 'boiler')).toBe(true);
    expect(takesTemplate('assigned', 'boiler', 'boiler')).toBe(false);
    expect(takesTemplate('in_progress', 'repair', 'boiler')).toBe(false);
    expect(takesTemplate('awaiting_approval', 'repair', null)).toBe(false);
  });

  it('ticks only while the task is open and not submitted, stamping who and when', () => {
    expect(tickRefusal('in_progress')).toBeNull();
    expect(tickRefusal('assigned')).toBeNull();
    expect(tickRefusal('awaiting_approval')).toBe('task_checklist_submitted');
    expect(tickRefusal('done')).toBe('task_final');
    expect(tickStamps(true, 'u1', NOW)).toEqual({ checked_by: 'u1', checked_at: NOW });
    expect(tickStamps(false, 'u1', NOW)).toEqual({ checked_by: null, checked_at: null });
  });
});

describe('the workflow of a task with a checklist', () => {
  const base = { assigneeId: 'u', mayApprove: false };
  it('submits only with every required item ticked, and finishes only by approval', () => {
    expect(moveRefusal({ ...base, from: 'in_progress', to: 'awaiting_approval', checklist: { openRequired: 'Flue gas' } })).toBe('task_checklist_open');
    expect(moveRefusal({ ...base, from: 'in_progress', to: 'awaiting_approval', checklist: { openRequired: null } })).toBeNull();
    expect(moveRefusal({ ...base, mayApprove: true, from: 'in_progress', to: 'done', checklist: { openRequired: null } })).toBe('task_needs_approval');
    expect(moveRefusal({ ...base, from: 'awaiting_approval', to: 'done', checklist: { openRequired: null } })).toBe('task_approval_right');
    expect(moveRefusal({ ...base, mayApprove: true, from: 'awaiting_approval', to: 'done', checklist: { openRequired: null } })).toBeNull();
  });

  it('goes back to work only by a manager, with a reason', () => {
    const back = { ...base, from: 'awaiting_approval' as const, to: 'in_progress' as const, checklist: { openRequired: null } };
    expect(moveRefusal(back)).toBe('task_approval_right');
    expect(moveRefusal({ ...back, mayApprove: true, rejectReason: '  ' })).toBe('task_reject_reason');
    expect(moveRefusal({ ...back, mayApprove: true, rejectReason: 'No photo of the plate' })).toBeNull();
  });

  it('keeps today\'s rules for a task without one', () => {
    expect(moveRefusal({ ...base, from: 'in_progress', to: 'done' })).toBeNull();
    expect(moveRefusal({ ...base, from: 'awaiting_approval', to: 'in_progress', checklist: null })).toBeNull();
  });
});
