import type { HandlersFor } from '../../api/context';
import { allocateMany, calendarEvents, decide, deleteView, distributeWaiting, listApprovals, listViews, reschedule, saveView, setFavorite } from './flow';
import { readSettings, writeSettings } from './settings';

type Names =
  | 'interventions.settings'
  | 'interventions.setSettings'
  | 'interventions.allocateMany'
  | 'interventions.distribute'
  | 'interventions.calendar'
  | 'interventions.reschedule'
  | 'interventions.approvals'
  | 'interventions.decide'
  | 'views.list'
  | 'views.save'
  | 'views.setFavorite'
  | 'views.delete';

export const interventionsFlowHandlers: HandlersFor<Names> = {
  async 'interventions.settings'(_input, ctx) {
    return readSettings(ctx);
  },
  async 'interventions.setSettings'(input, ctx) {
    return writeSettings(ctx, input);
  },
  async 'interventions.allocateMany'(input, ctx) {
    return { updated: await allocateMany(ctx, input) };
  },
  async 'interventions.distribute'(input, ctx) {
    return { assignments: await distributeWaiting(ctx, input.personIds, input.branchId) };
  },
  async 'interventions.calendar'(input, ctx) {
    return calendarEvents(ctx, input);
  },
  async 'interventions.reschedule'(input, ctx) {
    return reschedule(ctx, input);
  },
  async 'interventions.approvals'(_input, ctx) {
    return listApprovals(ctx);
  },
  async 'interventions.decide'(input, ctx) {
    await decide(ctx, input.approvalId, input.approve);
    return { ok: true as const };
  },
  async 'views.list'(input, ctx) {
    return listViews(ctx, input.module);
  },
  async 'views.save'(input, ctx) {
    return saveView(ctx, input);
  },
  async 'views.setFavorite'(input, ctx) {
    return setFavorite(ctx, input.id, input.favorite);
  },
  async 'views.delete'(input, ctx) {
    await deleteView(ctx, input.id);
    return { ok: true as const };
  },
};
