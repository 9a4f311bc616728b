import { syncedRows } from '../../api/funnel';

/** How the module's rows are written (the write funnel). Lines are told by their invoice's audit entry, not one each. */
export const invoiceRows = syncedRows({
  table: 'invoice',
  module: 'invoices',
  summary: (r) => `${r.number ?? r.month} ${r.client_name}: ${r.status} ${r.total_minor}`,
  announce: (ctx, w) => ctx.emit('invoices.changed', { ids: [w.after.id] }, { branchIds: [w.after.branch_id] }),
});

export const invoiceLineRows = syncedRows({ table: 'invoice_line', module: 'invoices', summary: (l) => `${l.description}: ${l.net_minor}` });

export const materialRows = syncedRows({
  table: 'task_material',
  module: 'tasks',
  entity: 'task_material',
  summary: (m) => `${m.name} × ${m.quantity_milli / 1000}`,
  announce: (ctx, w) => ctx.emit('tasks.changed', { ids: [w.after.task_id] }, { branchIds: [w.after.branch_id] }),
});

export const invoiceSettingRows = syncedRows({ table: 'module_setting', module: 'invoices', entity: 'settings' });
