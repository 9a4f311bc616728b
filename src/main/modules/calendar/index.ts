import { defineModule } from '../../api/module';
import { scheduleHandlers } from './schedule/handlers';
import { visitsHandlers } from './visits/handlers';

/** The clinic's calendar: working hours and services (`schedule/`), visits booked by slot (`visits/`). */
export const calendarModule = defineModule({ name: 'calendar', handlers: { ...scheduleHandlers, ...visitsHandlers } });
export { setWeek } from './schedule/weeks';
export { createException } from './schedule/exceptions';
export { createService, serviceById, servicesOf } from './schedule/services';
export { workingSpansOf } from './schedule/working';
/** The demo (and any module) books through the same checks as the clerk. */
export { bookVisit } from './visits/book';
/** The reminder calls colour the event (grey, green, red, orange) through here; open calendars recolour live. */
export { setVisitReminder } from './visits/status';
/** The demo marks its past visits as the front desk would have: arrival, no-show, cancellation, payment. */
export { addPayment, cancelVisit, setAttendance } from './visits/status';
