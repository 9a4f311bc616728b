import type { HandlersFor } from '../../api/context';
import { dailyListData, noShowsData, sourcesData, unpaidData, utilisationData } from './data';
import { calendarReportPdf, dailyListPdf } from './paper';
import { visitReceipt } from './receipt';

export const calendarReportsHandlers: HandlersFor<
  | 'calendarReports.sources'
  | 'calendarReports.noShows'
  | 'calendarReports.utilisation'
  | 'calendarReports.unpaid'
  | 'calendarReports.dailyList'
  | 'calendarReports.dailyListPdf'
  | 'calendarReports.pdf'
  | 'reports.visitReceipt'
> = {
  'calendarReports.sources': (input, ctx) => sourcesData(ctx, input),
  'calendarReports.noShows': (input, ctx) => noShowsData(ctx, input),
  'calendarReports.utilisation': (input, ctx) => utilisationData(ctx, input),
  'calendarReports.unpaid': (input, ctx) => unpaidData(ctx, input),
  'calendarReports.dailyList': (input, ctx) => dailyListData(ctx, input),
  'calendarReports.dailyListPdf': (input, ctx) => dailyListPdf(ctx, input),
  'calendarReports.pdf': ({ report, ...period }, ctx) => calendarReportPdf(ctx, report, period),
  'reports.visitReceipt': (input, ctx) => visitReceipt(ctx, input.id),
};
