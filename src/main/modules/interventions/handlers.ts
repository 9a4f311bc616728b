import { me, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { gridOrder, gridSourceOf, interventionTotals } from './gridSource';
import { addNote, setNotePublic } from './notes';
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
import { assertWritable, readSettings } from './settings';

type Names =
  | 'interventions.list'
  | 'interventions.count'
  | 'interventions.groups'
  | 'interventions.totals'
  | 'interventions.get'
  | 'interventions.create'
  | 'interventions.update'
  | 'interventions.confirm'
  | 'interventions.finalize'
  | 'interventions.cancel'
  | 'interventions.validate'
  | 'interventions.delete'
  | 'interventions.addNote'
  | 'interventions.setNotePublic'
  | 'interventions.uploadChunk';

export const interventionsHandlers: HandlersFor<Names> = {
  async 'interventions.list'(input, ctx) {
    return { rows: await gridSourceOf(ctx).page(input.scope, gridOrder(input), input.offset, input.limit) };
  },
  async 'interventions.count'(input, ctx) {
    const source = gridSourceOf(ctx);
    const total = await source.count(input.scope, input.sort ? gridOrder(input) : undefined);
    if (!input.first) return { total };
    return { total, rows: total ? await source.page(input.scope, gridOrder(input), 0, Math.min(input.first, total)) : [] };
  },
  async 'interventions.groups'(input, ctx) {
    if (!input.scope.groupBy?.length) throw fail.validation('group_levels_missing', 'scope.groupBy');
    return gridSourceOf(ctx).groups(input.scope);
  },
  async 'interventions.totals'(input, ctx) {
    return interventionTotals(ctx, input.scope);
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
  async 'interventions.setNotePublic'(input, ctx) {
    const row = await loadRow(ctx, input.id);
    return setNotePublic(ctx, row, input.noteId, input.public);
  },
  async 'interventions.uploadChunk'(input, ctx) {
    // Refused before the first byte rather than after the last: the line that would take the file is refused anyway.
    await assertWritable(ctx, 'attachment');
    return uploadsOf(ctx.config, ctx.clock).put(me(ctx).id, input.uploadId, input.offset, Buffer.from(input.data, 'base64'));
  },
};
