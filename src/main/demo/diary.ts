import type { Random } from '../../shared/random';
import { MINUTE } from './slots';

const STEP = 30 * MINUTE;

/** Who is booked when: a technician is never sent to two places at once, and gets half an hour to drive between visits. */
export class Diary {
  private readonly busy = new Set<string>();

  private free(person: string, start: number, length: number): boolean {
    for (let t = start; t < start + length + STEP; t += STEP) if (this.busy.has(`${person} ${t}`)) return false;
    return true;
  }

  /**
   * Books the first of `slots` (from a random one on) where someone of `people` is free: the technicians in turn
   * (the first `people` but the last), the last one (the manager) only when they are all taken. Null when nobody is.
   */
  book(rand: Random, people: string[], slots: number[], length: number): { startAt: number; person: string } | null {
    if (!slots.length) return null;
    const from = rand.int(0, slots.length - 1);
    const techs = people.length - 1;
    const firstTech = rand.int(0, techs - 1);
    for (let i = 0; i < slots.length; i++) {
      const start = slots[(from + i) % slots.length]!;
      for (let j = 0; j < people.length; j++) {
        const person = j === techs ? people[techs]! : people[(firstTech + j) % techs]!;
        if (!this.free(person, start, length)) continue;
        for (let t = start; t < start + length + STEP; t += STEP) this.busy.add(`${person} ${t}`);
        return { startAt: start, person };
      }
    }
    return null;
  }
}
