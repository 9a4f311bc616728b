import { sql, type Kysely } from 'kysely';

function synced<T extends { addColumn: (...a: any[]) => T }>(t: T): T {
  return t
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    .addColumn('org_id', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));
}

/**
 * Monthly invoices (issue 12): the materials used on a task, and each client's invoice of a month with its lines.
 * Quantities are thousandths, amounts integer minor units, VAT rates hundredths of a percent. Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await synced(db.schema.createTable('task_material'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    // A product of the reference list, or null for a free name.
    .addColumn('product_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'integer', (c) => c.notNull())
    // UN/ECE Recommendation 20 code (H87 piece, MTR metre, KGM kilogram, LTR litre, HUR hour).
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    // Null: the organization's default VAT rate.
    .addColumn('vat_bp', 'integer')
    .execute();
  await db.schema.createIndex('task_material_task').on('task_material').columns(['task_id']).where(sql.ref('deleted_at'), 'is', null).execute();

  await synced(db.schema.createTable('invoice'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // YYYY-MM of the done tasks it bills.
    .addColumn('month', 'text', (c) => c.notNull())
    // draft | approved | exported
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text')
    // From the branch's invoice series on approval; null while a draft.
    .addColumn('number', 'text')
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // The buyer as of the invoice: an approved invoice never changes when the client does.
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_code', 'text')
    .addColumn('client_vat_id', 'text')
    .addColumn('client_address', 'text')
    .addColumn('client_country', 'text')
    .addColumn('client_email', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('net_minor', 'integer', (c) => c.notNull())
    .addColumn('vat_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('exported_at', 'text')
    .addColumn('note', 'text')
    // The tasks it bills (a JSON array of ids), synced with it: a task on an approved invoice is never billed again.
    .addColumn('task_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('invoice_month').on('invoice').columns(['org_id', 'month', 'branch_id', 'client_id']).where(sql.ref('deleted_at'), 'is', null).execute();

  await synced(db.schema.createTable('invoice_line'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // time | material | manual
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('net_minor', 'integer', (c) => c.notNull())
    .addColumn('missing_rate', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('invoice_line_invoice').on('invoice_line').columns(['invoice_id', 'position']).where(sql.ref('deleted_at'), 'is', null).execute();
}
