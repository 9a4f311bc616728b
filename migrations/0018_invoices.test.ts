import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0018_invoices', () => {
  it('adds materials, invoices and their lines as synced tables, with the indexes generation reads by', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0018_invoices');
      const cols = (t: string) => (sqlite.prepare(`select name from pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
      for (const t of ['task_material', 'invoice', 'invoice_line']) expect(cols(t)).toEqual(expect.arrayContaining(['id', 'org_id', 'branch_id', 'version', 'created_at', 'updated_at', 'deleted_at']));
      expect(cols('task_material')).toEqual(expect.arrayContaining(['task_id', 'product_id', 'name', 'quantity_milli', 'unit', 'unit_price_minor', 'vat_bp']));
      expect(cols('invoice')).toEqual(expect.arrayContaining(['client_id', 'month', 'status', 'number', 'net_minor', 'vat_minor', 'total_minor', 'language', 'task_ids']));
      expect(cols('invoice_line')).toEqual(expect.arrayContaining(['invoice_id', 'kind', 'quantity_milli', 'unit_price_minor', 'vat_bp', 'net_minor']));
      const indexes = sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name in ('task_material', 'invoice', 'invoice_line') order by name`).pluck().all();
      expect(indexes).toEqual(expect.arrayContaining(['invoice_line_invoice', 'invoice_month', 'task_material_task']));
    } finally {
      await db.destroy();
    }
  });
});
