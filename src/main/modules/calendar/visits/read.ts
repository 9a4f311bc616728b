import { sql, type Selectable, type SqlBool } from 'kysely';
import type { VisitTable } from '../../../db/schema';
import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { inScope } from '../../../api/scope';
import type { ReminderState, VisitDetail, VisitEvent, VisitStatus } from '../../../../shared/api/visits';
import { visitRows } from './tables';
import { arrayRows } from '../../../db/prepared';

export type VisitRow = Selectable<VisitTable>;

/** No visit lasts longer than a day (the contract caps durations), so an overlap search starts at most a day earlier. */
export const LONGEST_VISIT_MS = 24 * 60 * 60 * 1000;

/** One instant format for every stored time: string order is time order only if all look alike. */
export const canonical = (iso: string | number) => new Date(iso).toISOString();
export const shift = (iso: string, ms: number) => canonical(Date.parse(iso) + ms);

export async function loadVisit(ctx: Ctx, id: string, field = 'id'): Promise<VisitRow> {
  const row = await visitRows.in(ctx).load(id, { key: 'visit_not_found', field });
  // An employee's calendar is their own: another's visit is not there for them.
  const user = me(ctx);
  if (user.role === 'employee' && row.user_id !== user.id) throw fail.notFound('visit_not_found', field);
  return row;
}

/**
 * The event columns with the client's name, in `EventArray`'s order. The client's name comes by a join through
 * client_id_name (one index lookup a row); staff and service names are read once per id afterwards (`namesOf`):
 * a branch's week repeats the same 25 people and 20 services thousands of times.
 */
function events(ctx: Ctx) {
  return ctx.db
    .selectFrom('visit as v')
    .leftJoin('client as c', 'c.id', 'v.client_id')
    .select([
      'v.id',
      'v.kind',
      'v.branch_id',
      'v.user_id',
      'v.client_id',
      'c.name as client_name',
      'v.service_id',
      'v.starts_at',
      'v.ends_at',
      'v.status',
      'v.first_consultation',
      'v.asap',
      'v.reminder',
      'v.total_minor',
      'v.paid_minor',
      'v.version',
    ])
    .where('v.deleted_at', 'is', null)
    .where(inScope(me(ctx), { org: 'v.org_id', branch: 'v.branch_id' }))
    .$if(me(ctx).role === 'employee', (q) => q.where('v.user_id', '=', me(ctx).id));
}

/** €€: services or products on a visit still to be paid (a cancelled visit owes nothing). */
export const isUnpaid = (r: { status: string; total_minor: number; paid_minor: number }) => r.status !== 'cancelled' && r.total_minor > r.paid_minor;

/** A row of `events` as an array (a week is thousands of rows: no object per row in the driver). */
type EventArray = [
  id: string,
  kind: string,
  branchId: string,
  userId: string,
  clientId: string | null,
  clientName: string | null,
  serviceId: string | null,
  start: string,
  end: string,
  status: string,
  firstConsultation: number,
  asap: number,
  reminder: string,
  totalMinor: number,
  paidMinor: number,
  version: number,
];

interface Names {
  users: Map<string, string>;
  services: Map<string, { name: string; colour: string | null }>;
}

/** The staff and service names the rows name, each read once. */
async function namesOf(ctx: Ctx, rows: readonly EventArray[]): Promise<Names> {
  const userIds = [...new Set(rows.map((r) => r[3]))];
  const serviceIds = [...new Set(rows.map((r) => r[6]).filter((id): id is string => id !== null))];
  const [users, services] = await Promise.all([
    userIds.length ? ctx.db.selectFrom('app_user').select(['id', 'name']).where('id', 'in', userIds).execute() : [],
    serviceIds.length ? ctx.db.selectFrom('service').select(['id', 'name', 'colour']).where('id', 'in', serviceIds).execute() : [],
  ]);
  return { users: new Map(users.map((u) => [u.id, u.name])), services: new Map(services.map((s) => [s.id, { name: s.name, colour: s.colour }])) };
}

function toEvent(r: EventArray, names: Names): VisitEvent {
  const [id, kind, branchId, userId, clientId, clientName, serviceId, start, end, status, firstConsultation, asap, reminder, total_minor, paid_minor, version] = r;
  const service = serviceId ? names.services.get(serviceId) : undefined;
  return {
    id,
    kind: kind as VisitEvent['kind'],
    branchId,
    userId,
    userName: names.users.get(userId) ?? '',
    clientId,
    clientName: clientName ?? null,
    serviceId,
    serviceName: service?.name ?? null,
    colour: service?.colour ?? null,
    start,
    end,
    status: status as VisitStatus,
    firstConsultation: firstConsultation === 1,
    asap: asap === 1,
    reminder: reminder as ReminderState,
    unpaid: isUnpaid({ status, total_minor, paid_minor }),
    version,
  };
}

