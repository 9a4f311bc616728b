import type { HubDb } from '../db/open';
import { rowOf } from '../store/taskView';

/**
 * What a client's portal shows, read from the hub's current cells (the organization's desktops are the writers; this
 * is their last pushed state). Only what is meant for the client: interventions with their public timeline entries,
 * visits, tasks by number, subject and status — never internal notes, prices, phones of staff or private entries.
 */

export interface PortalEntry {
  id: string;
  at: string;
  text: string;
}

export interface PortalIntervention {
  id: string;
  /** The final number, else the provisional one (flagged), else null (a draft). */
  number: string | null;
  provisional: boolean;
  docDate: string | null;
  status: string;
  startAt: string | null;
  endAt: string | null;
  type: string | null;
  object: string | null;
  objectSerial: string | null;
  address: string | null;
  branch: string | null;
  takenBy: string | null;
  responsible: string | null;
  finalizedAt: string | null;
  cancelledAt: string | null;
  zone: string | null;
  entries: PortalEntry[];
}

export interface PortalVisit {
  id: string;
  startsAt: string;
  endsAt: string;
  status: string;
  service: string | null;
  employee: string | null;
  branch: string | null;
  zone: string | null;
}

export interface PortalTask {
  id: string;
  number: string | null;
  provisional: boolean;
  subject: string | null;
  status: string;
  dueDate: string | null;
  docDate: string | null;
}

export interface PortalView {
  orgName: string;
  clientName: string | null;
  interventions: PortalIntervention[];
  visits: PortalVisit[];
  tasks: PortalTask[];
}

/** Closed interventions, visits and tasks older than this are not listed: the portal is about what is going on. */
export const RECENT_DAYS = 90;
const DAY = 24 * 3600_000;
/** Bounds of what one page lists (a client with years of history is still one quick page). */
const MOST = 50;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const alive = (r: Record<string, unknown> | null): r is Record<string, unknown> => r !== null && (r.deleted_at === undefined || r.deleted_at === null);

/** An organization's live rows of one table whose `column` cell holds `value`. */
export async function rowsWhere(db: HubDb, orgId: string, table: string, column: string, value: string): Promise<Record<string, unknown>[]> {
  const ids = await db
    .selectFrom('hub_cell')
    .select('row_id')
    .where('org_id', '=', orgId)
    .where('table_name', '=', table)
    .where('column_name', '=', column)
    .where('value', '=', JSON.stringify(value))
    .execute();
  const rows = await Promise.all(ids.map((n) => rowOf(db, orgId, table, n.row_id)));
  return rows.filter(alive);
}

/** Names of referenced rows, each looked up once per page. */
function namer(db: HubDb, orgId: string) {
  const cache = new Map<string, Record<string, unknown> | null>();
  const row = async (table: string, id: unknown) => {
    if (typeof id !== 'string' || !id) return null;
    const key = `${table}:${id}`;
    if (!cache.has(key)) cache.set(key, await rowOf(db, orgId, table, id));
    return cache.get(key) ?? null;
  };
  return { row, name: async (table: string, id: unknown) => str((await row(table, id))?.name) };
}

const isOpen = (status: string) => status !== 'finalized' && status !== 'cancelled';

