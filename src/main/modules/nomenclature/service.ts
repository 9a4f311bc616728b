import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { isoNow } from '../../clock';
import { createdStamps, newId } from '../../db/ids';
import { isClientBound, type NomenclatureKind, type NomenclatureRow, type ProductRow } from '../../../shared/api/nomenclature';
import { foldKey } from '../../../shared/rules/text';
import { recordAudit } from '../audit';
import { getClient } from '../clients';
import {
  loadNomenclature,
  loadProduct,
  nomenclatureCodeOwner,
  nomenclatureUses,
  productCodeOwner,
  productUses,
  usesByOtherClients,
} from './repo';

/** Blank is "no code"; codes are kept as typed otherwise, compared case aside. */
function cleanCode(code: string | null | undefined): string | null {
  const c = code?.trim();
  return c ? c : null;
}

/** Contracts and estimates must name a live client of the organization; the other kinds must not name one. */
async function checkClient(ctx: Ctx, kind: NomenclatureKind, clientId: string | null | undefined): Promise<string | null> {
  if (!isClientBound(kind)) {
    if (clientId) throw fail.validation('nomenclature_client_not_allowed', 'clientId');
    return null;
  }
  if (!clientId) throw fail.validation('nomenclature_client_required', 'clientId');
  return (await getClient(ctx, clientId, 'clientId')).id;
}

async function checkNomenclatureCode(ctx: Ctx, kind: NomenclatureKind, code: string | null, exceptId: string | null): Promise<void> {
  if (code && (await nomenclatureCodeOwner(ctx.db, me(ctx).orgId, kind, code, exceptId))) throw fail.conflict('nomenclature_code_taken', 'code', { code });
}

function summaryOf(r: { code: string | null; name: string }): string {
  return r.code ? `${r.code} ${r.name}` : r.name;
}

function nomenclatureSnapshot(r: NomenclatureRow): Record<string, unknown> {
  return { kind: r.kind, code: r.code, name: r.name, clientId: r.clientId, active: r.active };
}

export async function getNomenclature(ctx: Ctx, id: string): Promise<NomenclatureRow> {
  const row = await loadNomenclature(ctx.db, me(ctx).orgId, id);
  if (!row) throw fail.notFound('nomenclature_not_found', 'id');
  return row;
}

export async function createNomenclature(
  ctx: Ctx,
  input: { kind: NomenclatureKind; code?: string | null; name: string; clientId?: string | null },
): Promise<NomenclatureRow> {
  const orgId = me(ctx).orgId;
  const code = cleanCode(input.code);
  const clientId = await checkClient(ctx, input.kind, input.clientId);
  await checkNomenclatureCode(ctx, input.kind, code, null);
  const id = newId(ctx.clock);
  await ctx.db
    .insertInto('nomenclature')
    .values({ id, org_id: orgId, kind: input.kind, code, name: input.name, name_key: foldKey(input.name), client_id: clientId, active: 1, ...createdStamps(ctx.clock), deleted_at: null })
    .execute();
  const row = (await loadNomenclature(ctx.db, orgId, id))!;
  await recordAudit(ctx, { module: 'interventions', entity: 'nomenclature', entityId: id, action: 'create', summary: summaryOf(row), after: nomenclatureSnapshot(row) });
  ctx.emit('nomenclature.changed', { kind: row.kind, ids: [id] });
  return row;
}

export async function updateNomenclature(
  ctx: Ctx,
  input: { id: string; version: number; code?: string | null; name: string; active: boolean; clientId?: string | null },
): Promise<NomenclatureRow> {
  const orgId = me(ctx).orgId;
  const before = await getNomenclature(ctx, input.id);
  if (before.version !== input.version) throw fail.conflict('stale', 'version');
  const code = cleanCode(input.code);
  const clientId = await checkClient(ctx, before.kind, input.clientId);
  await checkNomenclatureCode(ctx, before.kind, code, before.id);
  // A contract already on another client's interventions cannot change hands: those documents would point at someone else's contract.
  if (clientId && clientId !== before.clientId) {
    const n = await usesByOtherClients(ctx.db, orgId, before.kind, before.id, clientId);
    if (n) throw fail.conflict('nomenclature_client_in_use', 'clientId', { count: n });
  }
  await ctx.db
    .updateTable('nomenclature')
    .set({ code, name: input.name, name_key: foldKey(input.name), client_id: clientId, active: input.active ? 1 : 0, updated_at: isoNow(ctx.clock), version: before.version + 1 })
    .where('id', '=', before.id)
    .execute();
  const row = (await loadNomenclature(ctx.db, orgId, before.id))!;
  await recordAudit(ctx, {
    module: 'interventions',
    entity: 'nomenclature',
    entityId: row.id,
    action: 'update',
    summary: summaryOf(row),
    before: nomenclatureSnapshot(before),
    after: nomenclatureSnapshot(row),
  });
  ctx.emit('nomenclature.changed', { kind: row.kind, ids: [row.id] });
  return row;
}

