import type { Ctx } from '../../../api/context';
import { serviceKey } from '../../../api/services';

/**
 * What another module does when a visit's time or life changes (the reminder calls re-plan), inside the same
 * transaction as the write, so a booking and its reminders commit together. Registered at start through the
 * calendar's face (`onVisitWritten`): the calendar knows no module that listens.
 */
export type VisitChange = 'booked' | 'moved' | 'cancelled' | 'deleted' | 'attendance';
export type VisitHook = (ctx: Ctx, visitId: string, change: VisitChange) => Promise<void>;

export class VisitHooks {
  private readonly hooks: VisitHook[] = [];
  add(hook: VisitHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }
  async run(ctx: Ctx, visitId: string, change: VisitChange): Promise<void> {
    for (const hook of this.hooks) await hook(ctx, visitId, change);
  }
}

export const VISIT_HOOKS = serviceKey<VisitHooks>('calendar.visitHooks');

export async function visitWritten(ctx: Ctx, visitId: string, change: VisitChange): Promise<void> {
  await ctx.services.get(VISIT_HOOKS).run(ctx, visitId, change);
}
