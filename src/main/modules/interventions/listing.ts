import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridRow, GridScope, Priority, SortField, Status } from '../../../shared/api/interventions';
import { PRIORITY_BY_RANK, isOverdueForAllocation } from '../../../shared/rules/interventions';
import { groupKeyExpr, keyOut, scopedQuery, SORT_COLUMN } from './grid';

export interface ListArgs {
  scope: GridScope;
  sort: SortField;
  desc: boolean;
  offset: number;
  limit: number;
  nowMs: number;
  warningHours: number | null;
}

/** One page of grid rows; labels come from joins on primary keys (cheap for a page), sort and filters from indexes. */
export async function listPage(db: Kysely<DB>, user: SessionUser, a: ListArgs): Promise<GridRow[]> {
  const dir = a.desc ? 'desc' : 'asc';
  // Deep pages skip on the index alone (ids only) and then join their hundred rows: an offset that also computed
  // the joins and read whole rows took seconds at depth 500,000. Near the top the plain query is faster.
  const deep = a.offset > 2000;
  const pageIds = scopedQuery(db, user, a.scope)
    .select('i.id')
    .orderBy(sql.ref(SORT_COLUMN[a.sort]), dir)
    .orderBy('i.id', dir)
    .limit(a.limit)
    .offset(a.offset);
  const base = deep ? db.selectFrom('intervention as i').where('i.id', 'in', pageIds) : scopedQuery(db, user, a.scope);
  const rows = await base
    .leftJoin('doc_series as s', 's.id', 'i.series_id')
    .leftJoin('nomenclature as t', 't.id', 'i.type_id')
    .leftJoin('product as p', 'p.id', 'i.object_product_id')
    .leftJoin('app_user as tb', 'tb.id', 'i.taken_by_id')
    .leftJoin('app_user as rs', 'rs.id', 'i.responsible_id')
    .leftJoin('nomenclature as v', 'v.id', 'i.vehicle_id')
    .leftJoin('nomenclature as z', 'z.id', 'i.zone_id')
    .leftJoin('nomenclature as c1', 'c1.id', 'i.classification_id')
    .leftJoin('nomenclature as c2', 'c2.id', 'i.classification2_id')
    .leftJoin('nomenclature as c3', 'c3.id', 'i.classification3_id')
    .leftJoin('client_contact as cc', 'cc.id', 'i.contact_id')
    .select([
      'i.id',
      's.prefix as series',
      'i.number',
      'i.doc_date',
      'i.client_id',
      'i.client_name',
      't.name as type',
      'p.name as object',
      'i.object_serial',
      'i.start_at',
      'i.end_at',
      'i.status',
      'i.priority',
      'tb.name as taken_by',
      'rs.name as responsible',
      'i.valid',
      'i.cancelled_at',
      'i.notes',
      'v.name as vehicle',
      'i.client_fiscal_code',
      'i.client_phone',
      'i.client_email',
      'i.address',
      'i.locality',
      'i.county',
      'i.country',
      'z.name as zone',
      'c1.name as classification',
      'c2.name as classification2',
      'c3.name as classification3',
      'cc.name as contact',
      'i.created_at',
      'i.version',
    ])
    .orderBy(sql.ref(SORT_COLUMN[a.sort]), dir)
    .orderBy('i.id', dir)
    .$if(!deep, (q) => q.limit(a.limit).offset(a.offset))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    series: r.series ?? null,
    number: r.number,
    docDate: r.doc_date,
    clientId: r.client_id,
    client: r.client_name,
    type: r.type ?? null,
    object: r.object ?? null,
    objectSerial: r.object_serial,
    startAt: r.start_at,
    endAt: r.end_at,
    status: r.status as Status,
    priority: PRIORITY_BY_RANK[r.priority] as Priority,
    takenBy: r.taken_by ?? null,
    responsible: r.responsible ?? null,
    valid: r.valid === 1,
    cancelled: r.cancelled_at != null,
    notes: r.notes,
    vehicle: r.vehicle ?? null,
    fiscalCode: r.client_fiscal_code,
    phone: r.client_phone,
    email: r.client_email,
    address: r.address,
    locality: r.locality,
    county: r.county,
    country: r.country,
    zone: r.zone ?? null,
    classification: r.classification ?? null,
    classification2: r.classification2 ?? null,
    classification3: r.classification3 ?? null,
    contact: r.contact ?? null,
    warning: isOverdueForAllocation(r.status as Status, r.created_at, a.nowMs, a.warningHours),
    version: r.version,
  }));
}

export async function countScope(db: Kysely<DB>, user: SessionUser, scope: GridScope): Promise<number> {
  const r = await scopedQuery(db, user, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const LABEL_TABLE: Partial<Record<string, 'nomenclature' | 'product'>> = {
  classification: 'nomenclature',
  classification2: 'nomenclature',
  classification3: 'nomenclature',
  zone: 'nomenclature',
  object: 'product',
};

/** Groups at the level below the scope's group path, with counts, computed in SQL. */
export async function groupsAt(db: Kysely<DB>, user: SessionUser, scope: GridScope): Promise<{ key: string | null; label: string | null; count: number }[]> {
  const depth = scope.groupPath?.length ?? 0;
  const level = scope.groupBy?.[depth];
  if (!level) return [];
  const keyExpr = groupKeyExpr(level);
  let q = scopedQuery(db, user, scope).select([keyExpr.as('k'), sql<number>`count(*)`.as('n')]);
  if (level.field === 'client') q = q.select(sql<string>`max(i.client_name)`.as('label'));
  const rows = (await q.groupBy(keyExpr as never).orderBy(sql`1`).limit(10_000).execute()) as unknown as { k: string | number | null; n: number; label?: string }[];
  const table = LABEL_TABLE[level.field];
  const labels = new Map<string, string>();
  const ids = rows.map((r) => r.k).filter((k): k is string => typeof k === 'string');
  if (table && ids.length) {
    for (let i = 0; i < ids.length; i += 500) {
      const found = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const f of found) labels.set(f.id, f.name);
    }
  }
  const out = rows.map((r) => ({ key: keyOut(level.field, r.k), label: r.label ?? (r.k != null ? labels.get(String(r.k)) ?? null : null), count: Number(r.n) }));
  if (table || level.field === 'client') out.sort((a, b) => (a.label ?? '').localeCompare(b.label ?? ''));
  return out;
}
