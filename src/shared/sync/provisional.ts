import { wins } from './merge';

/**
 * Provisional document numbers: a document validated offline cannot take its series' next number (another branch may
 * take it at the same moment), so it gets the series prefix, this device's mark and a local counter — usable and
 * printable at once (`RIX-P7-000012`) — and the hub gives it the final number on sync.
 *
 * A mark is `P` and 1–6 digits or capital letters. Series prefixes allow letters, digits and `/ _ . -`, so a prefix
 * could itself end like a mark (`RIX-P7-`); `prefixLooksProvisional` tells the series check to refuse such a prefix.
 */
export const PROVISIONAL_DIGITS = 6;
const MARK = /^P[0-9A-Z]{1,6}$/;
const PROVISIONAL = /(?:^|[^\p{L}\p{N}])P[0-9A-Z]{1,6}-\d{6,}$/u;

export class ProvisionalError extends Error {}

export function provisionalNumber(seriesPrefix: string, deviceMark: string, localCounter: number): string {
  if (!MARK.test(deviceMark)) throw new ProvisionalError(`not a device mark: ${deviceMark}`);
  if (!Number.isSafeInteger(localCounter) || localCounter < 1) throw new ProvisionalError(`not a counter: ${localCounter}`);
  const sep = /[\s\-_./#:]$/u.test(seriesPrefix) || seriesPrefix === '' ? '' : '-';
  return `${seriesPrefix}${sep}${deviceMark}-${String(localCounter).padStart(PROVISIONAL_DIGITS, '0')}`;
}

export function isProvisional(number: string): boolean {
  return PROVISIONAL.test(number);
}

/** A series prefix whose final numbers would read as provisional ones. */
export function prefixLooksProvisional(prefix: string): boolean {
  return isProvisional(`${prefix}${'0'.repeat(PROVISIONAL_DIGITS)}`);
}

/** A device's mark from its installation id (a UUID): `P` + its first four hex digits, the same on every start. */
export function deviceMarkOf(installationId: string): string {
  const hex = installationId.replace(/-/g, '').slice(0, 4).toUpperCase();
  if (!/^[0-9A-F]{4}$/.test(hex)) throw new ProvisionalError(`not an installation id: ${installationId}`);
  return `P${hex}`;
}

/**
 * Final numbers for documents validated offline, in the order they were validated (HLC; ties cannot happen, the node
 * closes the stamp): `lastFinal + 1`, `+ 2`, … — no duplicates (a document listed twice, a replayed batch, gets one
 * number, at its first validation) and no gaps.
 */
export function assignFinal(pending: readonly { id: string; hlc: string }[], lastFinal: number): { id: string; final: number }[] {
  if (!Number.isSafeInteger(lastFinal) || lastFinal < 0) throw new ProvisionalError(`not a series position: ${lastFinal}`);
  const first = new Map<string, string>();
  for (const p of pending) {
    const held = first.get(p.id);
    if (held === undefined || wins(held, p.hlc)) first.set(p.id, p.hlc);
  }
  return [...first]
    .sort(([ia, a], [ib, b]) => (a === b ? (ia < ib ? -1 : ia > ib ? 1 : 0) : a < b ? -1 : 1))
    .map(([id], i) => ({ id, final: lastFinal + i + 1 }));
}
