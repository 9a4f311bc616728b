import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextRoundIn, REFUSED_RETRY_MS } from './schedule';

describe('when the next sync round runs', () => {
  it('online: every interval', () => {
    expect(nextRoundIn({ kind: 'ok' }, 30, 0.5)).toBe(30_000);
  });

  it('offline: doubles from 2 s with ±20 % jitter, capped at 5 minutes', () => {
    expect(nextRoundIn({ kind: 'offline', failures: 1 }, 30, 0.5)).toBe(2_000);
    expect(nextRoundIn({ kind: 'offline', failures: 2 }, 30, 0.5)).toBe(4_000);
    expect(nextRoundIn({ kind: 'offline', failures: 4 }, 30, 0)).toBe(12_800);
    expect(nextRoundIn({ kind: 'offline', failures: 4 }, 30, 0.999)).toBeLessThan(19_200);
    expect(nextRoundIn({ kind: 'offline', failures: 40 }, 30, 0.999)).toBe(MAX_BACKOFF_MS);
  });

  it('refused: never again on its own, or after a long pause when the refusal may mend itself', () => {
    expect(nextRoundIn({ kind: 'refused', retryable: false }, 30, 0.5)).toBeNull();
    expect(nextRoundIn({ kind: 'refused', retryable: true }, 30, 0.5)).toBe(REFUSED_RETRY_MS);
  });
});
