import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';
import { servicesOf } from './services';
import { branchStaff } from './staff';
import { branchZone, workingSpansOf } from './working';

// NOT BUILT YET: the schedule engineer replaces every handler here.
const notYet = async (): Promise<never> => {
  throw fail.notFound('schedule');
};

/** The longest range one call turns into spans: a month view with the weeks around it. */
const MAX_RANGE_DAYS = 62;

export const scheduleHandlers: HandlersFor<
  | 'schedule.weeks'
  | 'schedule.setWeek'
  | 'schedule.exceptions'
  | 'schedule.createException'
  | 'schedule.updateException'
  | 'schedule.deleteException'
  | 'schedule.working'
  | 'services.list'
  | 'services.create'
  | 'services.update'
  | 'services.delete'
> = {
  'schedule.weeks': notYet,
  'schedule.setWeek': notYet,
  'schedule.exceptions': notYet,
  'schedule.createException': notYet,
  'schedule.updateException': notYet,
  'schedule.deleteException': notYet,
  async 'schedule.working'(input, ctx) {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (to <= from) throw fail.validation('schedule_range_order', 'to');
    if (to - from > MAX_RANGE_DAYS * 86_400_000) throw fail.validation('schedule_range_too_long', 'to', { days: MAX_RANGE_DAYS });
    await branchZone(ctx, input.branchId);
    const userIds = input.userIds ?? (await branchStaff(ctx, input.branchId)).map((u) => u.id);
    const spans = await workingSpansOf(ctx, { branchId: input.branchId, userIds, from: input.from, to: input.to });
    return [...spans].map(([userId, list]) => ({ userId, spans: list }));
  },
  async 'services.list'(input, ctx) {
    if (input.branchId) await branchZone(ctx, input.branchId);
    return servicesOf(ctx, input.branchId, { includeInactive: input.includeInactive ?? false });
  },
  'services.create': notYet,
  'services.update': notYet,
  'services.delete': notYet,
};
