import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';
import { createException, deleteException, listExceptions, updateException } from './exceptions';
import { createService, deleteService, servicesOf, updateService } from './services';
import { branchStaff } from './staff';
import { listWeeks, setWeek } from './weeks';
import { branchZone, workingSpansOf } from './working';

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
  async 'schedule.weeks'(input, ctx) {
    return listWeeks(ctx, input.branchId);
  },
  async 'schedule.setWeek'(input, ctx) {
    return setWeek(ctx, input);
  },
  async 'schedule.exceptions'(input, ctx) {
    if (input.to < input.from) throw fail.validation('schedule_range_order', 'to');
    return listExceptions(ctx, input);
  },
  async 'schedule.createException'(input, ctx) {
    return createException(ctx, input);
  },
  async 'schedule.updateException'(input, ctx) {
    return updateException(ctx, input);
  },
  async 'schedule.deleteException'(input, ctx) {
    await deleteException(ctx, input.id);
    return { ok: true as const };
  },
  async 'schedule.working'(input, ctx) {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (to <= from) throw fail.validation('schedule_range_order', 'to');
    if (to - from > MAX_RANGE_DAYS * 86_400_000) throw fail.validation('schedule_range_too_long', 'to', { days: MAX_RANGE_DAYS });
    await branchZone(ctx, input.branchId);
    // Only people who work in the branch, whoever is asked for: an employee gets their own hours alone.
    const staff = new Set((await branchStaff(ctx, input.branchId)).map((u) => u.id));
    const userIds = input.userIds ? input.userIds.filter((u) => staff.has(u)) : [...staff];
    const spans = await workingSpansOf(ctx, { branchId: input.branchId, userIds, from: input.from, to: input.to });
    return [...spans].map(([userId, list]) => ({ userId, spans: list }));
  },
  async 'services.list'(input, ctx) {
    if (input.branchId) await branchZone(ctx, input.branchId);
    return servicesOf(ctx, input.branchId, { includeInactive: input.includeInactive ?? false });
  },
  async 'services.create'(input, ctx) {
    return createService(ctx, input);
  },
  async 'services.update'(input, ctx) {
    return updateService(ctx, input);
  },
  async 'services.delete'(input, ctx) {
    await deleteService(ctx, input.id);
    return { ok: true as const };
  },
};