export async function portalView(db: HubDb, orgId: string, clientId: string, now: number): Promise<PortalView> {
  const names = namer(db, orgId);
  const since = new Date(now - RECENT_DAYS * DAY).toISOString();
  const org = await db.selectFrom('hub_organization').select('name').where('id', '=', orgId).executeTakeFirst();
  const client = await rowOf(db, orgId, 'client', clientId);

  const interventions: PortalIntervention[] = [];
  for (const r of await rowsWhere(db, orgId, 'intervention', 'client_id', clientId)) {
    const status = str(r.status) ?? 'received';
    const closedAt = str(r.finalized_at) ?? str(r.cancelled_at) ?? str(r.updated_at) ?? '';
    if (!isOpen(status) && closedAt < since) continue;
    interventions.push(await interventionOf(names, r));
  }
  // Open ones first, then the newest.
  interventions.sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || String(b.docDate).localeCompare(String(a.docDate)));
  interventions.splice(MOST);
  for (const i of interventions) i.entries = await publicEntries(db, orgId, i.id);

  const visits: PortalVisit[] = [];
  for (const r of await rowsWhere(db, orgId, 'visit', 'client_id', clientId)) {
    const endsAt = str(r.ends_at) ?? '';
    if (endsAt < since) continue;
    const branch = await names.row('branch', r.branch_id);
    visits.push({
      id: String(r.id),
      startsAt: str(r.starts_at) ?? '',
      endsAt,
      status: str(r.status) ?? 'booked',
      service: await names.name('service', r.service_id),
      employee: await names.name('app_user', r.user_id),
      branch: str(branch?.name),
      zone: str(branch?.time_zone),
    });
  }
  // Coming ones soonest first, then the past ones newest first.
  const nowIso = new Date(now).toISOString();
  visits.sort((a, b) => Number(b.endsAt >= nowIso) - Number(a.endsAt >= nowIso) || (a.endsAt >= nowIso ? a.startsAt.localeCompare(b.startsAt) : b.startsAt.localeCompare(a.startsAt)));
  visits.splice(MOST);

  const tasks: PortalTask[] = [];
  for (const r of await rowsWhere(db, orgId, 'task', 'client_id', clientId)) {
    const status = str(r.status) ?? 'new';
    const closed = status === 'done' || status === 'cancelled';
    if (closed && (str(r.updated_at) ?? '') < since) continue;
    tasks.push({
      id: String(r.id),
      number: str(r.number) ?? str(r.provisional_number),
      provisional: !str(r.number) && !!str(r.provisional_number),
      subject: str(r.subject),
      status,
      dueDate: str(r.due_date),
      docDate: str(r.doc_date),
    });
  }
  tasks.sort((a, b) => String(b.docDate).localeCompare(String(a.docDate)));
  tasks.splice(MOST);

  return { orgName: org?.name ?? '', clientName: str(client?.name), interventions, visits, tasks };
}

async function interventionOf(names: ReturnType<typeof namer>, r: Record<string, unknown>): Promise<PortalIntervention> {
  const branch = await names.row('branch', r.branch_id);
  return {
    id: String(r.id),
    number: str(r.number) ?? str(r.provisional_number),
    provisional: !str(r.number) && !!str(r.provisional_number),
    docDate: str(r.doc_date),
    status: str(r.status) ?? 'received',
    startAt: str(r.start_at),
    endAt: str(r.end_at),
    type: await names.name('nomenclature', r.type_id),
    object: await names.name('product', r.object_product_id),
    objectSerial: str(r.object_serial),
    address: [r.address, r.locality, r.county].map(str).filter(Boolean).join(', ') || null,
    branch: str(branch?.name),
    takenBy: await names.name('app_user', r.taken_by_id),
    responsible: await names.name('app_user', r.responsible_id),
    finalizedAt: str(r.finalized_at),
    cancelledAt: str(r.cancelled_at),
    zone: str(branch?.time_zone),
    entries: [],
  };
}

/** The timeline entries a person marked public, oldest first; private ones never leave the hub's cells. */
async function publicEntries(db: HubDb, orgId: string, interventionId: string): Promise<PortalEntry[]> {
  const notes = (await rowsWhere(db, orgId, 'intervention_note', 'intervention_id', interventionId)).filter((n) => n.is_public === 1 || n.is_public === true);
  notes.sort((a, b) => String(a.at).localeCompare(String(b.at)) || String(a.id).localeCompare(String(b.id)));
  return notes.map((n) => ({ id: String(n.id), at: String(n.at ?? ''), text: String(n.text ?? '') }));
}

/** One intervention of the client, for its printable form (an old closed one still prints); null when not theirs. */
export async function portalIntervention(db: HubDb, orgId: string, clientId: string, interventionId: string): Promise<PortalIntervention | null> {
  const row = await rowOf(db, orgId, 'intervention', interventionId);
  if (!alive(row) || row.client_id !== clientId) return null;
  const found = await interventionOf(namer(db, orgId), row);
  found.entries = await publicEntries(db, orgId, interventionId);
  return found;
}
