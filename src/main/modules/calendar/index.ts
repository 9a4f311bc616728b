import { defineModule } from '../../api/module';
import { scheduleHandlers } from './schedule/handlers';
import { visitsHandlers } from './visits/handlers';

/** The clinic's calendar: working hours and services (`schedule/`), visits booked by slot (`visits/`). */
export const calendarModule = defineModule({ name: 'calendar', handlers: { ...scheduleHandlers, ...visitsHandlers } });
export { setWeek } from './schedule/weeks';
export { createException } from './schedule/exceptions';
export { createService, serviceById, servicesOf } from './schedule/services';
export { workingSpansOf } from './schedule/working';
