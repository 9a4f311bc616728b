import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { CONFLICT_KINDS, conflictSide, type SyncConflict } from '../../../shared/api/sync';
import { can, type Module } from '../../../shared/permissions';
import { seesBranch, visibleBranchIds, type ScopeUser } from '../../api/visibility';

/** The module whose read right shows a table's rows: a conflict is listed only to those who may read both versions. */
const TABLE_MODULE: Record<string, Module> = {
  intervention: 'interventions',
  intervention_note: 'interventions',
  visit: 'calendar',
  visit_line: 'calendar',
  visit_payment: 'calendar',
  client: 'clients',
};
export const moduleOfTable = (table: string): Module => TABLE_MODULE[table] ?? 'organization';

/** The tables whose conflicts this user may see (by module right), or null for every one. */
function readableTables(user: ScopeUser): string[] | null {
  const hidden = Object.entries(TABLE_MODULE).filter(([, m]) => !can(user.role, m, 'read'));
  return hidden.length ? hidden.map(([t]) => t) : null;
}

function openFor(db: Kysely<DB>, user: ScopeUser) {
  let q = db.selectFrom('sync_conflict').where('org_id', '=', user.orgId).where('resolved_at', 'is', null);
  const branches = visibleBranchIds(user);
  if (branches) q = q.where((eb) => eb.or([eb('branch_id', 'is', null), ...(branches.length ? [eb('branch_id', 'in', branches)] : [])]));
  const hidden = readableTables(user);
  if (hidden) q = q.where('table_name', 'not in', hidden);
  return q;
}

export async function openConflictCount(db: Kysely<DB>, user: ScopeUser): Promise<number> {
  const row = await openFor(db, user).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every open conflict of the organization, for the event all its readers hear (each window then asks its own count). */
export async function orgConflictCount(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('sync_conflict')
    .where('org_id', '=', orgId)
    .where('resolved_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

type Side = SyncConflict['kept'];
/** As the replica stores a side: the writing device's HLC node, when, and the values it wrote. */
const storedSide = conflictSide.pick({ at: true, values: true }).extend({ node: z.string().optional() });

/** A stored side as the screen shows it: this computer named when it wrote it; another device is "another computer". */
function side(json: string | null, here: { node: string; name: string | null }): Side {
  const parsed = json ? storedSide.safeParse(JSON.parse(json)) : null;
  if (!parsed?.success) return { deviceName: null, userName: null, at: '1970-01-01T00:00:00.000Z', values: {} };
  const { node, at, values } = parsed.data;
  return { deviceName: node === here.node ? here.name : null, userName: null, at, values };
}

/** A status column diverging is its own kind (the screen says "two statuses"); any other column is a field. */
function kindOf(kind: string, values: Record<string, unknown>): SyncConflict['kind'] {
  if ((CONFLICT_KINDS as readonly string[]).includes(kind)) return kind as SyncConflict['kind'];
  if (kind === 'slot') return 'slot_double_booked';
  return 'status' in values ? 'status_diverged' : 'field_diverged';
}

/** The open conflicts this user may resolve, newest first. */
export async function listConflicts(db: Kysely<DB>, user: ScopeUser): Promise<SyncConflict[]> {
  const rows = await openFor(db, user).selectAll().orderBy('detected_at', 'desc').orderBy('id').limit(500).execute();
  const dev = await db.selectFrom('sync_device').select(['installation_id', 'device_name']).where('id', '=', 1).executeTakeFirst();
  const here = { node: dev ? dev.installation_id.replace(/-/g, '') : '', name: dev?.device_name ?? null };
  const sides = rows.map((r) => [side(r.kept, here), side(r.other, here)] as const);
  const names = await namesOf(db, user.orgId, sides.flat());
  return rows.map((r, i) => {
    const [kept, other] = sides[i]!;
    const named = Object.fromEntries([...Object.values(kept.values), ...Object.values(other.values)].filter((v): v is string => typeof v === 'string' && names.has(v)).map((v) => [v, names.get(v)!]));
    return {
      id: r.id,
      kind: kindOf(r.kind, { ...kept.values, ...other.values }),
      table: r.table_name,
      rowId: r.row_id,
      title: r.title ?? r.row_id,
      branchId: r.branch_id,
      detectedAt: r.detected_at,
      kept,
      other,
      otherRowId: r.other_row_id,
      names: named,
    };
  });
}

/** Columns that hold a person's or a client's id: shown by name. */
const PEOPLE = ['user_id', 'responsible_id', 'taken_by_id'];

async function namesOf(db: Kysely<DB>, orgId: string, sides: readonly Side[]): Promise<Map<string, string>> {
  const ids = (columns: readonly string[]) => [...new Set(sides.flatMap((s) => columns.map((c) => s.values[c]).filter((v): v is string => typeof v === 'string')))];
  const out = new Map<string, string>();
  const people = ids(PEOPLE);
  const clients = ids(['client_id']);
  if (people.length) for (const u of await db.selectFrom('app_user').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', people).execute()) out.set(u.id, u.name);
  if (clients.length) for (const c of await db.selectFrom('client').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', clients).execute()) out.set(c.id, c.name);
  return out;
}

/** One open conflict the user may resolve, or undefined (another organization's, another branch's, or closed). */
export async function loadOpenConflict(db: Kysely<DB>, user: ScopeUser, id: string) {
  const row = await openFor(db, user).selectAll().where('id', '=', id).executeTakeFirst();
  return row && seesBranch(user, row.branch_id) ? row : undefined;
}
