import type { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { TaskTypeSettings, taskTypeSettingsInput } from '../../../shared/api/taskChecklist';
import { foldKey } from '../../../shared/rules/text';
import { templateRows } from './checklist';
import { taskTypeRows } from './tables';

type Input = z.output<typeof taskTypeSettingsInput>;

/** Every type of the organization with its rate and template, in name order (inactive ones too: they can come back). */
export async function listTypeSettings(ctx: Ctx): Promise<TaskTypeSettings[]> {
  const orgId = me(ctx).orgId;
  const types = await ctx.db.selectFrom('task_type').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).orderBy('name_key').execute();
  const items = await ctx.db.selectFrom('task_type_check_item').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).orderBy('type_id').orderBy('position').execute();
  return types.map((t) => ({
    id: t.id,
    version: t.version,
    name: t.name,
    active: t.active === 1,
    hourlyRateMinor: t.hourly_rate_minor,
    items: items.filter((i) => i.type_id === t.id).map((i) => ({ id: i.id, text: i.text, required: i.required === 1 })),
  }));
}

/**
 * A type with its rate and checklist template, saved together: items keep their ids (and history) when kept, new ones
 * are added, left-out ones removed, and the order given is the order tasks will get. Tasks already carrying a copy
 * keep theirs: the work they record does not change with the template.
 */
export async function saveTypeSettings(ctx: Ctx, input: Input): Promise<TaskTypeSettings> {
  const orgId = me(ctx).orgId;
  const values = { name: input.name, name_key: foldKey(input.name), active: input.active ? 1 : 0, hourly_rate_minor: input.hourlyRateMinor };
  const clash = await ctx.db
    .selectFrom('task_type')
    .select('id')
    .where('org_id', '=', orgId)
    .where('name_key', '=', values.name_key)
    .where('deleted_at', 'is', null)
    .where('id', '!=', input.id ?? '')
    .executeTakeFirst();
  if (clash) throw fail.conflict('task_type_taken', 'name');
  const types = taskTypeRows.in(ctx);
  const before = input.id ? await types.load(input.id, { key: 'task_type_not_found', field: 'id' }) : null;
  const type = before ? await types.update(before, values, { expect: input.version }) : await types.insert(values);

  const rows = templateRows.in(ctx);
  const existing = await ctx.db.selectFrom('task_type_check_item').selectAll().where('type_id', '=', type.id).where('deleted_at', 'is', null).execute();
  const byId = new Map(existing.map((e) => [e.id, e]));
  const kept = new Set<string>();
  for (const [position, item] of input.items.entries()) {
    const values = { text: item.text, required: item.required ? 1 : 0, position };
    const old = item.id ? byId.get(item.id) : undefined;
    if (item.id && !old) throw fail.notFound('task_check_item_not_found', `items.${position}.id`);
    if (old && kept.has(old.id)) throw fail.validation('task_check_item_twice', `items.${position}.id`);
    if (old) {
      kept.add(old.id);
      if (old.text !== values.text || old.required !== values.required || old.position !== position) await rows.update(old, values);
    } else await rows.insert({ type_id: type.id, ...values });
  }
  for (const old of existing) if (!kept.has(old.id)) await rows.remove(old);
  return (await listTypeSettings(ctx)).find((t) => t.id === type.id)!;
}
