import type { Ctx, HandlersFor } from '../api/context';
import { annexTemplate, exportAnnexTemplates, renderAnnex, type AnnexPrint } from '../modules/interventions';
import type { ReportFile } from '../../shared/api/reports';
import { annexContent } from './annexPdf';
import { baseName, frameFor, reportEnv, savePdf, type ReportEnv } from './context';
import { writeReportFile } from './files';
import { branchEnv, loadDocData, type DocData } from './interventionDocs';
import { contentWidth } from './pdf';
import fs from 'node:fs';

function printOf(env: ReportEnv): AnnexPrint {
  return { orgName: env.orgName, by: env.user.name, nowIso: env.nowIso };
}

/** A template on one document, read as its documents are: its branch's clock, the reader's language. */
async function rendered(ctx: Ctx, interventionId: string, body: string, field: string) {
  const data: DocData = await loadDocData(ctx, interventionId, 'interventionId');
  const env = await branchEnv(ctx, data);
  return { data, env, nodes: await renderAnnex(body, data, env.fmt, printOf(env), field) };
}

/** The annex as PDF: the template's name for a title, the document's number and client under it. */
async function annexPdf(ctx: Ctx, interventionId: string, templateId: string): Promise<ReportFile> {
  const template = await annexTemplate(ctx, templateId, 'templateId');
  const { data, env, nodes } = await rendered(ctx, interventionId, template.body, 'templateId');
  const tr = env.fmt.tr;
  const number = data.d.number;
  const subtitle = [`${tr('reports.form.number')}: ${number ?? tr('reports.form.draft')}`, data.client?.name ?? data.snapshot.name].join(' · ');
  const frame = frameFor(env, template.name, { subtitle });
  return savePdf(env, frame, annexContent(nodes, contentWidth(false)), number, { rows: 0, truncated: false });
}

/** Every template in one JSON file, saved like a report. */
async function exportFile(ctx: Ctx): Promise<ReportFile> {
  const env = await reportEnv(ctx);
  const content = await exportAnnexTemplates(ctx);
  const owner = { orgId: env.user.orgId, userId: env.user.id };
  const file = await writeReportFile(ctx.config.dataDir, 'json', baseName(env, env.fmt.tr('annex.fileName')), owner, ctx.clock.now(), (path) =>
    fs.writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`),
  );
  return { fileId: file.fileId, fileName: file.fileName, pages: 0, rows: content.templates.length, truncated: false };
}

export const annexReportHandlers: HandlersFor<'annexForms.preview' | 'annexForms.print' | 'annexForms.export'> = {
  async 'annexForms.preview'(input, ctx) {
    return { nodes: (await rendered(ctx, input.interventionId, input.body, 'body')).nodes };
  },
  async 'annexForms.print'(input, ctx) {
    return annexPdf(ctx, input.interventionId, input.templateId);
  },
  async 'annexForms.export'(_input, ctx) {
    return exportFile(ctx);
  },
};
