import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ClientDetail, ClientListRow } from '../../../shared/api/clients';
import type { Language } from '../../../shared/i18n/languages';
import { looksLikePhone, reversedDigits } from '../../../shared/rules/phone';
import { ftsQuery } from '../../db/fts';

export const CHILD_TABLES = ['client_phone', 'client_email', 'client_address', 'client_contact'] as const;
export type ChildTable = (typeof CHILD_TABLES)[number];

export interface ListArgs {
  orgId: string;
  search?: string;
  sort: 'name' | 'fiscalCode' | 'updatedAt';
  desc: boolean;
  limit: number;
  offset: number;
}

const SORT_COLUMNS = { name: 'c.name_key', fiscalCode: 'c.fiscal_code', updatedAt: 'c.updated_at' } as const;

/**
 * The rowids matching a search, as one subquery: names by FTS word prefix, phones by trailing digits, codes by prefix.
 * The outer query then looks rows up by rowid instead of filtering every client of the organization (250 ms → 2 ms at 100,000).
 */
function matchingRowids(orgId: string, search: string) {
  const code = search.trim().toUpperCase();
  const parts = [sql`select rowid from client where org_id = ${orgId} and deleted_at is null and fiscal_code >= ${code} and fiscal_code < ${`${code}\uffff`}`];
  if (looksLikePhone(search)) {
    const rev = reversedDigits(search);
    parts.push(
      sql`select c2.rowid from client_phone p join client c2 on c2.id = p.client_id
          where p.org_id = ${orgId} and p.digits_rev >= ${rev} and p.digits_rev < ${`${rev}\uffff`} and p.deleted_at is null`,
    );
  }
  const fts = ftsQuery(search);
  if (fts) parts.push(sql`select rowid from client_fts where client_fts match ${fts}`);
  return sql.join(parts, sql` union `);
}

interface ListRowData {
  id: string;
  kind: string;
  name: string;
  fiscal_code: string | null;
  primary_phone: string | null;
  primary_email: string | null;
  primary_locality: string | null;
  responsible_name: string | null;
  updated_at: string;
}

const toListRow = (r: ListRowData): ClientListRow => ({
  id: r.id,
  kind: r.kind as ClientListRow['kind'],
  name: r.name,
  fiscalCode: r.fiscal_code,
  phone: r.primary_phone,
  email: r.primary_email,
  locality: r.primary_locality,
  responsibleName: r.responsible_name ?? null,
  updatedAt: r.updated_at,
});

/** The organization's live clients, as the triggers of `client_count` keep them on every write: exact, and not counted. */
export async function liveClientCount(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await sql<{ n: number }>`select n from client_count where org_id = ${orgId}`.execute(db);
  return row.rows[0]?.n ?? 0;
}

export async function listClients(db: Kysely<DB>, a: ListArgs): Promise<{ rows: ClientListRow[]; total: number }> {
  const search = a.search?.trim();
  if (search) return searchClients(db, a, search);
  const dir = a.desc ? 'desc' : 'asc';
  const [rows, total] = await Promise.all([
    db
      .selectFrom('client as c')
      .where('c.deleted_at', 'is', null)
      .where('c.org_id', '=', a.orgId)
      .leftJoin('app_user as u', 'u.id', 'c.responsible_id')
      .select(['c.id', 'c.kind', 'c.name', 'c.fiscal_code', 'c.primary_phone', 'c.primary_email', 'c.primary_locality', 'u.name as responsible_name', 'c.updated_at'])
      .orderBy(SORT_COLUMNS[a.sort], dir)
      .orderBy('c.id', dir)
      .limit(a.limit)
      .offset(a.offset)
      .execute(),
    liveClientCount(db, a.orgId),
  ]);
  return { total, rows: rows.map(toListRow) };
}

/**
 * A search's page and its total from one statement that finds the matches once (FTS, phones, codes): the matches are
 * kept narrow (rowid, sort key, id) to be counted and sorted, and only the page's 100 rows are read whole. Sorting
 * whole rows and running the search a second time for the count cost 5× as much for a common name prefix. The total
 * rides on a row of its own, so a page past the end still says how many there are.
 */
async function searchClients(db: Kysely<DB>, a: ListArgs, search: string): Promise<{ rows: ClientListRow[]; total: number }> {
  const key = sql.ref(SORT_COLUMNS[a.sort]);
  const dir = sql.raw(a.desc ? 'desc' : 'asc');
  // `+org_id` keeps SQLite from scanning the organization's index and makes it look the matches up by rowid.
  const { rows } = await sql<Partial<ListRowData> & { total: number }>`
    with m as materialized (
      select c.rowid as r, ${key} as k, c.id as id from client c
      where c.deleted_at is null and +c.org_id = ${a.orgId} and c.rowid in (${matchingRowids(a.orgId, search)})
    )
    select t.total, c.id, c.kind, c.name, c.fiscal_code, c.primary_phone, c.primary_email, c.primary_locality,
           u.name as responsible_name, c.updated_at
    from (select count(*) as total from m) t
    left join (select r, k, id from m order by k ${dir}, id ${dir} limit ${a.limit} offset ${a.offset}) p on true
    left join client c on c.rowid = p.r
    left join app_user u on u.id = c.responsible_id
    order by p.k ${dir}, p.id ${dir}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.filter((r) => r.id != null).map((r) => toListRow(r as ListRowData)) };
}

export async function loadClient(db: Kysely<DB>, orgId: string, id: string): Promise<ClientDetail | null> {
  const c = await db.selectFrom('client').selectAll().where('id', '=', id).where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!c) return null;
  const live = <T extends ChildTable>(t: T) =>
    db.selectFrom(t as ChildTable).selectAll().where('client_id', '=', id).where('deleted_at', 'is', null).orderBy('position').execute();
  const [phones, emails, addresses, contacts] = await Promise.all([live('client_phone'), live('client_email'), live('client_address'), live('client_contact')]);
  return {
    id: c.id,
    kind: c.kind as ClientDetail['kind'],
    name: c.name,
    fiscalCode: c.fiscal_code,
    preferredLanguage: c.preferred_language as Language | null,
    notes: c.notes,
    responsibleId: c.responsible_id,
    phones: (phones as any[]).map((p) => ({ number: p.number, label: p.label, ...(p.not_found_at ? { notFoundAt: p.not_found_at } : {}) })),
    emails: (emails as any[]).map((e) => ({ address: e.address, label: e.label })),
    addresses: (addresses as any[]).map((a) => ({ label: a.label, street: a.street, locality: a.locality, county: a.county, postalCode: a.postal_code, country: a.country })),
    contacts: (contacts as any[]).map((k) => ({ id: k.id, name: k.name, position: k.job_position, phone: k.phone, email: k.email })),
    version: c.version,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}
