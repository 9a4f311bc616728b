import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { isClientBound, type NomenclatureKind, type NomenclatureRow, type ProductRow } from '../../../shared/api/nomenclature';
import { foldKey } from '../../../shared/rules/text';
import { syncedRows } from '../../api/funnel';
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

// Reference lists are audited under the interventions module, whose documents use them.
const nomenclatureRows = syncedRows({
  table: 'nomenclature',
  module: 'interventions',
  summary: summaryOf,
  snapshot: (r) => ({ kind: r.kind, code: r.code, name: r.name, clientId: r.client_id, active: r.active === 1 }),
  announce: (ctx, w) => ctx.emit('nomenclature.changed', { kind: w.after.kind as NomenclatureKind, ids: [w.after.id] }),
});

const productRows = syncedRows({
  table: 'product',
  module: 'interventions',
  summary: summaryOf,
  snapshot: (r) => ({ code: r.code, name: r.name, isSystem: r.is_system === 1, active: r.active === 1 }),
  announce: (ctx, w) => ctx.emit('nomenclature.changed', { kind: 'product', ids: [w.after.id] }),
});

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
  const { id } = await nomenclatureRows.in(ctx).insert({ kind: input.kind, code, name: input.name, name_key: foldKey(input.name), client_id: clientId, active: 1 });
  return (await loadNomenclature(ctx.db, orgId, id))!;
}

export async function updateNomenclature(
  ctx: Ctx,
  input: { id: string; version: number; code?: string | null; name: string; active: boolean; clientId?: string | null },
): Promise<NomenclatureRow> {
  const orgId = me(ctx).orgId;
  const rows = nomenclatureRows.in(ctx);
  const before = await rows.load(input.id, { key: 'nomenclature_not_found', field: 'id' });
  if (before.version !== input.version) throw fail.conflict('stale', 'version');
  const kind = before.kind as NomenclatureKind;
  const code = cleanCode(input.code);
  const clientId = await checkClient(ctx, kind, input.clientId);
  await checkNomenclatureCode(ctx, kind, code, before.id);
  // A contract already on another client's interventions cannot change hands: those documents would point at someone else's contract.
  if (clientId && clientId !== before.client_id) {
    const n = await usesByOtherClients(ctx.db, orgId, kind, before.id, clientId);
    if (n) throw fail.conflict('nomenclature_client_in_use', 'clientId', { count: n });
  }
  await rows.update(before, { code, name: input.name, name_key: foldKey(input.name), client_id: clientId, active: input.active ? 1 : 0 });
  return (await loadNomenclature(ctx.db, orgId, before.id))!;
}

export async function deleteNomenclature(ctx: Ctx, id: string): Promise<void> {
  const orgId = me(ctx).orgId;
  const rows = nomenclatureRows.in(ctx);
  const before = await rows.load(id, { key: 'nomenclature_not_found', field: 'id' });
  const kind = before.kind as NomenclatureKind;
  const uses = await nomenclatureUses(ctx.db, orgId, kind, before.id);
  if (uses) throw fail.conflict(kind === 'visit_source' ? 'visit_source_in_use' : 'nomenclature_in_use', 'id', { count: uses });
  await rows.remove(before);
}

// ---- products ----

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
  const { id } = await productRows.in(ctx).insert({ code, name: input.name, name_key: foldKey(input.name), is_system: input.isSystem ? 1 : 0, active: 1 });
  return (await loadProduct(ctx.db, orgId, id))!;
}

export async function updateProduct(
  ctx: Ctx,
  input: { id: string; version: number; code?: string | null; name: string; isSystem: boolean; active: boolean },
): Promise<ProductRow> {
  const orgId = me(ctx).orgId;
  const rows = productRows.in(ctx);
  const before = await rows.load(input.id, { key: 'product_not_found', field: 'id' });
  const code = cleanCode(input.code);
  await checkProductCode(ctx, code, before.id);
  await rows.update(before, { code, name: input.name, name_key: foldKey(input.name), is_system: input.isSystem ? 1 : 0, active: input.active ? 1 : 0 }, { expect: input.version });
  return (await loadProduct(ctx.db, orgId, before.id))!;
}

export async function deleteProduct(ctx: Ctx, id: string): Promise<void> {
  const orgId = me(ctx).orgId;
  const rows = productRows.in(ctx);
  const before = await rows.load(id, { key: 'product_not_found', field: 'id' });
  const uses = await productUses(ctx.db, orgId, before.id);
  if (uses) throw fail.conflict('product_in_use', 'id', { count: uses });
  await rows.remove(before);
}
