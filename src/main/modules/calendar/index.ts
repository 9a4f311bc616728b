import { defineModule } from '../../api/module';
import { scheduleHandlers } from './schedule/handlers';
import { visitsHandlers } from './visits/handlers';
import { smsHandlers } from './sms/handlers';

/**
 * The clinic's calendar: working hours and services (`schedule/`), visits booked by slot (`visits/`), the client's
 * text message about a booking (`sms/`, through the mail outbox).
 */
export const calendarModule = defineModule({ name: 'calendar', handlers: { ...scheduleHandlers, ...visitsHandlers, ...smsHandlers } });
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