/** The events a query of `events` selects, in its order. */
async function eventsOf(ctx: Ctx, query: ReturnType<typeof events>): Promise<VisitEvent[]> {
  const rows = (await arrayRows(ctx.db, query)) as EventArray[];
  const names = await namesOf(ctx, rows);
  return rows.map((r) => toEvent(r, names));
}

export interface RangeQuery {
  from: string;
  to: string;
  branchId?: string | null;
  userIds?: readonly string[];
  serviceId?: string | null;
  includeCancelled?: boolean;
}

/**
 * The events overlapping [from, to), as a query. Bounded below by the longest visit, so the start index is read as a
 * range (per employee: visit_user_start; per branch: visit_branch_range, which holds every column read) instead of
 * from the first visit ever.
 */
export function rangeQuery(ctx: Ctx, q: RangeQuery) {
  const from = canonical(q.from);
  const to = canonical(q.to);
  return (
    events(ctx)
      .where('v.starts_at', '>', shift(from, -LONGEST_VISIT_MS))
      .where('v.starts_at', '<', to)
      .where('v.ends_at', '>', from)
      .$if(!!q.branchId, (w) => w.where('v.org_id', '=', me(ctx).orgId).where('v.branch_id', '=', q.branchId!))
      .$if(!!q.userIds?.length, (w) => w.where('v.user_id', 'in', q.userIds!))
      .$if(!!q.serviceId, (w) => w.where('v.service_id', '=', q.serviceId!))
      .$if(!q.includeCancelled, (w) => w.where('v.status', '!=', 'cancelled'))
      // In the start index's own order (a tie-break by id would sort every row again).
      .orderBy('v.starts_at')
      .limit(20_000)
  );
}

/** The events overlapping [from, to), in start order. */
export const visitRange = (ctx: Ctx, q: RangeQuery): Promise<VisitEvent[]> => eventsOf(ctx, rangeQuery(ctx, q));

export async function visitsOfClient(ctx: Ctx, clientId: string, limit: number): Promise<VisitEvent[]> {
  return eventsOf(ctx, events(ctx).where('v.client_id', '=', clientId).orderBy('v.starts_at', 'desc').limit(limit));
}

/** Clients the caller booked lately, newest first, each once: the slot picker's "recent" list. */
export async function recentClients(ctx: Ctx, limit: number) {
  const user = me(ctx);
  const rows = await ctx.db
    .selectFrom('visit as v')
    .innerJoin('client as c', 'c.id', 'v.client_id')
    .select(['c.id', 'c.name', 'c.primary_phone as phone', sql<string>`max(v.created_at)`.as('last')])
    .where('v.org_id', '=', user.orgId)
    .where('v.created_by', '=', user.id)
    .where('c.deleted_at', 'is', null)
    .groupBy(['c.id', 'c.name', 'c.primary_phone'])
    .orderBy('last', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, phone: r.phone }));
}

export async function visitDetail(ctx: Ctx, id: string): Promise<VisitDetail> {
  const row = await loadVisit(ctx, id);
  const [ev] = await eventsOf(ctx, events(ctx).where('v.id', '=', row.id));
  if (!ev) throw fail.notFound('visit_not_found', 'id');
  const more = await ctx.db
    .selectFrom('visit as v')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .leftJoin('client as c', 'c.id', 'v.client_id')
    .leftJoin('nomenclature as n', 'n.id', 'v.source_id')
    .select(['b.time_zone', 'c.primary_phone', 'n.name as source_name'])
    .where('v.id', '=', row.id)
    .executeTakeFirstOrThrow();
  const live = sql<SqlBool>`deleted_at is null`;
  const lines = await ctx.db.selectFrom('visit_line').selectAll().where('visit_id', '=', row.id).where(live).orderBy('created_at').orderBy(sql`rowid`).execute();
  const payments = await ctx.db.selectFrom('visit_payment').selectAll().where('visit_id', '=', row.id).where(live).orderBy('paid_at').orderBy(sql`rowid`).execute();
  return {
    ...ev,
    clientPhone: more.primary_phone ?? null,
    notes: row.notes,
    sourceId: row.source_id,
    sourceName: more.source_name ?? null,
    cancelReason: row.cancel_reason,
    currency: row.currency,
    totalMinor: row.total_minor,
    paidMinor: row.paid_minor,
    lines: lines.map((l) => ({ id: l.id, kind: l.kind as 'service' | 'product', serviceId: l.service_id, productId: l.product_id, name: l.name, quantity: l.quantity, priceMinor: l.price_minor })),
    payments: payments.map((p) => ({ id: p.id, method: p.method as 'cash' | 'card' | 'transfer', amountMinor: p.amount_minor, paidAt: p.paid_at, note: p.note })),
    timeZone: more.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
