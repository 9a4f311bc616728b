import type { Kysely } from 'kysely';
import { migrations } from '../../../../migrations/index';
import type { DB } from '../../db/schema';

/**
 * This installation's one `sync_device` row (id 1): where its hub is, its sealed key, how far it has pushed and pulled.
 * Not a synced table — it describes this computer — so it is written directly, in short statements of its own.
 */
export type Device = Awaited<ReturnType<typeof loadDevice>>;

export async function loadDevice(db: Kysely<DB>) {
  return db.selectFrom('sync_device').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** The hub refuses a device of another schema: the number of migrations this program knows. */
export const SCHEMA_VERSION = Object.keys(migrations).length;

/** Binds the sealed device key to this installation: a key copied into another data folder does not open there. */
export const keyContext = (installationId: string) => `sync.device_key:${installationId}`;

export type Problem = { key: string; params?: Record<string, string | number> };

export interface Progress {
  cursor?: number;
  pushedSeq?: number;
  settledSeq?: number;
  lastSyncAt?: string;
  /** Undefined: leave as is; null: clear. */
  problem?: Problem | null;
}

/** Moves the cursors forward (only after the hub acknowledged and the apply committed) and keeps the last problem. */
export async function saveProgress(db: Kysely<DB>, p: Progress): Promise<void> {
  const set: Record<string, unknown> = {};
  if (p.cursor !== undefined) set.cursor = p.cursor;
  if (p.pushedSeq !== undefined) set.pushed_seq = p.pushedSeq;
  if (p.settledSeq !== undefined) set.settled_seq = p.settledSeq;
  if (p.lastSyncAt !== undefined) set.last_sync_at = p.lastSyncAt;
  if (p.problem !== undefined) {
    set.problem_key = p.problem?.key ?? null;
    set.problem_params = p.problem?.params ? JSON.stringify(p.problem.params) : null;
  }
  if (Object.keys(set).length) await db.updateTable('sync_device').set(set).where('id', '=', 1).execute();
}

export function problemOf(row: { problem_key: string | null; problem_params: string | null }): Problem | null {
  if (!row.problem_key) return null;
  return row.problem_params ? { key: row.problem_key, params: JSON.parse(row.problem_params) as Problem['params'] } : { key: row.problem_key };
}
