import { describe, expect, it } from 'vitest';
import { outcomeOf } from './outcome';

const base = { answered: false, key: null, sipCode: null, ringTimedOut: false } as const;

describe('call outcome', () => {
  it('answered calls: the key decides', () => {
    expect(outcomeOf({ ...base, answered: true, sipCode: 200, key: '1' })).toBe('confirmed');
    expect(outcomeOf({ ...base, answered: true, sipCode: 200, key: '2' })).toBe('declined');
    expect(outcomeOf({ ...base, answered: true, sipCode: 200 })).toBe('answered');
  });

  it('unanswered calls: the final response decides, the ring timeout wins over it', () => {
    const by = (sipCode: number | null) => outcomeOf({ ...base, sipCode });
    expect([486, 600].map(by)).toEqual(['busy', 'busy']);
    expect([408, 480, 487].map(by)).toEqual(['no_answer', 'no_answer', 'no_answer']);
    expect(by(603)).toBe('rejected');
    expect([404, 604].map(by)).toEqual(['not_found', 'not_found']);
    expect([403, 500, 503, null].map(by)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(outcomeOf({ ...base, ringTimedOut: true })).toBe('no_answer');
  });
});
