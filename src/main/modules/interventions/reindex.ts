import { sql, type Selectable } from 'kysely';
import type { InterventionTable } from '../../db/schema';
import type { Ctx } from '../../api/context';
import { searchValues } from './searchIndex';
import { interventionIndex } from './gridIndex';

type Row = Selectable<InterventionTable>;

/** Quick search (FTS) now, the grid's memory index once committed: every change of an intervention passes here. */
export async function reindex(ctx: Ctx, r: Row & { rid: number }): Promise<void> {
  await sql`delete from intervention_search where rowid = ${r.rid}`.execute(ctx.db);
  if (r.deleted_at == null) {
    const [number, client, phone, notes] = searchValues(r);
    await sql`insert into intervention_search(rowid, number, client, phone, notes) values (${r.rid}, ${number}, ${client}, ${phone}, ${notes})`.execute(ctx.db);
  }
  ctx.afterCommit(() => interventionIndex(ctx).apply({ ...r, rowid: r.rid }));
}

/** A document written by a pulled change (another branch's): its search entry and index place follow, as for a local save. */
export async function reindexPulled(ctx: Ctx, id: string): Promise<void> {
  const { rid, ...row } = await ctx.db.selectFrom('intervention').selectAll().select(sql<number>`rowid`.as('rid')).where('id', '=', id).executeTakeFirstOrThrow();
  await reindex(ctx, { ...row, rid });
}
