import { wins } from './merge';

/**
 * Provisional document numbers: a document validated offline cannot take its series' next number (another branch may
 * take it at the same moment), so it gets the series prefix, this device's mark and a local counter — usable and
 * printable at once (`RIX-P7-000012`) — and the hub gives it the final number on sync.
 *
 * A mark is `P` and 1–5 digits: digits only, so no prefix of letters (`PRO-`, `PAY-`) reads as one. Series prefixes
 * allow letters, digits and `/ _ . -`, so a prefix could still end like a mark (`RIX-P7-`); `prefixLooksProvisional`
 * tells the series check to refuse such a prefix.
 */
export const PROVISIONAL_DIGITS = 6;
const MARK = /^P\d{1,5}$/;
const PROVISIONAL = /(?:^|[^\p{L}\p{N}])P\d{1,5}-\d{6,}$/u;

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

/**
 * A device's mark from its installation id (a UUID): `P` + its last four hex digits read as a number (0–65535), the
 * same on every start and known before the device ever meets the hub. The last digits, because they are random in
 * UUIDv4 and v7 alike, where a v7's first digits are its creation time (every computer installed the same year would
 * share them). Two devices of one organization share a mark with a chance of about n²/131,072 (0.07 % for ten); their
 * provisional numbers could then read alike, never their documents or final numbers.
 */
export function deviceMarkOf(installationId: string): string {
  const hex = installationId.replace(/-/g, '').slice(-4);
  if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ProvisionalError(`not an installation id: ${installationId}`);
  return `P${parseInt(hex, 16)}`;
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

/**
 * What the hub answers to provisional numbers arriving in one push: new documents get the next final numbers (as
 * `assignFinal`), and every document that arrived with a provisional number — new or already numbered — gets its final
 * number written again, stamped after the provisional one. A document validated offline on two devices, or validated
 * again before its final number reached the device, would otherwise keep the later, provisional stamp on every replica.
 */
export function confirmNumbers(
  arriving: readonly { id: string; hlc: string }[],
  known: ReadonlyMap<string, number>,
  lastFinal: number,
): { confirm: { id: string; final: number; fresh: boolean }[]; lastFinal: number } {
  const fresh = assignFinal(arriving.filter((p) => !known.has(p.id)), lastFinal);
  const finalOf = new Map(fresh.map((f) => [f.id, f.final]));
  const confirm = [...new Set(arriving.map((p) => p.id))].map((id) => ({ id, final: finalOf.get(id) ?? known.get(id)!, fresh: finalOf.has(id) }));
  return { confirm, lastFinal: fresh.at(-1)?.final ?? lastFinal };
}
