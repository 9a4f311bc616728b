import { defineModule } from '../../api/module';
import { onVisitWritten } from '../calendar';
import { remindersHandlers } from './handlers';
import { planVisit } from './plan';

/**
 * Reminder calls (issue 10): the policy and trunk (`settings.ts`, `policy.ts`), each visit's reminders planned when it
 * is booked, moved or cancelled (`plan.ts`, through the calendar's visit hook), the visit card's view (`visit.ts`),
 * the monthly usage (`usage.ts`).
 */
export const remindersModule = defineModule({
  name: 'reminders',
  handlers: remindersHandlers,
  start(host) {
    const off = onVisitWritten(host.services, (ctx, visitId, change) => planVisit(ctx, visitId, change, () => Promise.resolve([])));
    return { stop: off };
  },
});
