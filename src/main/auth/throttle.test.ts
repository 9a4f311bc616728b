import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { ACCOUNT_MAX_FAILURES, accountAfterFailure, accountLockMinutes, LOCKOUT_MS, SOURCE_MAX_FAILURES, SOURCE_WINDOW_MS, SourceThrottle } from './throttle';

const T0 = Date.parse('2026-11-23T09:00:00Z');

function fail(t: SourceThrottle, source: string, login: string): number {
  const a = t.begin(source, login);
  if (!a.ok) throw new Error('refused');
  return a.failed();
}

describe('login throttle per source', () => {
  it('locks a source after five failures, for five minutes, and only that source', () => {
    const clock = new ManualClock(T0);
    const t = new SourceThrottle(clock);
    for (let i = 1; i < SOURCE_MAX_FAILURES; i++) expect(fail(t, 'a', 'owner')).toBe(0);
    expect(fail(t, 'a', 'owner')).toBe(LOCKOUT_MS / 60_000);
    expect(t.begin('a', 'owner')).toEqual({ ok: false, minutes: 5 });
    expect(t.begin('b', 'owner').ok).toBe(true);
    clock.advance(LOCKOUT_MS + 1);
    expect(t.begin('a', 'owner').ok).toBe(true);
  });

  it('counts attempts still being checked, so a burst cannot start more than five hashes', () => {
    const t = new SourceThrottle(new ManualClock(T0));
    const running = Array.from({ length: 60 }, () => t.begin('a', 'owner'));
    expect(running.filter((a) => a.ok)).toHaveLength(SOURCE_MAX_FAILURES);
    for (const a of running) if (a.ok) a.abandoned();
    expect(t.begin('a', 'owner').ok).toBe(true);
  });

  it('a success clears that account’s failures from that source only, and old failures are forgotten', () => {
    const clock = new ManualClock(T0);
    const t = new SourceThrottle(clock);
    for (let i = 0; i < 2; i++) fail(t, 'a', 'guessed');
    for (let i = 0; i < 2; i++) fail(t, 'a', 'mine');
    const ok = t.begin('a', 'mine');
    if (ok.ok) ok.succeeded();
    // Two failures against 'guessed' remain: three more lock the source.
    expect(fail(t, 'a', 'x')).toBe(0);
    expect(fail(t, 'a', 'x')).toBe(0);
    expect(fail(t, 'a', 'x')).toBeGreaterThan(0);
    const other = new SourceThrottle(clock);
    for (let i = 0; i < SOURCE_MAX_FAILURES - 1; i++) fail(other, 'a', 'owner');
    clock.advance(SOURCE_WINDOW_MS + 1);
    expect(fail(other, 'a', 'owner')).toBe(0);
  });
});

describe('login throttle per account', () => {
  it('locks the account only after many failures, and counts afresh once the lock has passed', () => {
    let a = undefined as ReturnType<typeof accountAfterFailure> | undefined;
    for (let i = 1; i < ACCOUNT_MAX_FAILURES; i++) a = accountAfterFailure(a, T0);
    expect(accountLockMinutes(a, T0)).toBe(0);
    a = accountAfterFailure(a, T0);
    expect(accountLockMinutes(a, T0)).toBe(5);
    expect(accountLockMinutes(a, T0 + LOCKOUT_MS)).toBe(0);
    expect(accountAfterFailure(a, T0 + LOCKOUT_MS)).toEqual({ failures: 1, lockedUntil: null });
  });
});
