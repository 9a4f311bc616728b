import type { Content } from 'pdfmake/interfaces';
import { portalReportLink } from '../../shared/rules/portal';
import type { ReportEnv } from './context';

/** The QR code and link of this report in the client portal (a placeholder until the portal exists: see rules/portal.ts). */
export function onlineReport(env: ReportEnv, interventionId: string): Content {
  const tr = env.fmt.tr;
  const link = portalReportLink(env.user.orgId, interventionId);
  return {
    unbreakable: true,
    margin: [0, 10, 0, 0],
    columns: [
      { width: 'auto', qr: link, fit: 72, eccLevel: 'M' },
      {
        width: '*',
        margin: [8, 0, 0, 0],
        stack: [
          { text: tr('reports.form.onlineReport'), style: 'section', margin: [0, 0, 0, 3] },
          { text: tr('reports.form.onlineReportHint'), fontSize: 8 },
          { text: link, fontSize: 7.5, color: '#1a4d8f', margin: [0, 3, 0, 0] },
        ],
      },
    ],
  };
}
