import type { Clock } from '../clock';

/**
 * Login throttling, in two layers (OWASP's advice: throttle the source, and the account only far above it).
 *
 * - Per source (this file, in memory): a place that got five passwords wrong within 15 minutes is refused for
 *   5 minutes at once — no hash is computed and the database is not touched. Attempts still being checked count
 *   too, so 60 concurrent guesses from one place cost at most five hashes. Someone else's guesses never lock
 *   the real owner out from their own machine.
 * - Per account (`login_attempt`, in the database): 50 failures from anywhere lock the account for 5 minutes,
 *   against guessing spread over many places. That needs ten places guessing at full speed.
 *
 * The per-source state is lost at restart; only this program can restart itself, so an attacker cannot use that.
 */
export const SOURCE_MAX_FAILURES = 5;
export const SOURCE_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_MAX_FAILURES = 50;
export const LOCKOUT_MS = 5 * 60_000;
/** The caller on this machine (Electron's IPC, the command line, tests): one source. */
export const LOCAL_SOURCE = 'local';
/** Memory bound: beyond this many remembered sources, the oldest are forgotten first. */
const MAX_SOURCES = 10_000;

export interface AccountAttempts {
  failures: number;
  lockedUntil: string | null;
}

/** Minutes left on an account's lock, or 0. */
export function accountLockMinutes(a: AccountAttempts | undefined, now: number): number {
  const until = a?.lockedUntil ? Date.parse(a.lockedUntil) : 0;
  return until > now ? Math.ceil((until - now) / 60_000) : 0;
}

/** The account's counters after one more failure; a lock that has passed starts the count again. */
export function accountAfterFailure(a: AccountAttempts | undefined, now: number): AccountAttempts {
  const passed = a?.lockedUntil != null && Date.parse(a.lockedUntil) <= now;
  const failures = (a && !passed ? a.failures : 0) + 1;
  return { failures, lockedUntil: failures >= ACCOUNT_MAX_FAILURES ? new Date(now + LOCKOUT_MS).toISOString() : null };
}

interface SourceState {
  /** Failures per login name, so a success clears only that account's failures (not an attacker's other guesses). */
  byLogin: Map<string, number>;
  failures: number;
  inFlight: number;
  firstAt: number;
  lockedUntil: number;
}

/** `failed` answers the minutes the source is now locked for (0: not locked). */
export type Attempt = { ok: true; failed(): number; succeeded(): void; abandoned(): void } | { ok: false; minutes: number };

export class SourceThrottle {
  private readonly sources = new Map<string, SourceState>();

  constructor(private readonly clock: Clock) {}

  /** Reserves one attempt for `source`; refused when the source is locked or its budget is taken by attempts still running. */
  begin(source: string, login: string): Attempt {
    const now = this.clock.now();
    const s = this.current(source, now);
    if (s.lockedUntil > now) return { ok: false, minutes: Math.ceil((s.lockedUntil - now) / 60_000) };
    if (s.failures + s.inFlight >= SOURCE_MAX_FAILURES) return { ok: false, minutes: 1 };
    s.inFlight++;
    let done = false;
    const finish = (outcome: 'failed' | 'succeeded' | 'abandoned'): number => {
      if (done) return 0;
      done = true;
      s.inFlight--;
      if (outcome === 'failed') {
        const at = this.clock.now();
        s.failures++;
        s.byLogin.set(login, (s.byLogin.get(login) ?? 0) + 1);
        if (s.failures >= SOURCE_MAX_FAILURES) s.lockedUntil = at + LOCKOUT_MS;
        return s.lockedUntil > at ? Math.ceil((s.lockedUntil - at) / 60_000) : 0;
      }
      if (outcome === 'succeeded') {
        s.failures -= s.byLogin.get(login) ?? 0;
        s.byLogin.delete(login);
      }
      return 0;
    };
    return {
      ok: true,
      failed: () => finish('failed'),
      succeeded: () => void finish('succeeded'),
      abandoned: () => void finish('abandoned'),
    };
  }

  private current(source: string, now: number): SourceState {
    let s = this.sources.get(source);
    const stale = s && s.inFlight === 0 && s.lockedUntil <= now && now - s.firstAt > SOURCE_WINDOW_MS;
    const lockPassed = s && s.lockedUntil !== 0 && s.lockedUntil <= now;
    if (s && (stale || lockPassed)) {
      s.failures = 0;
      s.byLogin.clear();
      s.lockedUntil = 0;
      s.firstAt = now;
    }
    if (!s) {
      if (this.sources.size >= MAX_SOURCES) this.forgetOldest(now);
      s = { byLogin: new Map(), failures: 0, inFlight: 0, firstAt: now, lockedUntil: 0 };
      this.sources.set(source, s);
    }
    return s;
  }

  private forgetOldest(now: number): void {
    for (const [key, s] of this.sources) {
      if (s.inFlight === 0 && s.lockedUntil <= now) this.sources.delete(key);
      if (this.sources.size < MAX_SOURCES * 0.9) return;
    }
    // Everything is locked or running: drop the oldest anyway rather than grow without bound.
    const first = this.sources.keys().next();
    if (!first.done) this.sources.delete(first.value);
  }
}
