import type { ChatAnswers } from '../../shared/chat/protocol';
import type { MatchedClient, OpenRequest } from '../../shared/chat/routing';
import { reversedDigits, toE164 } from '../../shared/rules/phone';
import { isOpen, type TaskStatus } from '../../shared/rules/tasks/status';
import type { HubDb } from '../db/open';
import { rowOf } from '../store/taskView';

/** Interventions in these states are finished: no one is still responsible for the client's business there. */
const INTERVENTION_DONE = new Set(['finalized', 'cancelled']);

const live = (r: Record<string, unknown> | null): r is Record<string, unknown> => r !== null && (r.deleted_at === undefined || r.deleted_at === null);

/** Live rows of a table whose `column` cell holds `value` (the hub's cells, as the desktop last pushed them). */
async function rowsWhere(db: HubDb, orgId: string, table: string, column: string, value: unknown): Promise<Record<string, unknown>[]> {
  const ids = await db.selectFrom('hub_cell').select('row_id').where('org_id', '=', orgId).where('table_name', '=', table).where('column_name', '=', column).where('value', '=', JSON.stringify(value)).limit(200).execute();
  return (await Promise.all(ids.map((r) => rowOf(db, orgId, table, r.row_id)))).filter(live);
}

/**
 * The client a visitor's questionnaire names: the phone read as the desktop's clients module stores it (E.164 on the
 * organization's country, matched by its reversed digits), else the e-mail (as its lower-case key). Several clients
 * with the same number: the one whose request changed last speaks for it, so all are collected and the freshest wins.
 */
export async function findClients(db: HubDb, orgId: string, answers: ChatAnswers): Promise<string[]> {
  const found: string[] = [];
  if (answers.phone) {
    const org = await rowOf(db, orgId, 'org', orgId);
    const e164 = toE164(answers.phone, typeof org?.country === 'string' ? org.country : 'LV');
    if (e164) for (const p of await rowsWhere(db, orgId, 'client_phone', 'digits_rev', reversedDigits(e164))) if (typeof p.client_id === 'string') found.push(p.client_id);
  }
  if (found.length === 0 && answers.email) {
    for (const e of await rowsWhere(db, orgId, 'client_email', 'address_key', answers.email.trim().toLowerCase())) if (typeof e.client_id === 'string') found.push(e.client_id);
  }
  const clients: string[] = [];
  for (const id of new Set(found)) if (live(await rowOf(db, orgId, 'client', id))) clients.push(id);
  return clients;
}

const stamp = (v: unknown) => (typeof v === 'string' ? Date.parse(v) || 0 : 0);
const person = (...v: unknown[]) => (v.find((x) => typeof x === 'string' && x.length > 0) as string | undefined) ?? null;

/** A client's unfinished interventions and tasks, each with who is responsible for it and its branch. */
export async function openRequestsOf(db: HubDb, orgId: string, clientId: string): Promise<(OpenRequest & { branchId: string | null })[]> {
  const out: (OpenRequest & { branchId: string | null })[] = [];
  for (const i of await rowsWhere(db, orgId, 'intervention', 'client_id', clientId)) {
    if (INTERVENTION_DONE.has(String(i.status))) continue;
    out.push({ kind: 'intervention', id: String(i.id), responsibleId: person(i.responsible_id), updatedAt: stamp(i.updated_at), branchId: person(i.branch_id) });
  }
  for (const t of await rowsWhere(db, orgId, 'task', 'client_id', clientId)) {
    if (!isOpen(String(t.status) as TaskStatus)) continue;
    // The dispatcher who answers for the task, else the one doing it.
    out.push({ kind: 'task', id: String(t.id), responsibleId: person(t.responsible_id, t.assignee_id), updatedAt: stamp(t.updated_at), branchId: person(t.branch_id) });
  }
  return out;
}

/** The recognised client with the freshest open request, or the first match; null when the visitor is not known. */
export async function matchClient(db: HubDb, orgId: string, answers: ChatAnswers): Promise<(MatchedClient & { branchOf: Map<string, string | null> }) | null> {
  const ids = await findClients(db, orgId, answers);
  if (ids.length === 0) return null;
  let best: (MatchedClient & { branchOf: Map<string, string | null> }) | null = null;
  let bestAt = -1;
  for (const clientId of ids) {
    const requests = await openRequestsOf(db, orgId, clientId);
    const at = Math.max(-1, ...requests.filter((r) => r.responsibleId).map((r) => r.updatedAt));
    if (!best || at > bestAt) {
      best = { clientId, openRequests: requests, branchOf: new Map(requests.map((r) => [`${r.kind}:${r.id}`, r.branchId])) };
      bestAt = at;
    }
  }
  return best;
}
