// A periodic tick anchored to its start time: each wait is computed from start + n·period, so
// setTimeout's lateness never accumulates. A late tick runs the missed ticks at once.

export interface Pacer {
  stop(): void;
}

export function startPacer(periodMs: number, onTick: (n: number) => boolean | void, clock: () => number = monotonicMs): Pacer {
  const start = clock();
  let n = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = (): void => {
    timer = null;
    const due = Math.floor((clock() - start) / periodMs);
    while (!stopped && n <= due) {
      if (onTick(n) === false) stopped = true;
      n += 1;
    }
    if (stopped) return;
    timer = setTimeout(run, Math.max(0, start + n * periodMs - clock()));
  };
  run();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Gaps between successive instants (ms) → median / p95 / p99 / max. */
export function gapStats(instants: readonly number[]): { count: number; median: number; p95: number; p99: number; max: number } {
  const gaps: number[] = [];
  for (let i = 1; i < instants.length; i += 1) gaps.push(instants[i]! - instants[i - 1]!);
  gaps.sort((a, b) => a - b);
  const at = (q: number): number => (gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]! : 0);
  return { count: gaps.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: gaps.length ? gaps[gaps.length - 1]! : 0 };
}
