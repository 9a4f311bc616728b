/**
 * When the next round runs, a pure rule of what the last one met. Offline: waits that double from 2 s up to 5 minutes,
 * with a jitter so ten branches coming back after one outage do not all knock at once. Refused: a person must act
 * (update the app, set the clock, a new code), so the hub is asked again only after a long pause — the clock's case
 * may mend itself — or when someone presses "Sync now".
 */
export const FIRST_BACKOFF_MS = 2_000;
export const MAX_BACKOFF_MS = 5 * 60_000;
export const REFUSED_RETRY_MS = 15 * 60_000;

export type RoundOutcome = { kind: 'ok' } | { kind: 'offline'; failures: number } | { kind: 'refused'; retryable: boolean };

/** Milliseconds until the next round, or null: none until someone asks. `random` in [0, 1). */
export function nextRoundIn(outcome: RoundOutcome, intervalSeconds: number, random: number): number | null {
  if (outcome.kind === 'ok') return intervalSeconds * 1000;
  if (outcome.kind === 'refused') return outcome.retryable ? REFUSED_RETRY_MS : null;
  const base = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, outcome.failures - 1));
  // ±20 %: spread, never beyond the cap.
  return Math.min(MAX_BACKOFF_MS, Math.round(base * (0.8 + 0.4 * random)));
}

/** Refusals that may pass without anyone touching this computer's settings: its clock, set right by the OS. */
export const SELF_MENDING = ['hub.clock_drift'] as const;
