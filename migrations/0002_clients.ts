import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased, diacritics folded: sorting and prefix search on an index.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('notes', 'text')
    .addColumn('responsible_id', 'text')
    // Denormalized first phone / e-mail / locality for the list, kept by the service.
    .addColumn('primary_phone', 'text')
    .addColumn('primary_email', 'text')
    .addColumn('primary_locality', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Partial on live rows: lists and counts are answered from the index alone.
  const live = (name: string, cols: string[]) => db.schema.createIndex(name).on('client').columns(cols).where(sql.ref('deleted_at'), 'is', null).execute();
  await live('client_org_name', ['org_id', 'name_key', 'id']);
  await live('client_org_fiscal', ['org_id', 'fiscal_code']);
  await live('client_org_updated', ['org_id', 'updated_at']);

  for (const table of ['client_phone', 'client_email', 'client_address', 'client_contact'] as const) {
    let t = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull().references('client.id'))
      .addColumn('position', 'integer', (c) => c.notNull());
    if (table === 'client_phone') {
      t = t
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        // E.164 digits reversed: "ends with" search becomes an indexed prefix range.
        .addColumn('digits_rev', 'text', (c) => c.notNull());
    } else if (table === 'client_email') {
      t = t.addColumn('address', 'text', (c) => c.notNull()).addColumn('address_key', 'text', (c) => c.notNull()).addColumn('label', 'text');
    } else if (table === 'client_address') {
      t = t
        .addColumn('label', 'text')
        .addColumn('street', 'text', (c) => c.notNull())
        .addColumn('locality', 'text', (c) => c.notNull())
        .addColumn('county', 'text')
        .addColumn('postal_code', 'text')
        .addColumn('country', 'text', (c) => c.notNull());
    } else {
      t = t
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('job_position', 'text')
        .addColumn('phone', 'text')
        .addColumn('email', 'text');
    }
    await t
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex(`${table}_client`).on(table).columns(['client_id', 'position']).execute();
  }
  await db.schema.createIndex('client_phone_digits').on('client_phone').columns(['org_id', 'digits_rev']).execute();
  await db.schema.createIndex('client_email_key').on('client_email').columns(['org_id', 'address_key']).execute();

  // Word-prefix search over names (any word, not only the first) with diacritics folded.
  await sql`create virtual table client_fts using fts5(name, content='client', content_rowid='rowid', tokenize="unicode61 remove_diacritics 2")`.execute(db);
  await sql`create trigger client_fts_ai after insert on client begin
    insert into client_fts(rowid, name) values (new.rowid, new.name); end`.execute(db);
  await sql`create trigger client_fts_ad after delete on client begin
    insert into client_fts(client_fts, rowid, name) values ('delete', old.rowid, old.name); end`.execute(db);
  await sql`create trigger client_fts_au after update of name on client begin
    insert into client_fts(client_fts, rowid, name) values ('delete', old.rowid, old.name);
    insert into client_fts(rowid, name) values (new.rowid, new.name); end`.execute(db);
}
