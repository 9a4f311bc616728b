import { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { taskType, taskTypeInput } from '../../../shared/api/tasks';
import { foldKey } from '../../../shared/rules/text';
import { taskTypeRows } from './tables';

type TaskType = z.infer<typeof taskType>;

export async function listTypes(ctx: Ctx): Promise<TaskType[]> {
  const rows = await ctx.db.selectFrom('task_type').selectAll().where('org_id', '=', me(ctx).orgId).where('deleted_at', 'is', null).orderBy('name_key').execute();
  return rows.map((r) => ({ id: r.id, version: r.version, name: r.name, active: r.active === 1 }));
}

/** A type is never deleted (old tasks name it): it is made inactive and leaves the form's list. */
export async function saveType(ctx: Ctx, input: z.output<typeof taskTypeInput>): Promise<TaskType> {
  const values = { name: input.name, name_key: foldKey(input.name), active: input.active ? 1 : 0 };
  const clash = await ctx.db
    .selectFrom('task_type')
    .select('id')
    .where('org_id', '=', me(ctx).orgId)
    .where('name_key', '=', values.name_key)
    .where('deleted_at', 'is', null)
    .where('id', '!=', input.id ?? '')
    .executeTakeFirst();
  if (clash) throw fail.conflict('task_type_taken', 'name');
  const rows = taskTypeRows.in(ctx);
  let row;
  if (input.id) {
    const before = await rows.load(input.id, { key: 'task_type_not_found', field: 'id' });
    row = await rows.update(before, values, { expect: input.version });
  } else row = await rows.insert(values);
  return { id: row.id, version: row.version, name: row.name, active: row.active === 1 };
}
