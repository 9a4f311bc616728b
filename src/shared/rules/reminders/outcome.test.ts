import { describe, expect, it } from 'vitest';
import { isBillable, isRetried, reminderOutcome, smsFallbackDue, visitColour } from './outcome';
import type { AttemptOutcome, ReminderAttempt } from './types';

const T0 = Date.parse('2026-12-09T13:00:00Z');
const attempts = (...outcomes: (AttemptOutcome | null)[]): ReminderAttempt[] => outcomes.map((outcome, i) => ({ startedAt: T0 + i * 30 * 60_000, outcome }));

describe('billing', () => {
  it('a call is billable only if the client answered, with or without a key', () => {
    const table: [AttemptOutcome | null, boolean][] = [
      ['confirmed', true],
      ['declined', true],
      ['answered', true],
      ['busy', false],
      ['no_answer', false],
      ['rejected', false],
      ['not_found', false],
      ['failed', false],
      ['unknown', false],
      [null, false],
    ];
    for (const [outcome, billable] of table) expect(isBillable(outcome), String(outcome)).toBe(billable);
  });
});

describe('which outcomes are retried', () => {
  it('unreachable, busy, silent, rejected, failed and unknown are; a key and a wrong number are not', () => {
    const table: [AttemptOutcome, boolean][] = [
      ['no_answer', true],
      ['busy', true],
      ['answered', true],
      ['rejected', true],
      ['failed', true],
      ['unknown', true],
      ['confirmed', false],
      ['declined', false],
      ['not_found', false],
    ];
    for (const [outcome, retried] of table) expect(isRetried(outcome), outcome).toBe(retried);
  });
});

describe('the colour after the attempts', () => {
  it('1 → green, 2 → red, as soon as the key is pressed', () => {
    expect(reminderOutcome(attempts('confirmed'), true)).toEqual({ state: 'confirmed', colour: 'will_come', billable: 1 });
    expect(reminderOutcome(attempts('declined'), true)).toEqual({ state: 'declined', colour: 'will_not_come', billable: 1 });
  });
  it('busy, no answer, then 1: green, one billable call of three', () => {
    expect(reminderOutcome(attempts('busy', 'no_answer', 'confirmed'), true)).toEqual({ state: 'confirmed', colour: 'will_come', billable: 1 });
  });
  it('a silent answer three times: orange, three billable', () => {
    expect(reminderOutcome(attempts('answered', 'answered', 'answered'), true)).toEqual({ state: 'no_answer', colour: 'no_answer', billable: 3 });
  });
  it('no answer after all attempts: orange, nothing billable', () => {
    expect(reminderOutcome(attempts('no_answer', 'busy', 'failed'), true)).toEqual({ state: 'no_answer', colour: 'no_answer', billable: 0 });
  });
  it('grey while attempts may follow or one is in flight', () => {
    expect(reminderOutcome(attempts('no_answer'), false)).toEqual({ state: 'pending', colour: 'none', billable: 0 });
    expect(reminderOutcome(attempts('answered', null), false)).toEqual({ state: 'pending', colour: 'none', billable: 1 });
    expect(reminderOutcome([], false)).toEqual({ state: 'pending', colour: 'none', billable: 0 });
  });
  it('a number that does not exist: orange (no answer obtained), nothing billable', () => {
    expect(reminderOutcome(attempts('not_found'), true)).toEqual({ state: 'wrong_number', colour: 'no_answer', billable: 0 });
  });
  it('never called (quiet hours, daily limit, too late): grey, "not called"', () => {
    expect(reminderOutcome([], true)).toEqual({ state: 'not_called', colour: 'none', billable: 0 });
  });
  it('the latest key decides, whatever order the attempts come in', () => {
    const [a, b] = attempts('declined', 'confirmed');
    expect(reminderOutcome([b!, a!], true).state).toBe('confirmed');
  });
});

describe('voice then SMS', () => {
  it('owed when the calls are over and every one failed', () => {
    expect(smsFallbackDue('voice_then_sms', attempts('no_answer', 'busy', 'failed'), true)).toBe(true);
    expect(smsFallbackDue('voice_then_sms', attempts('rejected', 'unknown', 'no_answer'), true)).toBe(true);
  });
  it('not while calls may follow, not after an answer, not on other channels', () => {
    expect(smsFallbackDue('voice_then_sms', attempts('no_answer'), false)).toBe(false);
    expect(smsFallbackDue('voice_then_sms', attempts('no_answer', 'answered', 'busy'), true)).toBe(false);
    expect(smsFallbackDue('voice_then_sms', attempts('confirmed'), true)).toBe(false);
    expect(smsFallbackDue('voice', attempts('no_answer', 'busy', 'failed'), true)).toBe(false);
    expect(smsFallbackDue('sms', attempts('no_answer', 'busy', 'failed'), true)).toBe(false);
  });
  it('not after a wrong number, nor when no call was made at all', () => {
    expect(smsFallbackDue('voice_then_sms', attempts('not_found'), true)).toBe(false);
    expect(smsFallbackDue('voice_then_sms', [], true)).toBe(false);
  });
});

describe("the visit's colour from all its reminders", () => {
  const late = (outcome: AttemptOutcome): ReminderAttempt => ({ startedAt: T0 + 86_400_000, outcome });
  it('the latest key on any reminder decides', () => {
    expect(visitColour([{ attempts: attempts('confirmed'), finished: true }, { attempts: [late('declined')], finished: true }])).toBe('will_not_come');
    expect(visitColour([{ attempts: [late('confirmed')], finished: true }, { attempts: attempts('declined'), finished: true }])).toBe('will_come');
  });
  it('orange as soon as one reminder ended unanswered, even while another is pending; a later key still wins', () => {
    const unanswered = { attempts: attempts('no_answer', 'busy', 'no_answer'), finished: true };
    expect(visitColour([unanswered, { attempts: [], finished: false }])).toBe('no_answer');
    expect(visitColour([unanswered, { attempts: [late('confirmed')], finished: true }])).toBe('will_come');
    expect(visitColour([{ attempts: attempts('not_found'), finished: true }])).toBe('no_answer');
  });
  it('grey while nothing is decided, or when nothing was called', () => {
    expect(visitColour([])).toBe('none');
    expect(visitColour([{ attempts: attempts('busy'), finished: false }, { attempts: [], finished: true }])).toBe('none');
  });
});
