import { defineModule } from '../api/module';
import { reportsHandlers } from './handlers';
import { calendarReportsHandlers } from './calendar/handlers';
import { taskGridReportHandlers } from './taskHandlers';

/** PDF reports and grid exports (CSV, XLSX), written to files the caller then opens, prints or saves. */
export const reportsModule = defineModule({ name: 'reports', handlers: { ...reportsHandlers, ...calendarReportsHandlers, ...taskGridReportHandlers } });
/** For a module's own paper (the reminder calls' usage): the reader's formats, the page frame and the saved PDF. */
export { frameFor, reportEnv, savePdf, type ReportEnv } from './context';
/** A text of the catalogs in a reader's language (mails a job writes to admins). */
export { t as translate } from './i18n';
/** For a module's own documents in another reader's language (a work act or an invoice in its client's) and its own files (XML). */
export { makeFmt } from './format';
export { writeReportFile } from './files';
