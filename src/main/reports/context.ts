import { me, type Ctx } from '../api/context';
import type { SessionUser } from '../../shared/api/auth';
import type { ReportFile } from '../../shared/api/reports';
import { makeFmt, type Fmt } from './format';
import { writeReportFile } from './files';
import { writePdf, type Frame } from './pdf';
import type { Content } from 'pdfmake/interfaces';

/** Who reads the report and how: their language, the organization's name and time zone, the print time. */
export interface ReportEnv {
  ctx: Ctx;
  user: SessionUser;
  fmt: Fmt;
  orgName: string;
  nowIso: string;
}

export async function reportEnv(ctx: Ctx): Promise<ReportEnv> {
  const user = me(ctx);
  const org = await ctx.db.selectFrom('org').select(['name', 'time_zone']).where('id', '=', user.orgId).executeTakeFirst();
  return { ctx, user, fmt: makeFmt(user.language, org?.time_zone ?? 'UTC'), orgName: org?.name ?? user.orgName, nowIso: new Date(ctx.clock.now()).toISOString() };
}

export function frameFor(env: ReportEnv, title: string, extra: Partial<Frame> = {}): Frame {
  const { fmt } = env;
  return {
    orgName: env.orgName,
    title,
    printed: fmt.tr('reports.printedAt', { at: fmt.dateTime(env.nowIso), name: env.user.name }),
    pageText: (page, pages) => fmt.tr('reports.page', { page, pages }),
    language: env.user.language,
    ...extra,
  };
}

/** `<title> <local date and time>`: what the saved file is called. */
export function baseName(env: ReportEnv, title: string, suffix?: string | null): string {
  const stamp = env.fmt.wallText(env.nowIso).replace(':', '-');
  return [title, suffix, stamp].filter(Boolean).join(' ');
}

/** Writes the PDF under DATA/reports and describes it; a failed layout leaves no file behind. */
export async function savePdf(env: ReportEnv, frame: Frame, body: Content[], nameSuffix: string | null, counts: { rows: number; truncated: boolean }): Promise<ReportFile> {
  const owner = { orgId: env.user.orgId, userId: env.user.id };
  const file = await writeReportFile(env.ctx.config.dataDir, 'pdf', baseName(env, frame.title, nameSuffix), owner, env.ctx.clock.now(), (path) => writePdf(frame, body, path));
  return { fileId: file.fileId, fileName: file.fileName, pages: file.written, rows: counts.rows, truncated: counts.truncated };
}
