import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';
import { deleteView, listViews, saveView } from '../../interventions';
import { taskGridOf, taskGridOrder } from './source';

type Names = 'tasks.grid.list' | 'tasks.grid.count' | 'tasks.grid.groups' | 'tasks.views.list' | 'tasks.views.save' | 'tasks.views.delete';

/** The tasks grid's reads and its saved views (kept beside the interventions' ones, per module). */
export const taskGridHandlers: HandlersFor<Names> = {
  async 'tasks.grid.list'(input, ctx) {
    return { rows: await (await taskGridOf(ctx)).page(input.scope, taskGridOrder(input), input.offset, input.limit) };
  },
  async 'tasks.grid.count'(input, ctx) {
    return { total: await (await taskGridOf(ctx)).count(input.scope) };
  },
  async 'tasks.grid.groups'(input, ctx) {
    if (!input.scope.groupBy?.length) throw fail.validation('group_levels_missing', 'scope.groupBy');
    return (await taskGridOf(ctx)).groups(input.scope);
  },
  'tasks.views.list': (_input, ctx) => listViews(ctx, 'tasks'),
  'tasks.views.save': (input, ctx) => saveView(ctx, { ...input, kind: input.kind ?? 'view', module: 'tasks' }),
  async 'tasks.views.delete'(input, ctx) {
    await deleteView(ctx, input.id, 'tasks');
    return { ok: true as const };
  },
};
