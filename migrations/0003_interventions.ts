import { type Kysely, sql } from 'kysely';

function synced<T extends { addColumn: (...a: any[]) => T }>(t: T): T {
  return t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));
}

export async function up(db: Kysely<any>): Promise<void> {
  // Editable lists behind the document's fields: types, classifications 1–3, zones, vehicles, contracts, estimates.
  await synced(
    db.schema
      .createTable('nomenclature')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      // Contracts and estimates belong to a client.
      .addColumn('client_id', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('nomenclature_kind').on('nomenclature').columns(['org_id', 'kind', 'name_key']).execute();

  await synced(
    db.schema
      .createTable('product')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      // A system of products (an installation) rather than a single product.
      .addColumn('is_system', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
  ).execute();
  await db.schema.createIndex('product_name').on('product').columns(['org_id', 'name_key']).execute();

  await synced(
    db.schema
      .createTable('intervention')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('series_id', 'text')
      .addColumn('number', 'text')
      .addColumn('doc_date', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text')
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('confirmed_real', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('type_id', 'text')
      .addColumn('object_product_id', 'text')
      .addColumn('object_serial', 'text')
      .addColumn('responsible_id', 'text')
      .addColumn('taken_by_id', 'text')
      .addColumn('start_at', 'text')
      .addColumn('end_at', 'text')
      // Start and end as wall-clock time in the branch's time zone (YYYY-MM-DDTHH:MM), for grouping by local day.
      .addColumn('start_local', 'text')
      .addColumn('end_local', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assignee_confirmed_at', 'text')
      .addColumn('finalized_at', 'text')
      .addColumn('valid', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('validated_at', 'text')
      .addColumn('cancelled_at', 'text')
      .addColumn('cancel_reason', 'text')
      .addColumn('notes', 'text')
      .addColumn('contract_id', 'text')
      .addColumn('estimate_id', 'text')
      .addColumn('vehicle_id', 'text')
      .addColumn('classification_id', 'text')
      .addColumn('classification2_id', 'text')
      .addColumn('classification3_id', 'text')
      .addColumn('zone_id', 'text')
      // The client's data as of the document (read-only "client info"), so the grid sorts and filters without joins.
      .addColumn('client_name', 'text', (c) => c.notNull())
      .addColumn('client_name_key', 'text', (c) => c.notNull())
      .addColumn('client_fiscal_code', 'text')
      .addColumn('client_phone', 'text')
      .addColumn('client_email', 'text')
      .addColumn('address', 'text')
      .addColumn('address_key', 'text')
      .addColumn('locality', 'text')
      .addColumn('county', 'text')
      .addColumn('country', 'text'),
  ).execute();
  const ix = (name: string, cols: string[]) => db.schema.createIndex(name).on('intervention').columns(cols).where(sql.ref('deleted_at'), 'is', null).execute();
  await ix('intervention_date', ['org_id', 'doc_date', 'id']);
  await ix('intervention_number', ['org_id', 'number', 'id']);
  await ix('intervention_client_name', ['org_id', 'client_name_key', 'id']);
  await ix('intervention_client', ['org_id', 'client_id', 'doc_date']);
  await ix('intervention_status', ['org_id', 'status', 'priority', 'doc_date']);
  await ix('intervention_priority', ['org_id', 'priority', 'doc_date']);
  await ix('intervention_start', ['org_id', 'start_local', 'id']);
  await ix('intervention_end', ['org_id', 'end_local', 'id']);
  await ix('intervention_taken_by', ['org_id', 'taken_by_id', 'start_at']);
  await ix('intervention_responsible', ['org_id', 'responsible_id', 'doc_date']);
  await ix('intervention_zone', ['org_id', 'zone_id', 'doc_date']);
  await ix('intervention_class1', ['org_id', 'classification_id', 'doc_date']);
  await ix('intervention_class2', ['org_id', 'classification2_id', 'doc_date']);
  await ix('intervention_class3', ['org_id', 'classification3_id', 'doc_date']);
  await ix('intervention_object', ['org_id', 'object_product_id', 'doc_date']);
  await ix('intervention_updated', ['org_id', 'updated_at']);

  // Quick search: number, client name, phone digits, notes; word prefixes with diacritics folded.
  await sql`create virtual table intervention_fts using fts5(number, client, phone, notes, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2")`.execute(db);

  await db.schema
    .createTable('intervention_note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('intervention_id', 'text', (c) => c.notNull().references('intervention.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('style', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('attachment_sha256', 'text')
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_size', 'integer')
    .addColumn('registry_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('intervention_note_doc').on('intervention_note').columns(['intervention_id', 'at']).execute();

  // Requests for a manager's approval (cancel or finalize) where the organization requires it.
  await synced(
    db.schema
      .createTable('approval')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision', 'text'),
  ).execute();
  await db.schema.createIndex('approval_open').on('approval').columns(['org_id', 'decision', 'requested_at']).execute();
  await db.schema.createIndex('approval_entity').on('approval').columns(['entity_id', 'decision']).execute();

  // Outgoing mail, sent by a job with retries: a change is acknowledged once its mail is queued here.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('ref_entity', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  // Named grid views and reports (columns, filters, grouping), per user or shared; favorites on the home page.
  await synced(
    db.schema
      .createTable('saved_view')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('module', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('favorite', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('saved_view_owner').on('saved_view').columns(['org_id', 'module', 'user_id']).execute();
}
