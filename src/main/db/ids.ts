import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';

/** UUIDv7: time-ordered, so new rows land at the end of the primary-key index and ids sort by creation. */
export function newId(clock?: Clock): string {
  return clock ? uuidv7({ msecs: clock.now() }) : uuidv7();
}

/** created/updated stamps for a new synced row. */
export function createdStamps(clock: Clock): { created_at: string; updated_at: string; version: number } {
  const now = new Date(clock.now()).toISOString();
  return { created_at: now, updated_at: now, version: 1 };
}
