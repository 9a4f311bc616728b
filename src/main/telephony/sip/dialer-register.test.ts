import { describe, expect, it } from 'vitest';
import { createDialer } from './dialer';
import { startSipp } from '../testing/sipp';
import { tone } from '../testing/tone';
import { testTrunk } from '../testing/trunk';

describe('dialer against sipp: registration', () => {
  it('registers with digest auth before the first call, refreshes a 2 s registration, unregisters on close', async () => {
    const sipp = await startSipp({ scenario: 'register.xml', calls: 2, timeoutSec: 20 });
    const dialer = createDialer(testTrunk(sipp.port, { register: true, user: 'planora', password: 's3cret' }));
    try {
      const result = await dialer.call({ number: '+37120000001', prompt: tone(100) });
      expect(result).toMatchObject({ outcome: 'busy', sipCode: 486 });
      await new Promise((resolve) => setTimeout(resolve, 2500)); // past the refresh at 99 % of 2 s
      await dialer.close();
      await sipp.passed();
    } finally {
      await dialer.close();
      sipp.kill();
    }
  }, 30_000);
});
