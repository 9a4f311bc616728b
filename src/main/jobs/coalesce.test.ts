import { describe, expect, it } from 'vitest';
import { coalescing } from './coalesce';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('coalescing', () => {
  it('folds calls made during a run into one more run after it, never two at once', async () => {
    let runs = 0;
    let live = 0;
    let most = 0;
    const first = gate();
    const job = coalescing(async () => {
      live++;
      most = Math.max(most, live);
      runs++;
      if (runs === 1) await first.opened;
      live--;
      return runs;
    });
    const a = job.run();
    const b = job.run();
    const c = job.run();
    expect(job.current()).toBe(a);
    first.open();
    expect(await Promise.all([a, b, c])).toEqual([2, 2, 2]);
    expect(runs).toBe(2);
    expect(most).toBe(1);
    expect(job.current()).toBeNull();
  });

  it('runs again when the work asks from inside, and stops repeating once stopped', async () => {
    let runs = 0;
    let stopped = false;
    const job = coalescing(
      async () => {
        runs++;
        if (runs < 3) job.again();
        if (runs === 2) stopped = true;
      },
      () => stopped,
    );
    await job.run();
    expect(runs).toBe(2);
  });

  it('waits until idle through a failed run, and runs afresh after one', async () => {
    let runs = 0;
    const job = coalescing(async () => {
      runs++;
      if (runs === 1) throw new Error('broken');
      return runs;
    });
    const failed = job.run();
    await job.idle();
    await expect(failed).rejects.toThrow('broken');
    expect(await job.run()).toBe(2);
  });
});
