import { defineModule } from '../api/module';
import { reportsHandlers } from './handlers';
import { calendarReportsHandlers } from './calendar/handlers';

/** PDF reports and grid exports (CSV, XLSX), written to files the caller then opens, prints or saves. */
export const reportsModule = defineModule({ name: 'reports', handlers: { ...reportsHandlers, ...calendarReportsHandlers } });
