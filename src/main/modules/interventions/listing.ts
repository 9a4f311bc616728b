import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridRow, GridScope, GroupField, GroupLevel, Priority, SortField, Status } from '../../../shared/api/interventions';
import { STATUS_ORDER } from './memory/columns';
import { isoOfDay, NO_TIME } from './memory/dates';
import { PRIORITY_BY_RANK, isOverdueForAllocation } from '../../../shared/rules/interventions';
import { seriesName } from '../../../shared/rules/series';
import { groupKeyExpr, keyOut, scopedQuery, sortExpr } from './grid';
import type { InterventionIndex } from './memory/memoryIndex';

export interface ListArgs {
  scope: GridScope;
  sort: SortField;
  desc: boolean;
  offset: number;
  limit: number;
  nowMs: number;
  warningHours: number | null;
}

/** The intervention with the names behind its ids: one join on a primary key per label (cheap for a page or a document). */
export function withLabels(db: Kysely<DB>) {
  return db
    .selectFrom('intervention as i')
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
    .leftJoin('branch as bz', 'bz.id', 'i.branch_id');
}

const GRID_SELECT = [
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
  'bz.time_zone as time_zone',
] as const;

/**
 * One page of grid rows. With the memory index loaded, it picks the page's rowids and SQL reads just those rows;
 * before (the first seconds after start on a large file), SQL filters and sorts on its indexes.
 */
export async function listPage(db: Kysely<DB>, user: SessionUser, a: ListArgs, index: InterventionIndex | null = null): Promise<GridRow[]> {
  if (index?.ready) return rowsOf(db, user, await index.pageOf(db, user, a.scope, a.sort, a.desc, a.offset, a.limit), a);
  return sqlListPage(db, user, a);
}

/** The grid rows of these rowids, in their order; a rowid the transaction does not see is left out. */
export async function rowsOf(db: Kysely<DB>, user: SessionUser, rowids: number[], a: Pick<ListArgs, 'nowMs' | 'warningHours'>): Promise<GridRow[]> {
  if (!rowids.length) return [];
  const rows = await withLabels(db)
    .select(GRID_SELECT)
    .select(sql<number>`i.rowid`.as('rid'))
    .where('i.org_id', '=', user.orgId)
    .where(sql<SqlBool>`i.rowid in (${sql.join(rowids)})`)
    .execute();
  const at = new Map(rowids.map((r, k) => [r, k]));
  rows.sort((x, y) => at.get(x.rid)! - at.get(y.rid)!);
  return rows.map((r) => gridRow(r, a));
}

/** The grid page in SQL alone (also the bench's "bare query" to compare against). */
export async function sqlListPage(db: Kysely<DB>, user: SessionUser, a: ListArgs): Promise<GridRow[]> {
  const dir = a.desc ? 'desc' : 'asc';
  const sortKey = sortExpr(a.sort);
  // The page's ids are picked on the index alone and only their rows are then joined: an offset that also computed
  // the joins and read whole rows took seconds at depth 500,000.
  const pageIds = scopedQuery(db, user, a.scope).select('i.id').orderBy(sortKey, dir).orderBy(sql`i.rowid`, dir).limit(a.limit).offset(a.offset);
  const rows = await withLabels(db).select(GRID_SELECT).where('i.id', 'in', pageIds).orderBy(sortKey, dir).orderBy(sql`i.rowid`, dir).execute();
  return rows.map((r) => gridRow(r, a));
}

type GridSelected = { [K in (typeof GRID_SELECT)[number] as K extends `${string} as ${infer A}` ? A : K extends `i.${infer C}` ? C : never]: unknown };

function gridRow(r: Record<keyof GridSelected, any>, a: Pick<ListArgs, 'nowMs' | 'warningHours'>): GridRow {
  return {
    id: r.id,
    series: r.series ? seriesName(r.series) : null,
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
    timeZone: r.time_zone ?? 'UTC',
  };
}

export async function countScope(db: Kysely<DB>, user: SessionUser, scope: GridScope, index: InterventionIndex | null = null, order?: { sort: SortField; desc: boolean }): Promise<number> {
  if (index?.ready) return index.countOf(db, user, scope, order);
  const r = await scopedQuery(db, user, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const LABEL_TABLE: Partial<Record<GroupField, 'nomenclature' | 'product'>> = {
  classification: 'nomenclature',
  classification2: 'nomenclature',
  classification3: 'nomenclature',
  zone: 'nomenclature',
  object: 'product',
};

/** The most groups one level lists. */
const MAX_GROUPS = 10_000;

interface Group {
  key: string | null;
  label: string | null;
  count: number;
}

/** Groups at the level below the scope's group path, with counts: from the memory index when loaded, else SQL's GROUP BY. */
export async function groupsAt(db: Kysely<DB>, user: SessionUser, scope: GridScope, index: InterventionIndex | null = null): Promise<Group[]> {
  const depth = scope.groupPath?.length ?? 0;
  const level = scope.groupBy?.[depth];
  if (!level) return [];
  const groups = index?.ready ? await memoryGroups(db, user, scope, level, index) : await sqlGroups(db, user, scope, level);
  return labelled(db, level.field, groups.slice(0, MAX_GROUPS));
}

async function memoryGroups(db: Kysely<DB>, user: SessionUser, scope: GridScope, level: GroupLevel, index: InterventionIndex): Promise<Group[]> {
  const cols = index.cols;
  return (await index.groupsOf(db, user, scope, level)).map(({ code, count }) => {
    if (level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt') return { key: code === NO_TIME ? null : isoOfDay(code), label: null, count };
    if (level.field === 'status') return { key: STATUS_ORDER[code - 1] ?? null, label: null, count };
    if (level.field === 'priority') return { key: PRIORITY_BY_RANK[code] ?? null, label: null, count };
    return { key: cols.ids.decode(code), label: level.field === 'client' ? cols.clientNames.get(code) ?? null : null, count };
  });
}

async function sqlGroups(db: Kysely<DB>, user: SessionUser, scope: GridScope, level: GroupLevel): Promise<Group[]> {
  const keyExpr = groupKeyExpr(level);
  let q = scopedQuery(db, user, scope).select([keyExpr.as('k'), sql<number>`count(*)`.as('n')]);
  if (level.field === 'client') q = q.select(sql<string>`max(i.client_name)`.as('label'));
  const rows = (await q.groupBy(keyExpr as never).orderBy(sql`1`).execute()) as unknown as { k: string | number | null; n: number; label?: string }[];
  const out = rows.map((r) => ({ key: keyOut(level.field, r.k), label: r.label ?? null, count: Number(r.n) }));
  if (level.field === 'status') out.sort((a, b) => STATUS_ORDER.indexOf(a.key as Status) - STATUS_ORDER.indexOf(b.key as Status));
  return out;
}

/** Names for groups of nomenclature and product ids; groups with names are listed by name (then id, for namesakes). */
async function labelled(db: Kysely<DB>, field: GroupField, groups: Group[]): Promise<Group[]> {
  const table = LABEL_TABLE[field];
  if (table) {
    const labels = new Map<string, string>();
    const ids = groups.map((g) => g.key).filter((k): k is string => k != null);
    for (let i = 0; i < ids.length; i += 500) {
      const found = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute();
      for (const f of found) labels.set(f.id, f.name);
    }
    for (const g of groups) g.label = g.key != null ? labels.get(g.key) ?? null : null;
  }
  if (table || field === 'client') groups.sort((a, b) => (a.label ?? '').localeCompare(b.label ?? '') || ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  return groups;
}
