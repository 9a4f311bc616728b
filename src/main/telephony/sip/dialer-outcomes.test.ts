import { describe, expect, it } from 'vitest';
import { callSipp } from '../testing/call-sipp';
import { tone } from '../testing/tone';

describe('dialer against sipp: outcomes without a key', () => {
  it('486 → busy', async () => {
    const { result } = await callSipp({ scenario: 'busy-486.xml' });
    expect(result).toMatchObject({ outcome: 'busy', sipCode: 486, answeredAt: null, key: null });
  }, 30_000);

  it('caller ID as the From user', async () => {
    const { result } = await callSipp({ scenario: 'caller-from.xml' }, { callerIdMode: 'from' });
    expect(result).toMatchObject({ outcome: 'busy', sipCode: 486 });
  }, 30_000);

  it('caller ID as P-Asserted-Identity, the From carrying the trunk user', async () => {
    const { result } = await callSipp({ scenario: 'caller-pai.xml' }, { callerIdMode: 'pai', user: 'planora', password: 'x' });
    expect(result).toMatchObject({ outcome: 'busy', sipCode: 486 });
    await expect(callSipp({ scenario: 'caller-from.xml' }, { callerIdMode: 'pai', user: 'planora', password: 'x' })).rejects.toThrow(/exited 1/);
  }, 30_000);

  it('404 → not_found', async () => {
    const { result } = await callSipp({ scenario: 'not-found-404.xml' });
    expect(result).toMatchObject({ outcome: 'not_found', sipCode: 404, answeredAt: null });
  }, 30_000);

  it('180 and no answer: CANCEL at the ring timeout, 487 → no_answer', async () => {
    const { result } = await callSipp({ scenario: 'ring-cancel.xml' }, { ringTimeoutSec: 1 });
    expect(result).toMatchObject({ outcome: 'no_answer', sipCode: 487, answeredAt: null });
    expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(1000);
    expect(result.endedAt - result.startedAt).toBeLessThan(3000);
  }, 30_000);

  it('a peer that never responds ends at the ring timeout, not at Timer B → no_answer', async () => {
    const { result } = await callSipp({ scenario: 'never-answer.xml' }, { ringTimeoutSec: 1 });
    expect(result).toMatchObject({ outcome: 'no_answer', sipCode: null, answeredAt: null });
    expect(result.endedAt - result.startedAt).toBeLessThan(2500);
  }, 30_000);

  it('401 digest challenge: the retried INVITE carries credentials sipp verifies', async () => {
    const { result } = await callSipp({ scenario: 'auth-401.xml' }, { user: 'planora', password: 's3cret' }, { prompt: tone(200) }, 100);
    expect(result).toMatchObject({ outcome: 'answered', sipCode: 200 });
  }, 30_000);

  it('a wrong password fails the call (403) and sipp sees the bad digest', async () => {
    const run = callSipp({ scenario: 'auth-401.xml' }, { user: 'planora', password: 'wrong' }, { prompt: tone(200) }, 100);
    await expect(run).rejects.toThrow(/sipp auth-401.xml exited 1/);
  }, 30_000);

  it('the far end hangs up during the prompt → answered, at once', async () => {
    const { result } = await callSipp({ scenario: 'answer-hangup.xml' }, {}, { prompt: tone(10_000) });
    expect(result).toMatchObject({ outcome: 'answered', key: null, sipCode: 200 });
    expect(result.endedAt - result.answeredAt!).toBeLessThan(2000);
  }, 30_000);

  it('the maximum call duration hangs up a long prompt → answered', async () => {
    const { result } = await callSipp({ scenario: 'answer-silent.xml' }, { maxCallSec: 1 }, { prompt: tone(10_000) });
    expect(result).toMatchObject({ outcome: 'answered', key: null });
    expect(result.endedAt - result.answeredAt!).toBeGreaterThanOrEqual(1000);
    expect(result.endedAt - result.answeredAt!).toBeLessThan(2500);
  }, 30_000);
});
