/** Test helpers: instants written as a branch's wall clock, and read back the same way. */
import { instantAt, wallClock } from '../zonedTime';
import type { AttemptDecision } from './types';

export const RIGA = 'Europe/Riga';

/** The instant at which `zone`'s wall clock reads `wall` (`YYYY-MM-DDTHH:MM`, optionally `:SS`). */
export function t(wall: string, zone = RIGA): number {
  const seconds = wall.length > 16 ? Number(wall.slice(17, 19)) * 1000 : 0;
  const iso = instantAt(wall.slice(0, 16), zone);
  if (!iso) throw new Error(`no such wall clock: ${wall}`);
  return Date.parse(iso) + seconds;
}

/** A decision as the test reads it: the wall clock of its instant in `zone`, or `none:<reason>`. */
export function read(d: AttemptDecision, zone = RIGA): string {
  return 'at' in d ? wallClock(d.at, zone) : `none:${d.none}`;
}

export const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
