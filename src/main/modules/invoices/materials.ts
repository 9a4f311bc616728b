import type { Selectable } from 'kysely';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { loadInScope } from '../../api/scope';
import type { TaskMaterialTable } from '../../db/schema';
import { materialRows } from './tables';

type Material = Selectable<TaskMaterialTable>;

export interface MaterialOut {
  id: string;
  version: number;
  taskId: string;
  productId: string | null;
  name: string;
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  vatBp: number | null;
  invoiced: boolean;
}

function toOut(m: Material, invoiced: boolean): MaterialOut {
  return { id: m.id, version: m.version, taskId: m.task_id, productId: m.product_id, name: m.name, quantityMilli: m.quantity_milli, unit: m.unit, unitPriceMinor: m.unit_price_minor, vatBp: m.vat_bp, invoiced };
}

/** On an approved invoice: the material is part of a document and no longer changes. */
async function invoicedIds(ctx: Ctx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db
    .selectFrom('invoice_line as l')
    .innerJoin('invoice as i', 'i.id', 'l.invoice_id')
    .select('l.material_id')
    .where('l.material_id', 'in', ids)
    .where('l.deleted_at', 'is', null)
    .where('i.deleted_at', 'is', null)
    .where('i.status', '<>', 'draft')
    .execute();
  return new Set(rows.map((r) => r.material_id!));
}

export async function listMaterials(ctx: Ctx, taskId: string): Promise<MaterialOut[]> {
  const task = await loadInScope(ctx.db, me(ctx), 'task', taskId, { key: 'task_not_found', field: 'taskId' });
  const rows = await ctx.db.selectFrom('task_material').selectAll().where('task_id', '=', task.id).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  const done = await invoicedIds(ctx, rows.map((r) => r.id));
  return rows.map((r) => toOut(r, done.has(r.id)));
}

export interface MaterialInput {
  id?: string | null;
  version?: number;
  taskId: string;
  productId?: string | null;
  name: string;
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  vatBp?: number | null;
}

export async function saveMaterial(ctx: Ctx, input: MaterialInput): Promise<MaterialOut> {
  const user = me(ctx);
  const task = await loadInScope(ctx.db, user, 'task', input.taskId, { key: 'task_not_found', field: 'taskId' });
  if (input.productId) {
    const product = await ctx.db.selectFrom('product').select('id').where('id', '=', input.productId).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!product) throw fail.notFound('product_not_found', 'productId');
  }
  const values = { task_id: task.id, product_id: input.productId ?? null, name: input.name, quantity_milli: input.quantityMilli, unit: input.unit, unit_price_minor: input.unitPriceMinor, vat_bp: input.vatBp ?? null };
  if (!input.id) return toOut(await materialRows.in(ctx).insert({ ...values, branch_id: task.branch_id }), false);
  const before = await materialRows.in(ctx).load(input.id, { key: 'material_not_found', field: 'id' });
  if (before.task_id !== task.id) throw fail.notFound('material_not_found', 'id');
  if ((await invoicedIds(ctx, [before.id])).size) throw fail.conflict('material_invoiced', 'id');
  return toOut(await materialRows.in(ctx).update(before, values, { expect: input.version ?? before.version }), false);
}

export async function removeMaterial(ctx: Ctx, id: string): Promise<void> {
  const before = await materialRows.in(ctx).load(id, { key: 'material_not_found', field: 'id' });
  if ((await invoicedIds(ctx, [before.id])).size) throw fail.conflict('material_invoiced', 'id');
  await materialRows.in(ctx).remove(before);
}

