import type { HandlersFor } from '../../api/context';
import { exportRivile, exportUbl, invoicePdf } from './exports';
import { generateMonth } from './generate';
import { listMaterials, removeMaterial, saveMaterial } from './materials';
import { approveInvoice, discardInvoice, invoiceDetail, listInvoices, removeLine, saveLine } from './review';
import { readInvoiceSettings, saveInvoiceSettings } from './settings';

type Names =
  | 'invoices.list'
  | 'invoices.get'
  | 'invoices.generate'
  | 'invoices.saveLine'
  | 'invoices.removeLine'
  | 'invoices.approve'
  | 'invoices.discard'
  | 'invoices.exportUbl'
  | 'invoices.exportRivile'
  | 'invoices.pdf'
  | 'invoices.settings'
  | 'invoices.saveSettings'
  | 'invoices.materials'
  | 'invoices.saveMaterial'
  | 'invoices.removeMaterial'
  | 'invoices.materialTerms';

export const invoicesHandlers: HandlersFor<Names> = {
  'invoices.list': (input, ctx) => listInvoices(ctx, input),
  'invoices.get': (input, ctx) => invoiceDetail(ctx, input.id),
  'invoices.generate': (input, ctx) => generateMonth(ctx, input),
  'invoices.saveLine': (input, ctx) => saveLine(ctx, input.id, input.version, input.line),
  'invoices.removeLine': (input, ctx) => removeLine(ctx, input.id, input.version, input.lineId),
  'invoices.approve': (input, ctx) => approveInvoice(ctx, input.id, input.version),
  async 'invoices.discard'(input, ctx) {
    await discardInvoice(ctx, input.id, input.version);
    return { ok: true as const };
  },
  'invoices.exportUbl': (input, ctx) => exportUbl(ctx, input.id),
  'invoices.exportRivile': (input, ctx) => exportRivile(ctx, input),
  'invoices.pdf': (input, ctx) => invoicePdf(ctx, input.id),
  'invoices.settings': (_input, ctx) => readInvoiceSettings(ctx),
  'invoices.saveSettings': (input, ctx) => saveInvoiceSettings(ctx, input),
  'invoices.materials': (input, ctx) => listMaterials(ctx, input.taskId),
  'invoices.saveMaterial': (input, ctx) => saveMaterial(ctx, input),
  async 'invoices.removeMaterial'(input, ctx) {
    await removeMaterial(ctx, input.id);
    return { ok: true as const };
  },
  async 'invoices.materialTerms'(_input, ctx) {
    const { currency, vatBp } = await readInvoiceSettings(ctx);
    return { currency, vatBp };
  },
};