export async function deleteNomenclature(ctx: Ctx, id: string): Promise<void> {
  const orgId = me(ctx).orgId;
  const before = await getNomenclature(ctx, id);
  const uses = await nomenclatureUses(ctx.db, orgId, before.kind, before.id);
  if (uses) throw fail.conflict('nomenclature_in_use', 'id', { count: uses });
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('nomenclature').set({ deleted_at: now, updated_at: now, version: before.version + 1 }).where('id', '=', before.id).execute();
  await recordAudit(ctx, { module: 'interventions', entity: 'nomenclature', entityId: before.id, action: 'delete', summary: summaryOf(before), before: nomenclatureSnapshot(before) });
  ctx.emit('nomenclature.changed', { kind: before.kind, ids: [before.id] });
}

// ---- products ----

function productSnapshot(r: ProductRow): Record<string, unknown> {
  return { code: r.code, name: r.name, isSystem: r.isSystem, active: r.active };
}

async function checkProductCode(ctx: Ctx, code: string | null, exceptId: string | null): Promise<void> {
  if (code && (await productCodeOwner(ctx.db, me(ctx).orgId, code, exceptId))) throw fail.conflict('product_code_taken', 'code', { code });
}

export async function getProduct(ctx: Ctx, id: string): Promise<ProductRow> {
  const row = await loadProduct(ctx.db, me(ctx).orgId, id);
  if (!row) throw fail.notFound('product_not_found', 'id');
  return row;
}

export async function createProduct(ctx: Ctx, input: { code?: string | null; name: string; isSystem: boolean }): Promise<ProductRow> {
  const orgId = me(ctx).orgId;
  const code = cleanCode(input.code);
  await checkProductCode(ctx, code, null);
  const id = newId(ctx.clock);
  await ctx.db
    .insertInto('product')
    .values({ id, org_id: orgId, code, name: input.name, name_key: foldKey(input.name), is_system: input.isSystem ? 1 : 0, active: 1, ...createdStamps(ctx.clock), deleted_at: null })
    .execute();
  const row = (await loadProduct(ctx.db, orgId, id))!;
  await recordAudit(ctx, { module: 'interventions', entity: 'product', entityId: id, action: 'create', summary: summaryOf(row), after: productSnapshot(row) });
  ctx.emit('nomenclature.changed', { kind: 'product', ids: [id] });
  return row;
}

export async function updateProduct(
  ctx: Ctx,
  input: { id: string; version: number; code?: string | null; name: string; isSystem: boolean; active: boolean },
): Promise<ProductRow> {
  const orgId = me(ctx).orgId;
  const before = await getProduct(ctx, input.id);
  if (before.version !== input.version) throw fail.conflict('stale', 'version');
  const code = cleanCode(input.code);
  await checkProductCode(ctx, code, before.id);
  await ctx.db
    .updateTable('product')
    .set({ code, name: input.name, name_key: foldKey(input.name), is_system: input.isSystem ? 1 : 0, active: input.active ? 1 : 0, updated_at: isoNow(ctx.clock), version: before.version + 1 })
    .where('id', '=', before.id)
    .execute();
  const row = (await loadProduct(ctx.db, orgId, before.id))!;
  await recordAudit(ctx, { module: 'interventions', entity: 'product', entityId: row.id, action: 'update', summary: summaryOf(row), before: productSnapshot(before), after: productSnapshot(row) });
  ctx.emit('nomenclature.changed', { kind: 'product', ids: [row.id] });
  return row;
}

export async function deleteProduct(ctx: Ctx, id: string): Promise<void> {
  const orgId = me(ctx).orgId;
  const before = await getProduct(ctx, id);
  const uses = await productUses(ctx.db, orgId, before.id);
  if (uses) throw fail.conflict('product_in_use', 'id', { count: uses });
  const now = isoNow(ctx.clock);
  await ctx.db.updateTable('product').set({ deleted_at: now, updated_at: now, version: before.version + 1 }).where('id', '=', before.id).execute();
  await recordAudit(ctx, { module: 'interventions', entity: 'product', entityId: before.id, action: 'delete', summary: summaryOf(before), before: productSnapshot(before) });
  ctx.emit('nomenclature.changed', { kind: 'product', ids: [before.id] });
}
