import type { Selectable } from 'kysely';
import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import type { AnnexTemplateTable } from '../../../db/schema';
import type { AnnexTemplate, AnnexTemplateRow } from '../../../../shared/api/annexForms';
import { loadInScope } from '../../../api/scope';
import { checkTemplate } from './language';
import { annexTemplateRows } from './tables';

export interface TemplateInput {
  name: string;
  typeId?: string | null;
  body: string;
}

function listed(ctx: Ctx) {
  return ctx.db
    .selectFrom('annex_template as a')
    .leftJoin('nomenclature as t', 't.id', 'a.type_id')
    .select(['a.id', 'a.name', 'a.type_id', 'a.body', 'a.version', 'a.updated_at', 't.name as type'])
    .where('a.org_id', '=', me(ctx).orgId)
    .where('a.deleted_at', 'is', null);
}
type Listed = Awaited<ReturnType<ReturnType<typeof listed>['executeTakeFirstOrThrow']>>;

const toRow = (r: Listed): AnnexTemplateRow => ({ id: r.id, name: r.name, typeId: r.type_id, type: r.type ?? null, version: r.version, updatedAt: r.updated_at });

/** Every template by name; with a document, only those for its type and those for every type. */
export async function listTemplates(ctx: Ctx, interventionId?: string | null): Promise<AnnexTemplateRow[]> {
  let q = listed(ctx).orderBy('a.name');
  if (interventionId) {
    const doc = await loadInScope(ctx.db, me(ctx), 'intervention', interventionId, { key: 'intervention_not_found', field: 'interventionId' });
    q = q.where((eb) => (doc.type_id ? eb.or([eb('a.type_id', 'is', null), eb('a.type_id', '=', doc.type_id)]) : eb('a.type_id', 'is', null)));
  }
  return (await q.execute()).map(toRow);
}

export async function getTemplate(ctx: Ctx, id: string, field = 'id'): Promise<AnnexTemplate> {
  const r = await listed(ctx).where('a.id', '=', id).executeTakeFirst();
  if (!r) throw fail.notFound('annex_template_not_found', field);
  return { ...toRow(r), body: r.body };
}

/** An intervention type of the organization (a live one), or a refusal at `typeId`. */
async function checkType(ctx: Ctx, typeId: string | null | undefined): Promise<string | null> {
  if (!typeId) return null;
  const t = await ctx.db
    .selectFrom('nomenclature')
    .select('id')
    .where('id', '=', typeId)
    .where('org_id', '=', me(ctx).orgId)
    .where('kind', '=', 'intervention_type')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!t) throw fail.notFound('nomenclature_not_found', 'typeId');
  return t.id;
}

/** Names are how a file's templates find the ones already here, so two may not share one (case aside). */
export async function templateNamed(ctx: Ctx, name: string): Promise<Selectable<AnnexTemplateTable> | undefined> {
  return ctx.db
    .selectFrom('annex_template')
    .selectAll()
    .where('org_id', '=', me(ctx).orgId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

async function checkName(ctx: Ctx, name: string, exceptId: string | null): Promise<void> {
  const other = await templateNamed(ctx, name);
  if (other && other.id !== exceptId) throw fail.conflict('annex_name_taken', 'name', { name });
}

export async function createTemplate(ctx: Ctx, input: TemplateInput): Promise<AnnexTemplate> {
  checkTemplate(input.body);
  await checkName(ctx, input.name, null);
  const row = await annexTemplateRows.in(ctx).insert({ name: input.name, type_id: await checkType(ctx, input.typeId), body: input.body });
  return getTemplate(ctx, row.id);
}

export async function updateTemplate(ctx: Ctx, input: TemplateInput & { id: string; version: number }): Promise<AnnexTemplate> {
  const rows = annexTemplateRows.in(ctx);
  const before = await rows.load(input.id, { key: 'annex_template_not_found', field: 'id' });
  checkTemplate(input.body);
  await checkName(ctx, input.name, before.id);
  await rows.update(before, { name: input.name, type_id: await checkType(ctx, input.typeId), body: input.body }, { expect: input.version });
  return getTemplate(ctx, before.id);
}

export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  const rows = annexTemplateRows.in(ctx);
  await rows.remove(await rows.load(id, { key: 'annex_template_not_found', field: 'id' }));
}
