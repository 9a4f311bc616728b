import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { formatHlc, HlcError, nodeOf, parseHlc, tick, type Hlc } from '../../../shared/sync/hlc';

/**
 * This installation's hybrid logical clock, held in memory by the core that has the file open (keyed by the core's
 * config object, so it ends with the core and a file restored or made anew is read afresh): seeded on its first
 * stamp from the file (its installation id, the greatest stamp in the change record) inside the write's own
 * transaction, then moved by every local stamp and every pulled one, so a later local change always orders after
 * what this file holds.
 */
interface FileClock {
  last: Hlc;
  generation: number;
}

const clocks = new WeakMap<object, FileClock>();
/** Bumped when rows were stamped in bulk SQL (an import): every clock is read from its file again. */
let generation = 0;

async function seed(db: Kysely<DB>): Promise<FileClock> {
  const r = await sql<{ installation_id: string; last: string | null }>`
    select installation_id, (select max(hlc) from change_log) as last from sync_device where id = 1`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('sync_device has no row: the database is not migrated');
  const node = nodeOf(row.installation_id);
  const last = row.last ? { ...parseHlc(row.last), node } : { millis: 0, counter: 0, node };
  return { last, generation };
}

async function clockOf(db: Kysely<DB>, owner: object | undefined): Promise<FileClock> {
  const known = owner ? clocks.get(owner) : undefined;
  if (known && known.generation === generation) return known;
  const fresh = await seed(db);
  if (owner) clocks.set(owner, fresh);
  return fresh;
}

/** The next stamp of a local change at `now` (a clock stalled at one millisecond moves on by a millisecond per 65,536). */
export async function nextStamp(db: Kysely<DB>, owner: object | undefined, now: number): Promise<{ hlc: string; node: string }> {
  const clock = await clockOf(db, owner);
  try {
    clock.last = tick(clock.last, now);
  } catch (e) {
    if (!(e instanceof HlcError) || e.reason !== 'counter_overflow') throw e;
    clock.last = { millis: clock.last.millis + 1, counter: 0, node: clock.last.node };
  }
  return { hlc: formatHlc(clock.last), node: clock.last.node };
}

/** A pulled stamp: the next local one orders after it (the hub has already refused devices whose clocks drift). */
export function observeStamp(owner: object | undefined, hlc: string): void {
  const clock = owner ? clocks.get(owner) : undefined;
  if (!clock || clock.generation !== generation) return;
  if (formatHlc(clock.last) < hlc.slice(0, 29) + clock.last.node) {
    const seen = parseHlc(hlc);
    clock.last = { millis: seen.millis, counter: seen.counter, node: clock.last.node };
  }
}

/** Rows were stamped in bulk SQL: every clock is read again from its file at its next stamp. */
export function forgetClocks(): void {
  generation++;
}
