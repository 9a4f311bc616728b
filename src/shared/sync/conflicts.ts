import { slotsOverlap } from '../rules/overlap';
import type { CellValue } from './merge';

/**
 * Domain conflicts: what column-level last-writer-wins merges correctly as data but wrongly for people. Both sides
 * are kept (or the later one wins, as everywhere), and the case is listed for a person to decide; nothing is
 * silently dropped.
 */
export interface Booking {
  id: string;
  staffId: string | null;
  start: string;
  end: string;
  /** Not cancelled and not deleted. */
  active: boolean;
  branchId: string | null;
}

/**
 * Pairs of active bookings of one staff member that overlap (the merge kept both; a person must decide). Spans are
 * half-open, as the calendar's own clash check: one ending at 10:00 and the next starting at 10:00 do not clash.
 * Each pair is `[smaller id, larger id]`, pairs in id order, so every replica lists the same ones alike.
 */
export function doubleBookings(bookings: readonly Booking[]): [string, string][] {
  const byStaff = new Map<string, Booking[]>();
  for (const b of bookings) {
    if (!b.active || !b.staffId || !(b.start < b.end)) continue;
    const list = byStaff.get(b.staffId);
    if (list) list.push(b);
    else byStaff.set(b.staffId, [b]);
  }
  const pairs: [string, string][] = [];
  for (const list of byStaff.values()) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    // Those still running at each start: every one of them overlaps the newcomer (three at once: three pairs).
    let open: Booking[] = [];
    for (const b of list) {
      open = open.filter((o) => o.end > b.start);
      for (const o of open) if (slotsOverlap(o, b)) pairs.push(o.id < b.id ? [o.id, b.id] : [b.id, o.id]);
      open.push(b);
    }
  }
  return pairs.sort((x, y) => (x[0] === y[0] ? cmp(x[1], y[1]) : cmp(x[0], y[0])));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The writing device of an HLC stamp: its last 32 characters. */
export function hlcNode(hlc: string): string {
  return hlc.slice(-32);
}

/**
 * A field both sides changed since they last agreed: local not yet acknowledged by the hub, written by another node.
 * `pending` must be as it was before the sync round that brought `remote` (a push acknowledged in the same round
 * still counts as pending here, or two devices syncing at once would each miss the other's edit). When both values
 * are given and equal, the two sides agree after all: no conflict.
 */
export function divergedField(
  local: { hlc: string; pending: boolean; value?: CellValue } | null,
  remote: { hlc: string; value?: CellValue },
): boolean {
  if (!local || !local.pending) return false;
  if (hlcNode(local.hlc) === hlcNode(remote.hlc)) return false;
  if ('value' in local && 'value' in remote && local.value === remote.value) return false;
  return true;
}

/**
 * Which columns of which tables raise a conflict when they diverge (the rest merge silently). A visit's time, person
 * and status: two branches moving or cancelling one visit decide someone's day. An intervention's status and what it
 * is derived from (who takes it, when, confirmed, finalized, cancelled): two clerks moving one job through its
 * workflow. Table names as in the database (and the change record).
 */
export const CONFLICT_COLUMNS: Record<string, readonly string[]> = {
  visit: ['starts_at', 'ends_at', 'user_id', 'status'],
  intervention: ['status', 'responsible_id', 'taken_by_id', 'start_at', 'end_at', 'assignee_confirmed_at', 'finalized_at', 'cancelled_at'],
};

export function isConflictColumn(table: string, column: string): boolean {
  return CONFLICT_COLUMNS[table]?.includes(column) ?? false;
}
