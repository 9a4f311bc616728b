import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChatAction } from '../../shared/chat/actions';
import type { HubDb } from '../db/open';
import type { HubDB, HubDevice } from '../db/schema';
import { branchesOf } from './devices';

type Trx = Transaction<HubDB> | Kysely<HubDB>;

export interface NewChatAction {
  id: string;
  orgId: string;
  branchId: string;
  kind: string;
  conversationId: string;
  payload: unknown;
  at: number;
}

/**
 * Queues an action inside a chat write: that write holds the organization's chat row first (`rev`), so actions of one
 * organization commit in `seq` order and a desktop's cursor never passes one committed later. A repeated id: false.
 */
export async function queueChatAction(trx: Trx, a: NewChatAction): Promise<boolean> {
  const r = await trx
    .insertInto('hub_chat_action')
    .values({ id: a.id, org_id: a.orgId, branch_id: a.branchId, kind: a.kind, conversation_id: a.conversationId, payload: JSON.stringify(a.payload), at: a.at })
    .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
    .returning('seq')
    .executeTakeFirst();
  return r !== undefined;
}

/** The device's branches' chat actions after `cursor`, oldest first. */
export async function pullChatActions(db: HubDb, device: Pick<HubDevice, 'org_id' | 'branch_ids'>, cursor: number, limit: number): Promise<{ actions: ChatAction[]; cursor: number; more: boolean }> {
  const last = Number((await db.selectFrom('hub_chat_action').select((eb) => eb.fn.max('seq').as('m')).where('org_id', '=', device.org_id).executeTakeFirst())?.m ?? 0);
  if (last <= cursor) return { actions: [], cursor, more: false };
  const branches = branchesOf(device.branch_ids);
  let q = db.selectFrom('hub_chat_action').selectAll().where('org_id', '=', device.org_id).where('seq', '>', cursor).where('seq', '<=', last);
  if (branches !== null) q = branches.length ? q.where('branch_id', 'in', branches) : q.where(sql<boolean>`1 = 0`);
  const rows = await q.orderBy('seq').limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    actions: page.map((r) => ({ id: r.id, seq: Number(r.seq), kind: r.kind, conversationId: r.conversation_id, branchId: r.branch_id, at: Number(r.at), payload: JSON.parse(r.payload) as unknown })),
    cursor: more ? Number(page[page.length - 1]!.seq) : last,
    more,
  };
}
