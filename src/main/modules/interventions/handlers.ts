import { me, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { countScope, groupsAt, listPage } from './listing';
import { addNote } from './notes';
import { uploadsOf } from './uploads';
import {
  cancelIntervention,
  confirmIntervention,
  createIntervention,
  deleteIntervention,
  finalizeIntervention,
  loadRow,
  toDetail,
  updateIntervention,
  validateIntervention,
} from './service';
import { readSettings } from './settings';
import { interventionIndex } from './gridIndex';

type Names =
  | 'interventions.list'
  | 'interventions.count'
  | 'interventions.groups'
  | 'interventions.get'
  | 'interventions.create'
  | 'interventions.update'
  | 'interventions.confirm'
  | 'interventions.finalize'
  | 'interventions.cancel'
  | 'interventions.validate'
  | 'interventions.delete'
  | 'interventions.addNote'
  | 'interventions.uploadChunk';

export const interventionsHandlers: HandlersFor<Names> = {
  async 'interventions.list'(input, ctx) {
    const settings = await readSettings(ctx);
    const rows = await listPage(ctx.db, me(ctx), {
      scope: input.scope,
      sort: input.sort ?? 'docDate',
      desc: input.desc ?? true,
      offset: input.offset,
      limit: input.limit,
      nowMs: ctx.clock.now(),
      warningHours: settings.warningHours,
    }, interventionIndex(ctx));
    return { rows };
  },
  async 'interventions.count'(input, ctx) {
    return { total: await countScope(ctx.db, me(ctx), input.scope, interventionIndex(ctx), input.sort ? { sort: input.sort, desc: input.desc ?? true } : undefined) };
  },
  async 'interventions.groups'(input, ctx) {
    if (!input.scope.groupBy?.length) throw fail.validation('group_levels_missing', 'scope.groupBy');
    return groupsAt(ctx.db, me(ctx), input.scope, interventionIndex(ctx));
  },
  async 'interventions.get'(input, ctx) {
    return toDetail(ctx, await loadRow(ctx, input.id));
  },
  async 'interventions.create'(input, ctx) {
    return createIntervention(ctx, input);
  },
  async 'interventions.update'(input, ctx) {
    const { id, version, ...fields } = input;
    return updateIntervention(ctx, id, version, fields);
  },
  async 'interventions.confirm'(input, ctx) {
    return confirmIntervention(ctx, input.id, input.version);
  },
  async 'interventions.finalize'(input, ctx) {
    return finalizeIntervention(ctx, input.id, input.version);
  },
  async 'interventions.cancel'(input, ctx) {
    return cancelIntervention(ctx, input.id, input.version, input.reason);
  },
  async 'interventions.validate'(input, ctx) {
    return validateIntervention(ctx, input.id, input.version);
  },
  async 'interventions.delete'(input, ctx) {
    await deleteIntervention(ctx, input.id);
    return { ok: true as const };
  },
  async 'interventions.addNote'(input, ctx) {
    const row = await loadRow(ctx, input.id);
    return addNote(ctx, row, input);
  },
  async 'interventions.uploadChunk'(input, ctx) {
    return uploadsOf(ctx.config, ctx.clock).put(me(ctx).id, input.uploadId, input.offset, Buffer.from(input.data, 'base64'));
  },
};
