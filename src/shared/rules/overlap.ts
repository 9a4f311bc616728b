/** A scheduled slot of one person; instants are ISO text in UTC, so they order as strings do. */
export interface Slot {
  id: string;
  personId: string | null;
  start: string;
  end: string;
}

/** Half-open intervals: a visit ending at 10:00 and the next starting at 10:00 do not clash. */
export function slotsOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The ids of slots that share time with another slot of the same person (a sweep per person, O(n log n)); slots
 * without a person clash with nobody.
 */
export function overlappingIds(slots: readonly Slot[]): Set<string> {
  const out = new Set<string>();
  const byPerson = new Map<string, Slot[]>();
  for (const s of slots) if (s.personId) byPerson.set(s.personId, [...(byPerson.get(s.personId) ?? []), s]);
  for (const list of byPerson.values()) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    // The slot reaching furthest so far: any later start before its end overlaps it.
    let reach: Slot | undefined;
    for (const s of list) {
      if (reach && s.start < reach.end) {
        out.add(s.id);
        out.add(reach.id);
      }
      if (!reach || s.end > reach.end) reach = s;
    }
  }
  return out;
}
