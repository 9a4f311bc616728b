/**
 * Which ASAP clients a freed slot is offered to, best fit first. A client flagged ASAP would come earlier if a time
 * frees; the clerk calls the best fit first, so the order decides who is phoned.
 */

/** A booked ASAP visit that might move into the slot. Instants are UTC ISO. */
export interface AsapCandidate {
  visitId: string;
  userId: string;
  start: string;
  end: string;
  /** Whether the slot's employee performs the visit's service (always true for their own visits). */
  slotUserPerforms: boolean;
  /** The visit's branch's zone: days are counted on its calendar. */
  tz: string;
}

export interface FreedSlot {
  userId: string;
  start: string;
  end: string;
}

const ms = (iso: string) => Date.parse(iso);
export const durationMin = (c: { start: string; end: string }) => Math.round((ms(c.end) - ms(c.start)) / 60_000);

// One formatter per zone: hundreds of candidates are dated per offer, and building a formatter costs more than using it.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function branchDate(iso: string, tz: string): number {
  let f = dateFormats.get(tz);
  if (!f) dateFormats.set(tz, (f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const [y, m, d] = f.format(Date.parse(iso)).split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

/** Calendar days between the two dates on the branch's clock (a visit moved from Friday to Monday of the week before: 4). */
export function daysEarlier(currentStart: string, slotStart: string, tz: string): number {
  return branchDate(currentStart, tz) - branchDate(slotStart, tz);
}

/**
 * A candidate fits when it now starts later than the slot, lasts no longer than the slot, and is either the slot
 * employee's own visit or one of a service the slot's employee performs.
 */
export function fitsSlot(c: AsapCandidate, slot: FreedSlot): boolean {
  return ms(c.start) > ms(slot.start) && durationMin(c) <= durationMin(slot) && (c.userId === slot.userId || c.slotUserPerforms);
}

/**
 * Best fit first: the client who gains the most days (their visit is furthest off); then the slot employee's own
 * client (no change of doctor); then the duration closest to the slot (the least time left idle); then the most time
 * gained within the day, and the visit id, so the order is stable.
 */
export function rankAsap<C extends AsapCandidate>(candidates: readonly C[], slot: FreedSlot): C[] {
  const keyed = candidates
    .filter((c) => fitsSlot(c, slot))
    .map((c) => ({ c, days: daysEarlier(c.start, slot.start, c.tz), own: c.userId === slot.userId ? 0 : 1, idle: durationMin(slot) - durationMin(c), gained: ms(c.start) - ms(slot.start) }));
  keyed.sort((a, b) => b.days - a.days || a.own - b.own || a.idle - b.idle || b.gained - a.gained || (a.c.visitId < b.c.visitId ? -1 : a.c.visitId > b.c.visitId ? 1 : 0));
  return keyed.map((k) => k.c);
}
