import { defineModule } from '../../api/module';
import { scheduleHandlers } from './schedule/handlers';
import { visitsHandlers } from './visits/handlers';

/** The clinic's calendar: working hours and services (`schedule/`), visits booked by slot (`visits/`). */
export const calendarModule = defineModule({ name: 'calendar', handlers: { ...scheduleHandlers, ...visitsHandlers } });
/** The demo (and any module) books through the same checks as the clerk. */
export { bookVisit } from './visits/book';
