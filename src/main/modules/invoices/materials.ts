import { sql, type Selectable } from 'kysely';
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

/** A material of a task on an approved invoice is part of a document and no longer changes. */
async function invoicedTask(ctx: Ctx, taskId: string): Promise<boolean> {
  const row = await sql<{ n: number }>`select count(*) as n from invoice i, json_each(i.task_ids) j
    where j.value = ${taskId} and i.org_id = ${me(ctx).orgId} and i.status <> 'draft' and i.deleted_at is null`.execute(ctx.db);
  return (row.rows[0]?.n ?? 0) > 0;
}

export async function listMaterials(ctx: Ctx, taskId: string): Promise<MaterialOut[]> {
  const task = await loadInScope(ctx.db, me(ctx), 'task', taskId, { key: 'task_not_found', field: 'taskId' });
  const rows = await ctx.db.selectFrom('task_material').selectAll().where('task_id', '=', task.id).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  const done = await invoicedTask(ctx, task.id);
  return rows.map((r) => toOut(r, done));
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
  if (await invoicedTask(ctx, before.task_id)) throw fail.conflict('material_invoiced', 'id');
  return toOut(await materialRows.in(ctx).update(before, values, { expect: input.version ?? before.version }), false);
}

export async function removeMaterial(ctx: Ctx, id: string): Promise<void> {
  const before = await materialRows.in(ctx).load(id, { key: 'material_not_found', field: 'id' });
  if (await invoicedTask(ctx, before.task_id)) throw fail.conflict('material_invoiced', 'id');
  await materialRows.in(ctx).remove(before);
}

