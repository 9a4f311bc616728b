import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CellMessage } from '../../../shared/sync/protocol';
import { applyCells, type ApplyOptions, type ReplicaDeps } from './apply';
import { outboundCells, pendingChanges } from './outbound';
import { readShapes, type TableShape } from './tables';
import { inboxSize } from './inbox';
import { fullStateCells, type FullStateMark } from './fullState';

/**
 * The desktop's replication layer: this installation's changes as cells to push, and pulled cells written into its
 * rows by the same rules on every replica (column-level last writer wins on HLC stamps, tombstones, conflicts listed).
 */
export interface Replica {
  installationId(): Promise<string>;
  /** Local-origin changes after `afterSeq` as cells, oldest first, and the last change seq they cover. */
  outbound(orgId: string, afterSeq: number, limit: number): Promise<{ cells: CellMessage[]; lastSeq: number }>;
  pending(orgId: string, afterSeq: number): Promise<number>;
  /** Applies pulled cells: LWW per cell, tombstones, conflicts recorded; writes land through the funnel marked remote (never pushed back) and the modules' events fire. Idempotent. */
  apply(orgId: string, cells: CellMessage[], opts?: ApplyOptions): Promise<{ applied: number; conflicts: number; parked: number }>;
  /** Every row this file holds of the organization as cells, a page of whole rows after `after` (a rebuilt hub's push). */
  fullState(orgId: string, after: FullStateMark, rows: number): Promise<{ cells: CellMessage[]; next: FullStateMark }>;
  shapes(): Promise<ReadonlyMap<string, TableShape>>;
  /** Pulled cells waiting for the rest of their row. */
  waiting(orgId: string): Promise<number>;
}

export type { ApplyOptions, ReplicaDeps } from './apply';
export { settleDoubleBookings } from './conflicts';
export { settleDecidedFields } from './decided';

export function openReplica(db: Kysely<DB>, deps: ReplicaDeps): Replica {
  // The schema does not change while the core runs: the synced tables are read once, on first use.
  let shapes: Promise<Map<string, TableShape>> | null = null;
  const shapesOf = () => (shapes ??= readShapes(db));
  return {
    async installationId() {
      const row = await db.selectFrom('sync_device').select('installation_id').where('id', '=', 1).executeTakeFirstOrThrow();
      return row.installation_id;
    },
    async outbound(orgId, afterSeq, limit) {
      return outboundCells(db, await shapesOf(), orgId, afterSeq, limit);
    },
    pending: (orgId, afterSeq) => pendingChanges(db, orgId, afterSeq),
    async apply(orgId, cells, opts) {
      return applyCells(db, await shapesOf(), deps, orgId, cells, opts);
    },
    waiting: (orgId) => inboxSize(db, orgId),
    async fullState(orgId, after, rows) {
      return fullStateCells(db, await shapesOf(), orgId, after, rows);
    },
    shapes: shapesOf,
  };
}
