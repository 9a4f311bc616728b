import { describe, expect, it } from 'vitest';
import { gapsOf, gapStats, monotonicMs, startPacer } from './pacer';

describe('pacer', () => {
  it('ticks every 20 ms without drift over a second', async () => {
    const at: number[] = [];
    await new Promise<void>((resolve) => {
      startPacer(20, (n) => {
        at.push(monotonicMs());
        if (n === 50) {
          resolve();
          return false;
        }
      });
    });
    // 50 periods: drift would add each timer's lateness (~1 ms) to the total.
    expect(at[50]! - at[0]!).toBeGreaterThanOrEqual(995);
    expect(at[50]! - at[0]!).toBeLessThan(1015);
    expect(gapStats(gapsOf(at)).median).toBeGreaterThan(17);
    expect(gapStats(gapsOf(at)).median).toBeLessThan(23);
  });

  it('catches up missed ticks after a blocked event loop instead of shifting the schedule', async () => {
    const ticks: number[] = [];
    const pacer = startPacer(20, (n) => {
      ticks.push(n);
    });
    const until = monotonicMs() + 100;
    while (monotonicMs() < until) {
      /* block the loop for five periods */
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    pacer.stop();
    expect(ticks.length).toBeGreaterThanOrEqual(6);
    expect(ticks).toEqual(ticks.map((_, i) => i));
  });

  it('pacers started apart tick on the same 20 ms grid of the clock', async () => {
    const phases: number[][] = [[], []];
    const tick = (k: number) => (n: number) => {
      phases[k]!.push(monotonicMs() % 20);
      return n < 9;
    };
    startPacer(20, tick(0));
    await new Promise((resolve) => setTimeout(resolve, 7));
    startPacer(20, tick(1));
    await new Promise((resolve) => setTimeout(resolve, 260));
    // Each tick runs just after a multiple of 20 ms (timer lateness only); a phase of its own would be anywhere.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(phases.map((p) => p.length)).toEqual([10, 10]);
    expect(median(phases[0]!)).toBeLessThan(6);
    expect(median(phases[1]!)).toBeLessThan(6);
  });

  it('gap statistics', () => {
    expect(gapStats(gapsOf([0, 20, 40, 61, 81]))).toEqual({ count: 4, median: 20, p95: 21, p99: 21, max: 21 });
    expect(gapStats(gapsOf([5]))).toEqual({ count: 0, median: 0, p95: 0, p99: 0, max: 0 });
  });
});
