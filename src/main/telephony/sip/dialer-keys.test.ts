import { describe, expect, it } from 'vitest';
import { callSipp } from '../testing/call-sipp';
import { tone } from '../testing/tone';

describe('dialer against sipp: key presses', () => {
  it('key 1 by SIP INFO over UDP → confirmed', async () => {
    const states: string[] = [];
    const { result } = await callSipp({ scenario: 'answer-info-1.xml' }, {}, { onState: (s) => states.push(s) });
    expect(result).toMatchObject({ outcome: 'confirmed', key: '1', sipCode: 200 });
    expect(result.answeredAt).not.toBeNull();
    expect(states).toEqual(['dialing', 'ringing', 'answered', 'ended']);
  }, 30_000);

  it('key 1 by SIP INFO over TCP → confirmed', async () => {
    const { result } = await callSipp({ scenario: 'answer-info-1.xml', transport: 'tcp' });
    expect(result).toMatchObject({ outcome: 'confirmed', key: '1' });
  }, 30_000);

  it('key 2 by RFC 4733 events → declined, with the codec the answer preferred (PCMA)', async () => {
    const { result, log } = await callSipp({ scenario: 'answer-2833-2.xml' }, {}, { prompt: tone(3000) });
    expect(result).toMatchObject({ outcome: 'declined', key: '2', sipCode: 200 });
    expect(log.filter((e) => e.msg === 'sip: key')).toHaveLength(1);
    expect(log.find((e) => e.msg === 'sip: prompt')?.data).toMatchObject({ codec: 'PCMA' });
  }, 30_000);

  it('key 2 by RFC 4733 over TCP signalling → declined', async () => {
    const { result } = await callSipp({ scenario: 'answer-2833-2.xml', transport: 'tcp' }, {}, { prompt: tone(3000) });
    expect(result).toMatchObject({ outcome: 'declined', key: '2' });
  }, 30_000);

  it('no key: the prompt plays twice, then our BYE → answered', async () => {
    const { result, log } = await callSipp({ scenario: 'answer-silent.xml' }, {}, { prompt: tone(400) }, 300);
    expect(result).toMatchObject({ outcome: 'answered', key: null, sipCode: 200 });
    expect(log.filter((e) => e.msg === 'sip: prompt').map((e) => e.data)).toMatchObject([{ round: 1 }, { round: 2 }]);
    // two playings of 400 ms and two listening pauses of 300 ms
    expect(result.endedAt - result.answeredAt!).toBeGreaterThanOrEqual(1300);
    expect(result.endedAt - result.answeredAt!).toBeLessThan(4000);
  }, 30_000);
});
