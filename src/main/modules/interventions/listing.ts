import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { DB } from '../../db/schema';
import { sqliteUnder, type Sqlite } from '../../db/connection';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridRow, GridScope, Priority, SortField, Status } from '../../../shared/api/interventions';
import type { GridSource } from '../../grid/source';
import type { GridQuery, SqlOrder } from '../../grid/sqlSource';
import { PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { WARNING_KINDS, type WarningKind } from '../../../shared/api/interventionSettings';
import { seriesName } from '../../../shared/rules/series';

/** The interventions grid: its scope, its sort fields, its rows. */
export type InterventionGrid = GridSource<GridScope, SortField, GridRow>;

/** The open warnings of the row's document, by the unique (intervention, kind) index: a lookup per row of a page. */
const OPEN_WARNINGS = sql<string | null>`(select group_concat(w.kind) from intervention_warning w where w.intervention_id = i.id and w.resolved_at is null and w.deleted_at is null)`.as('open_warnings');

function warningsOf(list: string | null): WarningKind[] {
  const open = new Set(list?.split(',') ?? []);
  return WARNING_KINDS.filter((k) => open.has(k));
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

/** The page's query: the rows of an organization whose rowids a JSON list names. */
function byRowids(db: Kysely<DB>, orgId: string, rowids: string) {
  return withLabels(db)
    .select(GRID_SELECT)
    .select(OPEN_WARNINGS)
    .select(sql<number>`i.rowid`.as('rid'))
    .where('i.org_id', '=', orgId)
    .where(sql<SqlBool>`i.rowid in (select value from json_each(${rowids}))`);
}

type PageRow = Awaited<ReturnType<ReturnType<typeof byRowids>['execute']>>[number];

/**
 * The page's statement, prepared once per connection and read as arrays: a grid page is asked on every scroll, and
 * preparing a dozen joins and building 37-field row objects in the driver took most of its time.
 */
interface PageStatement {
  stmt: Statement;
  /** The columns' names, in the order the arrays hold them. */
  names: (keyof PageRow)[];
  /** The statement's parameters for an organization and a list. */
  args(orgId: string, list: string): unknown[];
}
const prepared = new WeakMap<Sqlite, PageStatement>();
const ORG = '\u0000org';
const LIST = '\u0000list';

function pageStatement(db: Kysely<DB>): PageStatement | null {
  const raw = sqliteUnder(db);
  if (!raw) return null;
  let p = prepared.get(raw);
  if (!p) {
    const q = byRowids(db, ORG, LIST).compile();
    const stmt = raw.prepare(q.sql).raw(true);
    p = { stmt, names: stmt.columns().map((c) => c.name as keyof PageRow), args: (orgId, list) => q.parameters.map((v) => (v === ORG ? orgId : v === LIST ? list : v)) };
    prepared.set(raw, p);
  }
  return p;
}

/** The grid rows of these rowids, in their order; a rowid the transaction does not see is left out. */
export async function rowsOf(db: Kysely<DB>, user: SessionUser, rowids: number[]): Promise<GridRow[]> {
  if (!rowids.length) return [];
  const list = JSON.stringify(rowids);
  const page = pageStatement(db);
  let rows: PageRow[];
  if (page) {
    const { stmt, names } = page;
    rows = (stmt.all(...page.args(user.orgId, list)) as unknown[][]).map((values) => {
      const r = {} as Record<keyof PageRow, unknown>;
      for (let k = 0; k < names.length; k++) r[names[k]!] = values[k];
      return r as PageRow;
    });
  } else rows = await byRowids(db, user.orgId, list).execute();
  const at = new Map(rowids.map((r, k) => [r, k]));
  rows.sort((x, y) => at.get(x.rid)! - at.get(y.rid)!);
  return rows.map((r) => gridRow(r));
}

/** The grid rows whose ids `ids` selects, in this order (SQL's page: its ids picked on the indexes alone). */
export async function rowsWhere(db: Kysely<DB>, ids: GridQuery, order: SqlOrder): Promise<GridRow[]> {
  const q = order.reduce((q, [e, d]) => q.orderBy(e, d), withLabels(db).select(GRID_SELECT).select(OPEN_WARNINGS).where('i.id', 'in', ids));
  return (await q.execute()).map((r) => gridRow(r));
}

type GridSelected = { [K in (typeof GRID_SELECT)[number] as K extends `${string} as ${infer A}` ? A : K extends `i.${infer C}` ? C : never]: unknown };

function gridRow(r: Record<keyof GridSelected, any> & { open_warnings: string | null }): GridRow {
  const warnings = warningsOf(r.open_warnings);
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
    warning: warnings.length > 0,
    warnings,
    version: r.version,
    timeZone: r.time_zone ?? 'UTC',
  };
}

