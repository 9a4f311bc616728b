import { sql, type Kysely, type SqlBool } from 'kysely';

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
 * The clinic's calendar: employees' working hours (a weekly template per employee and branch, and dated exceptions),
 * the services a branch offers, and visits with their lines (services, products) and payments. Times of day are the
 * branch's wall clock ("09:00"), so a 09:00–18:00 day stays so across daylight-saving changes; a visit's start and
 * end are UTC instants. Visit sources are a nomenclature kind; booking SMS go through the mail outbox's `channel`.
 * Additive only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per employee × branch: the week as JSON {"1": [["09:00","13:00"],["14:00","18:00"]], …} (ISO weekday
  // 1 = Monday); the gaps between a day's intervals are its breaks. One row keeps an edit of the week one version.
  await synced(db.schema.createTable('work_schedule'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('work_schedule_key').unique().on('work_schedule').columns(['org_id', 'branch_id', 'user_id']).execute();

  // A dated exception: day_off | vacation | sick | extra, from one day to another (inclusive, branch dates). Extra
  // hours and a partial day off carry their intervals; a whole day off has none.
  await synced(db.schema.createTable('work_exception'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day_from', 'text', (c) => c.notNull())
    .addColumn('day_to', 'text', (c) => c.notNull())
    .addColumn('intervals', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('work_exception_user').on('work_exception').columns(['user_id', 'day_from']).where(sql.ref('deleted_at'), 'is', null).execute();

  // A branch's service: default duration, price in minor units, colour, who performs it (JSON array of user ids).
  await synced(db.schema.createTable('service'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('performers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('service_branch').on('service').columns(['org_id', 'branch_id', 'name']).execute();

  // A visit, or a break (kind 'break', no client) booked in the calendar: both block the employee's time.
  await synced(db.schema.createTable('visit'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    // booked | arrived | no_show | cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    // PK: the client's first consultation. ASAP: the client would come earlier if a slot frees.
    .addColumn('first_consultation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('asap', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    // A nomenclature row of kind visit_source.
    .addColumn('source_id', 'text')
    // The main service (the event's colour and the ASAP fit); the lines hold every service and product.
    .addColumn('service_id', 'text')
    // none | will_come | will_not_come | no_answer: the reminder call's outcome (grey, green, red, orange).
    .addColumn('reminder', 'text', (c) => c.notNull().defaultTo('none'))
    // Sums of the lines and payments, kept by the service so the calendar shows €€ without reading them.
    .addColumn('total_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  const live = (name: string, cols: string[]) =>
    db.schema.createIndex(name).on('visit').columns(cols).where(sql.ref('deleted_at'), 'is', null).execute();
  // The overlap check and one employee's week: an index range on start within the employee's rows.
  await live('visit_user_start', ['user_id', 'starts_at']);
  // A branch's week, reports by period.
  await live('visit_branch_start', ['org_id', 'branch_id', 'starts_at']);
  // A client's visits (the card, the ASAP offer).
  await live('visit_client', ['client_id', 'starts_at']);
  await db.schema.createIndex('visit_asap').on('visit').columns(['org_id', 'branch_id', 'starts_at']).where(sql<SqlBool>`asap = 1 and status = 'booked' and deleted_at is null`).execute();

  // A service or product on a visit, with its price at the time (minor units).
  await synced(db.schema.createTable('visit_line'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    // service | product
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text')
    .addColumn('product_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_line_visit').on('visit_line').columns(['visit_id']).execute();

  // cash | card | transfer; a partial payment is one of several rows.
  await synced(db.schema.createTable('visit_payment'))
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'integer', (c) => c.notNull())
    .addColumn('paid_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('visit_payment_visit').on('visit_payment').columns(['visit_id']).execute();
}
