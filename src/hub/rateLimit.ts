/**
 * A token bucket per client address, in this process only: behind a load balancer each hub process keeps its own, so
 * the effective limit is the per-process one times the processes. Enough to make guessing codes pointless; a
 * shared limit belongs in the proxy in front.
 */
export interface RateLimiter {
  /** Takes a token; the seconds to wait when there is none. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterS: number };
}

export function tokenBucket(opts: { capacity: number; perMinute: number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = opts.perMinute / 60_000;
  const maxKeys = opts.maxKeys ?? 10_000;
  const level = (b: { tokens: number; at: number }, now: number) => Math.min(opts.capacity, b.tokens + (now - b.at) * ratePerMs);
  return {
    take(key, now) {
      if (buckets.size >= maxKeys) {
        // Forget the addresses whose buckets have refilled (they are as good as new); memory stays bounded.
        for (const [k, b] of buckets) if (level(b, now) >= opts.capacity) buckets.delete(k);
      }
      const b = buckets.get(key) ?? { tokens: opts.capacity, at: now };
      const tokens = level(b, now);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return { ok: false, retryAfterS: Math.ceil((1 - tokens) / ratePerMs / 1000) };
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    },
  };
}
