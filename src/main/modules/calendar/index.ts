import { defineModule } from '../../api/module';
import { scheduleHandlers } from './schedule/handlers';
import { visitsHandlers } from './visits/handlers';
import { smsHandlers } from './sms/handlers';

/**
 * The clinic's calendar: working hours and services (`schedule/`), visits booked by slot (`visits/`), the client's
 * text message about a booking (`sms/`, through the mail outbox).
 */
export const calendarModule = defineModule({ name: 'calendar', handlers: { ...scheduleHandlers, ...visitsHandlers, ...smsHandlers } });
