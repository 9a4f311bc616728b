import type { HandlersFor } from '../../../api/context';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './templates';
import { importTemplates } from './transfer';

/** Templates kept as data; their preview, print and export file are the reports' (src/main/reports/annex.ts). */
export const annexHandlers: HandlersFor<'annexForms.list' | 'annexForms.get' | 'annexForms.create' | 'annexForms.update' | 'annexForms.delete' | 'annexForms.import'> = {
  async 'annexForms.list'(input, ctx) {
    return listTemplates(ctx, input.interventionId);
  },
  async 'annexForms.get'(input, ctx) {
    return getTemplate(ctx, input.id);
  },
  async 'annexForms.create'(input, ctx) {
    return createTemplate(ctx, input);
  },
  async 'annexForms.update'(input, ctx) {
    return updateTemplate(ctx, input);
  },
  async 'annexForms.delete'(input, ctx) {
    await deleteTemplate(ctx, input.id);
    return { ok: true as const };
  },
  async 'annexForms.import'(input, ctx) {
    return importTemplates(ctx, input.content);
  },
};
