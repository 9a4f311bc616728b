import { defineModule } from '../../api/module';
import type { Services } from '../../api/services';
import type { VisitHook } from './visits/hooks';
import { scheduleHandlers } from './schedule/handlers';
import { visitsHandlers } from './visits/handlers';
import { smsHandlers } from './sms/handlers';
import { VISIT_HOOKS, VisitHooks } from './visits/hooks';

/**
 * The clinic's calendar: working hours and services (`schedule/`), visits booked by slot (`visits/`), the client's
 * text message about a booking (`sms/`, through the mail outbox).
 */
export const calendarModule = defineModule({
  name: 'calendar',
  handlers: { ...scheduleHandlers, ...visitsHandlers, ...smsHandlers },
  start(host) {
    host.services.provide(VISIT_HOOKS, new VisitHooks());
  },
});
export { setWeek } from './schedule/weeks';
export { createException } from './schedule/exceptions';
export { createService, serviceById, servicesOf } from './schedule/services';
/** Working time of a branch's employees (reports set booked time against it). */
export { workingSpansOf } from './schedule/working';
/** The demo (and any module) books through the same checks as the clerk. */
export { bookVisit } from './visits/book';
/** The reminder calls colour the event (grey, green, red, orange) through here; open calendars recolour live. */
export { setVisitReminder } from './visits/status';
/** The demo marks its past visits as the front desk would have: arrival, no-show, cancellation, payment. */
export { addPayment, cancelVisit, setAttendance } from './visits/status';
/**
 * Another module's work when a visit is booked, moved, cancelled, deleted or marked (the reminder calls re-plan), run
 * inside the visit's write transaction. Registered at the listener's start; returns the unregister.
 */
export function onVisitWritten(services: Services, hook: VisitHook): () => void {
  return services.get(VISIT_HOOKS).add(hook);
}
export type { VisitChange, VisitHook } from './visits/hooks';
/** A visit as the caller may see it (an employee only their own): "not found" otherwise. */
export { loadVisit, type VisitRow } from './visits/read';
/** The ASAP clients who fit a freed slot, best first (the reminder's "2" offers the slot at once). */
export { asapOffers } from './visits/asap';
/** A number that can receive a text message (the reminder's SMS channel). */
export { isMobile } from './sms/visitSms';
