/** A piece of work that never runs twice at once: what the jobs, the outbox sender and the sync engine share. */
export interface Coalesced<T> {
  /** Runs now, or — while a run is under way — asks for one more right after it; resolves with the run covering this call. */
  run(): Promise<T>;
  /** From inside a run: one more after this one (something arrived that this run did not see). */
  again(): void;
  /** The run under way, if any. */
  current(): Promise<T> | null;
  /** Resolves when no run is under way, the ones asked for meanwhile included; a failed run counts as over. */
  idle(): Promise<void>;
}

/**
 * Wraps `work` so that calls during a run fold into one more run after it, however many there were: a burst of saves
 * costs two runs, not one each, and no two runs ever overlap. Once `stopped()` says so, no further repeat starts.
 */
export function coalescing<T>(work: () => Promise<T>, stopped: () => boolean = () => false): Coalesced<T> {
  let running: Promise<T> | null = null;
  let more = false;
  const run = (): Promise<T> => {
    if (running) {
      more = true;
      return running;
    }
    running = (async () => {
      let last: T;
      do {
        more = false;
        last = await work();
      } while (more && !stopped());
      return last;
    })().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    run,
    again: () => {
      more = true;
    },
    current: () => running,
    async idle() {
      while (running) await running.then(
        () => undefined,
        () => undefined,
      );
    },
  };
}
