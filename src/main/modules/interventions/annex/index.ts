import type { Ctx } from '../../../api/context';
import type { AnnexNode } from '../../../../shared/api/annexForms';
import { annexData, type AnnexFormat, type AnnexPrint, type AnnexSource } from './data';
import { toAnnexNodes } from './html';
import { renderTemplate } from './language';
import { getTemplate } from './templates';

export { annexHandlers } from './handlers';
export { exportTemplates } from './transfer';
export { createTemplate } from './templates';
export type { AnnexFormat, AnnexPrint, AnnexSource } from './data';

/** A template's text on one document: rendered with its data, then reduced to the annex subset. */
export async function renderAnnex(body: string, src: AnnexSource, fmt: AnnexFormat, print: AnnexPrint, field = 'body'): Promise<AnnexNode[]> {
  return toAnnexNodes(await renderTemplate(body, annexData(src, fmt, print), field));
}

/** A stored template, named as the caller gave it (`field`), for printing. */
export async function annexTemplate(ctx: Ctx, id: string, field: string) {
  return getTemplate(ctx, id, field);
}
