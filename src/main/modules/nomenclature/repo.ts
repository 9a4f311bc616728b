import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import type { NomenclatureKind, NomenclatureRow, ProductRow } from '../../../shared/api/nomenclature';
import { searchFilter } from '../../db/like';

/** The intervention column that refers to each kind: what "in use" means when an item is deleted. */
export const INTERVENTION_COLUMN = {
  intervention_type: 'type_id',
  classification: 'classification_id',
  classification2: 'classification2_id',
  classification3: 'classification3_id',
  zone: 'zone_id',
  vehicle: 'vehicle_id',
  contract: 'contract_id',
  estimate: 'estimate_id',
} as const satisfies Record<Exclude<NomenclatureKind, 'visit_source'>, string>;

export interface NomenclatureListArgs {
  orgId: string;
  kind: NomenclatureKind;
  search?: string;
  includeInactive: boolean;
  clientId?: string;
  include?: string[];
  limit: number;
  offset: number;
}

function nomenclatureSelect(db: Kysely<DB>) {
  return db
    .selectFrom('nomenclature as n')
    .leftJoin('client as c', 'c.id', 'n.client_id')
    .select(['n.id', 'n.kind', 'n.code', 'n.name', 'n.client_id', 'c.name as client_name', 'n.active', 'n.version', 'n.name_key']);
}

type NomenclatureDbRow = Awaited<ReturnType<ReturnType<typeof nomenclatureSelect>['executeTakeFirstOrThrow']>>;

function toNomenclatureRow(r: NomenclatureDbRow): NomenclatureRow {
  return {
    id: r.id,
    kind: r.kind as NomenclatureKind,
    code: r.code,
    name: r.name,
    clientId: r.client_id,
    clientName: r.client_name ?? null,
    active: !!r.active,
    version: r.version,
  };
}

export async function listNomenclature(db: Kysely<DB>, a: NomenclatureListArgs): Promise<NomenclatureRow[]> {
  const filter = searchFilter(a.search, 'n');
  const rows = await nomenclatureSelect(db)
    .where('n.org_id', '=', a.orgId)
    .where('n.kind', '=', a.kind)
    .where('n.deleted_at', 'is', null)
    .where((eb) => {
      const conds: Expression<SqlBool>[] = [];
      if (!a.includeInactive) conds.push(eb('n.active', '=', 1));
      if (a.clientId) conds.push(eb('n.client_id', '=', a.clientId));
      if (filter) conds.push(filter);
      const matching = eb.and(conds);
      return a.include?.length ? eb.or([matching, eb('n.id', 'in', a.include)]) : matching;
    })
    .orderBy('n.name_key')
    .orderBy('n.id')
    .limit(a.limit)
    .offset(a.offset)
    .execute();
  return rows.map(toNomenclatureRow);
}

export async function loadNomenclature(db: Kysely<DB>, orgId: string, id: string): Promise<NomenclatureRow | null> {
  const r = await nomenclatureSelect(db).where('n.id', '=', id).where('n.org_id', '=', orgId).where('n.deleted_at', 'is', null).executeTakeFirst();
  return r ? toNomenclatureRow(r) : null;
}

/** Another live item of the same kind with this code (case aside), if any. */
export async function nomenclatureCodeOwner(db: Kysely<DB>, orgId: string, kind: NomenclatureKind, code: string, exceptId: string | null): Promise<string | null> {
  const r = await db
    .selectFrom('nomenclature')
    .select('id')
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where(sql<SqlBool>`code = ${code} collate nocase`)
    .where('deleted_at', 'is', null)
    .where('id', '!=', exceptId ?? '')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** How many live interventions refer to an item, through the column its kind fills. */
/** Live records that use an item: visits for a visit source, interventions for the other kinds. */
export async function nomenclatureUses(db: Kysely<DB>, orgId: string, kind: NomenclatureKind, id: string): Promise<number> {
  if (kind === 'visit_source') {
    const v = await db
      .selectFrom('visit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .where('source_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(v.n);
  }
  const column = INTERVENTION_COLUMN[kind];
  const r = await db
    .selectFrom('intervention')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where(column, '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Live interventions using a contract or estimate whose client is not `clientId`. */
export async function usesByOtherClients(db: Kysely<DB>, orgId: string, kind: NomenclatureKind, id: string, clientId: string): Promise<number> {
  // Visit sources belong to no client.
  if (kind === 'visit_source') return 0;
  const column = INTERVENTION_COLUMN[kind];
  const r = await db
    .selectFrom('intervention')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where(column, '=', id)
    .where('client_id', '!=', clientId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- products ----

export interface ProductListArgs {
  orgId: string;
  search?: string;
  includeInactive: boolean;
  include?: string[];
  limit: number;
  offset: number;
}

function toProductRow(r: { id: string; code: string | null; name: string; is_system: number; active: number; version: number }): ProductRow {
  return { id: r.id, code: r.code, name: r.name, isSystem: !!r.is_system, active: !!r.active, version: r.version };
}

export async function listProducts(db: Kysely<DB>, a: ProductListArgs): Promise<{ rows: ProductRow[]; total: number }> {
  const filter = searchFilter(a.search, 'product');
  const base = db
    .selectFrom('product')
    .where('org_id', '=', a.orgId)
    .where('deleted_at', 'is', null)
    .where((eb) => {
      const conds: Expression<SqlBool>[] = [];
      if (!a.includeInactive) conds.push(eb('active', '=', 1));
      if (filter) conds.push(filter);
      const matching = eb.and(conds);
      return a.include?.length ? eb.or([matching, eb('id', 'in', a.include)]) : matching;
    });
  const [rows, count] = await Promise.all([
    base.select(['id', 'code', 'name', 'is_system', 'active', 'version']).orderBy('name_key').orderBy('id').limit(a.limit).offset(a.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toProductRow), total: Number(count.n) };
}

export async function loadProduct(db: Kysely<DB>, orgId: string, id: string): Promise<ProductRow | null> {
  const r = await db
    .selectFrom('product')
    .select(['id', 'code', 'name', 'is_system', 'active', 'version'])
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r ? toProductRow(r) : null;
}

export async function productCodeOwner(db: Kysely<DB>, orgId: string, code: string, exceptId: string | null): Promise<string | null> {
  const r = await db
    .selectFrom('product')
    .select('id')
    .where('org_id', '=', orgId)
    .where(sql<SqlBool>`code = ${code} collate nocase`)
    .where('deleted_at', 'is', null)
    .where('id', '!=', exceptId ?? '')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function productUses(db: Kysely<DB>, orgId: string, id: string): Promise<number> {
  const r = await db
    .selectFrom('intervention')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('object_product_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
