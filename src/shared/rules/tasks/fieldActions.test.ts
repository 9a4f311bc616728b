import { describe, expect, it } from 'vitest';
import { decideFieldAction, type FieldFacts } from './fieldActions';

const facts = (over: Partial<FieldFacts> = {}): FieldFacts => ({ kind: 'acknowledge', employeeId: 'e1', text: null, task: { status: 'assigned', assigneeId: 'e1' }, periodLocked: false, ...over });

describe('decideFieldAction', () => {
  it('acknowledges an assigned task of the employee, and does nothing once it moved on', () => {
    expect(decideFieldAction(facts())).toEqual({ do: 'acknowledge' });
    expect(decideFieldAction(facts({ task: { status: 'in_progress', assigneeId: 'e1' } }))).toEqual({ do: 'nothing' });
    expect(decideFieldAction(facts({ task: { status: 'acknowledged', assigneeId: 'e1' } }))).toEqual({ do: 'nothing' });
    expect(decideFieldAction(facts({ task: { status: 'cancelled', assigneeId: 'e1' } }))).toEqual({ do: 'refuse', reason: 'task_final' });
  });

  it('refuses someone the task is not given to, a gone task, a locked month and an empty note', () => {
    expect(decideFieldAction(facts({ task: { status: 'assigned', assigneeId: 'e2' } }))).toEqual({ do: 'refuse', reason: 'not_assignee' });
    expect(decideFieldAction(facts({ task: null }))).toEqual({ do: 'refuse', reason: 'task_gone' });
    expect(decideFieldAction(facts({ periodLocked: true }))).toEqual({ do: 'refuse', reason: 'period_locked' });
    expect(decideFieldAction(facts({ kind: 'note', text: '  ' }))).toEqual({ do: 'refuse', reason: 'empty' });
    expect(decideFieldAction(facts({ kind: 'note', text: 'ok', task: { status: 'done', assigneeId: 'e1' } }))).toEqual({ do: 'note' });
  });

  it('keeps a kind it does not know yet without applying it', () => {
    expect(decideFieldAction(facts({ kind: 'video' }))).toEqual({ do: 'unknown' });
  });

  it('hands the timer, ticks and photos on to their own rules, never on a finished task (a running timer may still stop)', () => {
    const live = { status: 'in_progress' as const, assigneeId: 'e1' };
    expect(decideFieldAction(facts({ kind: 'timer_start', task: live }))).toEqual({ do: 'timer_start' });
    expect(decideFieldAction(facts({ kind: 'check', text: 'item-1', task: live }))).toEqual({ do: 'check', itemId: 'item-1', checked: true });
    expect(decideFieldAction(facts({ kind: 'uncheck', text: 'item-1', task: live }))).toEqual({ do: 'check', itemId: 'item-1', checked: false });
    expect(decideFieldAction(facts({ kind: 'check', text: ' ', task: live }))).toEqual({ do: 'refuse', reason: 'empty' });
    expect(decideFieldAction(facts({ kind: 'photo', text: 'a.jpg', task: live }))).toEqual({ do: 'photo' });
    const done = { status: 'done' as const, assigneeId: 'e1' };
    for (const kind of ['timer_start', 'check', 'photo']) expect(decideFieldAction(facts({ kind, text: 'x', task: done }))).toEqual({ do: 'refuse', reason: 'task_final' });
    expect(decideFieldAction(facts({ kind: 'timer_stop', task: done }))).toEqual({ do: 'timer_stop' });
    expect(decideFieldAction(facts({ kind: 'timer_start', task: { status: 'in_progress', assigneeId: 'e2' } }))).toEqual({ do: 'refuse', reason: 'not_assignee' });
  });
});
