import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** A stored side as far as closing needs it: its values' columns and the stamp it was written with. */
interface StoredSide {
  at?: string;
  hlc?: string;
  values?: Record<string, unknown>;
}

function parse(json: string | null): StoredSide | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as StoredSide) : null;
  } catch {
    return null;
  }
}

/**
 * The newest stamp a side stands for. A side listed before sides kept their stamp has only its wall-clock time: any
 * stamp of that same millisecond counts as no newer, so such a conflict never closes early.
 */
const sideStamp = (s: StoredSide) => s.hlc ?? `${s.at ?? ''}\uffff`;

/** The columns a diverged-field conflict is about, and the stamp a later cell must pass to settle it; null for none. */
export function decidable(kept: string | null, other: string | null): { columns: string[]; above: string } | null {
  const [k, o] = [parse(kept), parse(other)];
  if (!k || !o) return null;
  const columns = [...new Set([...Object.keys(k.values ?? {}), ...Object.keys(o.values ?? {})])];
  // A pulled row whose natural key another row holds has no version here to compare with: a person must act on it.
  if (!Object.keys(k.values ?? {}).length || !columns.length) return null;
  const [a, b] = [sideStamp(k), sideStamp(o)];
  return { columns, above: a > b ? a : b };
}

/**
 * Diverged-field conflicts this file now holds a later version of — every field the two sides disagreed on carries a
 * stamp newer than both (a person's decision on any computer, pulled or made here, or a later edit) — are closed
 * (`resolved_by` null: settled by a change, not decided here). A crossing edit made after that decision has its own
 * sides, newer than the decision, and stays listed. Answers how many closed.
 */
export async function settleDecidedFields(db: Kysely<DB>, orgId: string, nowIso: string): Promise<number> {
  const open = await db
    .selectFrom('sync_conflict')
    .select(['id', 'table_name', 'row_id', 'kept', 'other'])
    .where('org_id', '=', orgId)
    .where('kind', 'in', ['status_diverged', 'field_diverged'])
    .where('other_row_id', 'is', null)
    .where('resolved_at', 'is', null)
    .execute();
  const settled: string[] = [];
  for (const c of open) {
    const d = decidable(c.kept, c.other);
    if (!d) continue;
    const held = await db
      .selectFrom('sync_cell')
      .select(['column_name', 'hlc'])
      .where('table_name', '=', c.table_name)
      .where('row_id', '=', c.row_id)
      .where('column_name', 'in', d.columns)
      .execute();
    const stamp = new Map(held.map((h) => [h.column_name, h.hlc]));
    if (d.columns.every((col) => (stamp.get(col) ?? '') > d.above)) settled.push(c.id);
  }
  if (settled.length === 0) return 0;
  await db.updateTable('sync_conflict').set({ resolved_at: nowIso, resolved_by: null }).where('id', 'in', settled).where('resolved_at', 'is', null).execute();
  return settled.length;
}

/**
 * A conflict just listed whose row was then written again by a rule (a status derived from the merged facts): its
 * kept side now stands at that write's stamp, so the rule's write is not read as a decision that settles it.
 */
export async function raiseThreshold(db: Kysely<DB>, id: string, table: string, rowId: string): Promise<void> {
  const c = await db.selectFrom('sync_conflict').select(['kept', 'other']).where('id', '=', id).executeTakeFirst();
  const d = c && decidable(c.kept, c.other);
  if (!c || !d) return;
  const held = await db.selectFrom('sync_cell').select('hlc').where('table_name', '=', table).where('row_id', '=', rowId).where('column_name', 'in', d.columns).execute();
  const top = held.map((h) => h.hlc).reduce((a, b) => (b > a ? b : a), d.above);
  if (top === d.above) return;
  const kept = { ...parse(c.kept), hlc: top };
  await db.updateTable('sync_conflict').set({ kept: JSON.stringify(kept) }).where('id', '=', id).execute();
}
