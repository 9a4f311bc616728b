import { performance } from 'node:perf_hooks';

export interface SampleOptions {
  /** Runs thrown away before measuring (JIT, SQLite page cache, statement caches). */
  warmup?: number;
  /** Measured runs. */
  samples?: number;
  /** Stop sampling early once this much time has been spent measuring (at least 10 samples are still taken). */
  budgetMs?: number;
  /** Runs before each sample, untimed (a fresh folder, a marker file). */
  before?: (i: number) => unknown | Promise<unknown>;
  /** Runs after each sample, untimed (closing what the sample opened). */
  after?: (i: number, value: unknown) => unknown | Promise<unknown>;
}

/** Times `fn` (sync or async) many times; returns the durations in milliseconds, in run order. */
export async function sample<T>(fn: (i: number) => T | Promise<T>, opts: SampleOptions = {}): Promise<number[]> {
  const { warmup = 3, samples = 100, budgetMs = Infinity, before, after } = opts;
  for (let i = 0; i < warmup; i++) {
    await before?.(i);
    const v = await fn(i);
    await after?.(i, v);
  }
  const out: number[] = [];
  let spent = 0;
  for (let i = 0; i < samples; i++) {
    await before?.(i);
    const t0 = performance.now();
    const v = await fn(i);
    const ms = performance.now() - t0;
    await after?.(i, v);
    out.push(ms);
    spent += ms;
    if (spent > budgetMs && out.length >= 10) break;
  }
  return out;
}

/**
 * Times two variants in the same run, alternating A and B on every iteration so that both see the same machine
 * (load from other processes, CPU frequency, caches). Returns both sample lists.
 */
export async function sampleInterleaved<A, B>(
  a: (i: number) => A | Promise<A>,
  b: (i: number) => B | Promise<B>,
  opts: { warmup?: number; samples?: number; budgetMs?: number } = {},
): Promise<{ a: number[]; b: number[] }> {
  const { warmup = 20, samples = 300, budgetMs = Infinity } = opts;
  const started = performance.now();
  for (let i = 0; i < warmup; i++) {
    await a(i);
    await b(i);
  }
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < samples; i++) {
    // Swap the order every other round so neither always runs second.
    const first = i % 2 === 0;
    for (const which of first ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const t0 = performance.now();
      await (which === 'a' ? a(i) : b(i));
      out[which].push(performance.now() - t0);
    }
    if (performance.now() - started > budgetMs && i >= 9) break;
  }
  return out;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  return {
    n,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
    mean: samples.reduce((s, x) => s + x, 0) / Math.max(1, n),
  };
}

/** Wall time of one run, in milliseconds. */
export async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
