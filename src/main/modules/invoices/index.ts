import { defineModule } from '../../api/module';
import { invoicesHandlers } from './handlers';

/**
 * Monthly invoices (issue 12): generation from the month's done tasks (`generate.ts`, rules in
 * `shared/rules/invoices/`), review and approval (`review.ts`), materials used on tasks (`materials.ts`), and the
 * documents that leave the house (`exports.ts`: UBL 2.1 in `ubl.ts`, Rivile GAMA in `rivile.ts`, paper in `paper.ts`).
 */
export const invoicesModule = defineModule({ name: 'invoices', handlers: invoicesHandlers });

/** The demo organization bills its months as a manager would. */
export { generateMonth } from './generate';
export { approveInvoice, markExported } from './review';
export { saveMaterial } from './materials';
export { saveInvoiceSettings } from './settings';
