import { sql, type Kysely, type RawBuilder, type SqlBool, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridFilters, GridScope, GroupField, GroupLevel, SortField } from '../../../shared/api/interventions';
import { inScope } from '../../api/scope';
import { PRIORITY_RANK, PRIORITY_BY_RANK } from '../../../shared/rules/interventions';
import { foldKey } from '../../../shared/rules/text';
import { ftsQuery } from '../../db/fts';
import { dateBucketExpr, withinGroups, type SqlGroupKeys } from '../../grid/sql';
import type { GroupNaming } from '../../grid/groups';
import { TEXT_COLUMNS, type TextField } from './memory/sortColumns';

type Q = SelectQueryBuilder<DB & { i: DB['intervention'] }, 'i', object>;

/** Column of each group field; date fields are grouped by a bucket expression. */
const GROUP_COLUMN: Record<GroupField, string> = {
  client: 'i.client_id',
  classification: 'i.classification_id',
  classification2: 'i.classification2_id',
  classification3: 'i.classification3_id',
  zone: 'i.zone_id',
  object: 'i.object_product_id',
  priority: 'i.priority',
  status: 'i.status',
  docDate: 'i.doc_date',
  startAt: 'i.start_local',
  endAt: 'i.end_local',
};

/** Sorts on a column's own value (numbers, dates, times, folded keys). */
const SORT_COLUMN: Partial<Record<SortField, string>> = {
  docDate: 'i.doc_date',
  number: 'i.number',
  client: 'i.client_name_key',
  priority: 'i.priority',
  startAt: 'i.start_local',
  endAt: 'i.end_local',
  updatedAt: 'i.updated_at',
  valid: 'i.valid',
  address: 'i.address_key',
};

/** Columns showing a name from another table: sorted by that name's sort key (the label as the grid shows it). */
export const SORT_LABEL = {
  series: { id: 'series_id', table: 'doc_series', name: 'prefix' },
  type: { id: 'type_id', table: 'nomenclature', name: 'name' },
  object: { id: 'object_product_id', table: 'product', name: 'name' },
  takenBy: { id: 'taken_by_id', table: 'app_user', name: 'name' },
  responsible: { id: 'responsible_id', table: 'app_user', name: 'name' },
  vehicle: { id: 'vehicle_id', table: 'nomenclature', name: 'name' },
  zone: { id: 'zone_id', table: 'nomenclature', name: 'name' },
  classification: { id: 'classification_id', table: 'nomenclature', name: 'name' },
  classification2: { id: 'classification2_id', table: 'nomenclature', name: 'name' },
  classification3: { id: 'classification3_id', table: 'nomenclature', name: 'name' },
  contact: { id: 'contact_id', table: 'client_contact', name: 'name' },
} as const satisfies Partial<Record<SortField, { id: string; table: string; name: string }>>;

export type LabelSort = keyof typeof SORT_LABEL;

/**
 * What a grid sort orders by; statuses in workflow order, not alphabetical (as the memory index sorts them); no
 * value (NULL) first, as the index does.
 */
export function sortExpr(field: SortField): RawBuilder<unknown> {
  if (field === 'status') return sql`case i.status when 'received' then 1 when 'allocated' then 2 when 'confirmed' then 3 when 'finalized' then 4 else 5 end`;
  if (field === 'cancelled') return sql`(i.cancelled_at is not null)`;
  // Text shown as stored: by its sort key, the same function the memory index sorts by.
  if (field in TEXT_COLUMNS) return sql`sort_key(${sql.ref(`i.${TEXT_COLUMNS[field as TextField]}`)})`;
  if (field in SORT_LABEL) {
    const l = SORT_LABEL[field as LabelSort];
    return sql`sort_key((select x.${sql.ref(l.name)} from ${sql.table(l.table)} as x where x.id = ${sql.ref(`i.${l.id}`)}))`;
  }
  return sql.ref(SORT_COLUMN[field]!);
}

/** The group key expression: ids and enums as they are, dates cut to the day, the week's Monday or the month's first day. */
export function groupKeyExpr(level: GroupLevel): RawBuilder<string | number | null> {
  const col = GROUP_COLUMN[level.field];
  if (level.field === 'docDate' || level.field === 'startAt' || level.field === 'endAt') return dateBucketExpr(col, level.bucket);
  return sql<string>`${sql.ref(col)}`;
}

/** A group key as the API shows it (priority ranks become names). */
export function keyOut(field: GroupField, v: string | number | null): string | null {
  if (v == null) return null;
  return field === 'priority' ? PRIORITY_BY_RANK[Number(v)] ?? String(v) : String(v);
}

/** Groups of nomenclature and product ids are named from their tables, a client's from its documents; all listed by name. */
export const GROUP_NAMING: GroupNaming<GroupField> = {
  tables: { classification: 'nomenclature', classification2: 'nomenclature', classification3: 'nomenclature', zone: 'nomenclature', object: 'product' },
  labelled: ['client'],
};

/** A group path's keys as stored (priority names become ranks). */
const GROUP_KEYS: SqlGroupKeys<GroupField> = {
  expr: groupKeyExpr,
  value: (field, k) => (field === 'priority' ? PRIORITY_RANK[k as keyof typeof PRIORITY_RANK] ?? -1 : k),
};

function applyFilters(q: Q, f: GridFilters): Q {
  if (f.dateFrom) q = q.where('i.doc_date', '>=', f.dateFrom);
  if (f.dateTo) q = q.where('i.doc_date', '<=', f.dateTo);
  if (f.clientId) q = q.where('i.client_id', '=', f.clientId);
  if (f.takenById) q = q.where('i.taken_by_id', '=', f.takenById);
  if (f.responsibleId) q = q.where('i.responsible_id', '=', f.responsibleId);
  if (f.classificationId) q = q.where('i.classification_id', '=', f.classificationId);
  if (f.classification2Id) q = q.where('i.classification2_id', '=', f.classification2Id);
  if (f.classification3Id) q = q.where('i.classification3_id', '=', f.classification3Id);
  if (f.zoneId) q = q.where('i.zone_id', '=', f.zoneId);
  if (f.branchId) q = q.where('i.branch_id', '=', f.branchId);
  if (f.statuses?.length) q = q.where('i.status', 'in', f.statuses);
  if (f.priorities?.length) q = q.where('i.priority', 'in', f.priorities.map((p) => PRIORITY_RANK[p]));
  if (f.address?.trim()) q = q.where(sql<SqlBool>`instr(i.address_key, ${foldKey(f.address)}) > 0`);
  const fts = f.search ? ftsQuery(f.search) : null;
  if (fts) q = q.where(sql<SqlBool>`i.rowid in (select rowid from intervention_search where intervention_search match ${fts})`);
  return q;
}

/** Every grid query starts here: the caller's organization and branches, live rows, the filters, and the group being looked into. */
export function scopedQuery(db: Kysely<DB>, user: SessionUser, scope: GridScope, depth = scope.groupPath?.length ?? 0): Q {
  let q = db.selectFrom('intervention as i').where(inScope(user, { org: 'i.org_id', branch: 'i.branch_id' })).where('i.deleted_at', 'is', null) as unknown as Q;
  q = applyFilters(q, scope.filters);
  return withinGroups(q, scope, GROUP_KEYS, depth);
}
