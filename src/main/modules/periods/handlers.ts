import type { HandlersFor } from '../../api/context';
import { listPeriods, setLocked } from './service';

export const periodsHandlers: HandlersFor<'periods.list' | 'periods.lock' | 'periods.unlock'> = {
  async 'periods.list'(input, ctx) {
    return listPeriods(ctx, input.year);
  },
  async 'periods.lock'(input, ctx) {
    await setLocked(ctx, input.month, true);
    return { ok: true as const };
  },
  async 'periods.unlock'(input, ctx) {
    await setLocked(ctx, input.month, false);
    return { ok: true as const };
  },
};
