import { describe, expect, it } from 'vitest';
import { createDialer } from './dialer';
import { freePort, startSipp } from '../testing/sipp';
import { tone } from '../testing/tone';
import { testTrunk } from '../testing/trunk';

describe('dialer: channels and refusals', () => {
  it('three calls on a two-channel trunk: never more than two at once, the third waits its turn', async () => {
    const sipp = await startSipp({ scenario: 'answer-silent.xml', calls: 3 });
    const dialer = createDialer(testTrunk(sipp.port, { channels: 2 }), { keyWaitMs: 200 });
    let active = 0;
    let peak = 0;
    const track = (state: string): void => {
      if (state === 'dialing') peak = Math.max(peak, ++active);
      if (state === 'ended') active -= 1;
    };
    try {
      const results = await Promise.all(
        ['+37120000001', '+37120000002', '+37120000003'].map((number) => dialer.call({ number, prompt: tone(300), onState: track })),
      );
      await dialer.close();
      await sipp.passed();
      expect(results.map((r) => r.outcome)).toEqual(['answered', 'answered', 'answered']);
      expect(peak).toBe(2);
      const [a, b, c] = results;
      expect(c!.startedAt).toBeGreaterThanOrEqual(Math.min(a!.endedAt, b!.endedAt));
    } finally {
      await dialer.close();
      sipp.kill();
    }
  }, 30_000);

  it('after close, a call is refused at once as failed', async () => {
    const dialer = createDialer(testTrunk(9));
    await dialer.close();
    const result = await dialer.call({ number: '+37120000001', prompt: tone(100) });
    expect(result).toMatchObject({ outcome: 'failed', sipCode: null, answeredAt: null });
  });

  it('a number with nothing dialable fails without sending anything', async () => {
    const dialer = createDialer(testTrunk(9));
    const states: string[] = [];
    try {
      const result = await dialer.call({ number: 'call me', prompt: tone(100), onState: (s) => states.push(s) });
      expect(result).toMatchObject({ outcome: 'failed', sipCode: null, answeredAt: null });
      expect(states).toEqual(['dialing', 'ended']);
    } finally {
      await dialer.close();
    }
  });

  it.each(['udp', 'tcp'] as const)('a trunk nobody listens on (%s) fails the call at once, not at the ring timeout', async (transport) => {
    const dialer = createDialer(testTrunk(await freePort(transport), { transport, ringTimeoutSec: 5 }));
    try {
      const result = await dialer.call({ number: '+37120000001', prompt: tone(100) });
      expect(result).toMatchObject({ outcome: 'failed', sipCode: null, answeredAt: null });
      expect(result.endedAt - result.startedAt).toBeLessThan(1000);
    } finally {
      await dialer.close();
    }
  });
});
