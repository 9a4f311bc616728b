/**
 * Hybrid logical clocks: every synced change carries a timestamp that is the writer's wall clock when the clocks
 * agree, and still orders causally when they do not (a device that received a later change stamps its own next
 * change after it). The text form sorts as it orders: `2026-12-06T22:00:00.000Z-0000-<node>`, so "later" is a plain
 * string comparison everywhere (SQL included), and two changes of one instant differ by their device (`node`), which
 * breaks ties the same way on every replica.
 */
export interface Hlc {
  millis: number;
  counter: number;
  /** The writing device: 32 lowercase hex digits (its id without dashes). */
  node: string;
}

export const HLC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{32}$/;
const MAX_COUNTER = 0xffff;
/** A device whose clock is further than this from the hub's is refused before it writes anything. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;
/**
 * What a replica allows in `receive`: two devices each within the drift of the hub, on either side of it, may be
 * twice the drift apart, and a change stamped by the fast one must still reach the slow one.
 */
export const PEER_MAX_DRIFT_MS = 2 * DEFAULT_MAX_DRIFT_MS;

export class HlcError extends Error {
  constructor(
    readonly reason: 'drift' | 'counter_overflow' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

/** A device id (a UUID) as an HLC node. */
export function nodeOf(deviceId: string): string {
  const node = deviceId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(node)) throw new HlcError('malformed', `not a device id: ${deviceId}`);
  return node;
}

export function formatHlc(h: Hlc): string {
  return `${new Date(h.millis).toISOString()}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

export function parseHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new HlcError('malformed', `not an HLC timestamp: ${text}`);
  const millis = Date.parse(text.slice(0, 24));
  // The pattern admits a 30 February or a 99th minute, which Date.parse rolls over: only a stamp that reads back to
  // itself orders as text.
  if (!Number.isFinite(millis) || new Date(millis).toISOString() !== text.slice(0, 24)) throw new HlcError('malformed', `not an HLC timestamp: ${text}`);
  return { millis, counter: parseInt(text.slice(25, 29), 16), node: text.slice(30) };
}

/** The clock before its first event. */
export function zeroHlc(node: string): Hlc {
  return { millis: 0, counter: 0, node };
}

function next(millis: number, last: Hlc, node: string): Hlc {
  const counter = millis === last.millis ? last.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new HlcError('counter_overflow', 'more than 65,535 changes in one millisecond');
  return { millis, counter, node };
}

/** A local change at `now`: after everything this device has stamped or seen. */
export function tick(last: Hlc, now: number): Hlc {
  const millis = Math.max(last.millis, now);
  return next(millis, last, last.node);
}

/**
 * A remote change was received: the clock moves past it, so the next local change orders after it. A remote stamp
 * further ahead of `now` than `maxDriftMs` is refused: it would drag every later change into the future.
 */
export function receive(last: Hlc, remote: Hlc, now: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): Hlc {
  if (remote.millis - now > maxDriftMs) throw new HlcError('drift', `a change stamped ${remote.millis - now} ms ahead of this clock`);
  const millis = Math.max(last.millis, remote.millis, now);
  if (millis === last.millis && millis === remote.millis) {
    const counter = Math.max(last.counter, remote.counter) + 1;
    if (counter > MAX_COUNTER) throw new HlcError('counter_overflow', 'more than 65,535 changes in one millisecond');
    return { millis, counter, node: last.node };
  }
  if (millis === last.millis) return next(millis, last, last.node);
  if (millis === remote.millis) return next(millis, remote, last.node);
  return { millis, counter: 0, node: last.node };
}

/** Whether two clocks differ by more than the allowed drift (a device's against the hub's). */
export function driftTooLarge(deviceNow: number, hubNow: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): boolean {
  return Math.abs(deviceNow - hubNow) > maxDriftMs;
}
