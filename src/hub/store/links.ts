import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { FieldAction, linkRequest } from '../../shared/sync/field';
import type { Engine } from '../db/migrations';
import type { HubDb } from '../db/open';
import type { HubDevice, HubLink } from '../db/schema';
import { linkHash, newLinkToken } from '../keys';
import { branchesOf } from './devices';

/** Mints a link for a device's branch; the token is returned once and stored only hashed. */
export async function mintLink(db: HubDb, device: Pick<HubDevice, 'id' | 'org_id'>, input: z.output<typeof linkRequest>, now: number): Promise<{ linkId: string; token: string }> {
  const token = newLinkToken();
  const linkId = randomUUID();
  await db
    .insertInto('hub_link')
    .values({
      id: linkId,
      token_hash: linkHash(token),
      org_id: device.org_id,
      device_id: device.id,
      branch_id: input.branchId,
      employee_id: input.employeeId,
      task_id: input.taskId,
      language: input.language,
      created_at: now,
      expires_at: input.expiresAt,
      revoked_at: null,
    })
    .execute();
  return { linkId, token };
}

/** Revokes a link of the device's organization; false when there is none (or it was revoked before). */
export async function revokeLink(db: HubDb, orgId: string, linkId: string, now: number): Promise<boolean> {
  const r = await db.updateTable('hub_link').set({ revoked_at: now }).where('id', '=', linkId).where('org_id', '=', orgId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function linkByToken(db: HubDb, token: string): Promise<HubLink | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  return db.selectFrom('hub_link').selectAll().where('token_hash', '=', linkHash(token)).executeTakeFirst();
}

export type NewAction = { id: string; kind: string; text: string | null };

/**
 * Queues an employee's action. On PostgreSQL the organization's row is locked first, so actions commit in seq order
 * and a device's cursor never passes one that commits later (SQLite has one writer anyway). A repeated id stores
 * nothing: false.
 */
export async function queueAction(db: HubDb, engine: Engine, link: HubLink, action: NewAction, now: number, alongside?: (trx: HubDb) => Promise<void>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (engine === 'pg') await sql`select id from hub_organization where id = ${link.org_id} for update`.execute(trx);
    const r = await trx
      .insertInto('hub_field_action')
      .values({ id: action.id, org_id: link.org_id, link_id: link.id, branch_id: link.branch_id, task_id: link.task_id, employee_id: link.employee_id, kind: action.kind, text: action.text, at: now })
      .onConflict((oc) => oc.columns(['org_id', 'id']).doNothing())
      .returning('seq')
      .executeTakeFirst();
    // What the action carries beyond its row (a photo's bytes) commits with it, or not at all.
    if (r !== undefined && alongside) await alongside(trx);
    return r !== undefined;
  });
}

/** How many actions a link has queued: a cap keeps one leaked link from filling the queue. */
export async function actionCount(db: HubDb, linkId: string): Promise<number> {
  const r = await db.selectFrom('hub_field_action').select((eb) => eb.fn.countAll<number>().as('n')).where('link_id', '=', linkId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function actionsOfLink(db: HubDb, linkId: string): Promise<{ id: string; kind: string; text: string | null; at: number }[]> {
  return db.selectFrom('hub_field_action').select(['id', 'kind', 'text', 'at']).where('link_id', '=', linkId).orderBy('seq').execute();
}

/** The device's branches' actions after `cursor`, oldest first; the cursor never passes an action not yet committed. */
export async function pullActions(db: HubDb, device: Pick<HubDevice, 'org_id' | 'branch_ids'>, cursor: number, limit: number): Promise<{ actions: FieldAction[]; cursor: number; more: boolean }> {
  const last = Number((await db.selectFrom('hub_field_action').select((eb) => eb.fn.max('seq').as('m')).where('org_id', '=', device.org_id).executeTakeFirst())?.m ?? 0);
  if (last <= cursor) return { actions: [], cursor, more: false };
  const branches = branchesOf(device.branch_ids);
  let q = db.selectFrom('hub_field_action').selectAll().where('org_id', '=', device.org_id).where('seq', '>', cursor).where('seq', '<=', last);
  if (branches !== null) q = branches.length ? q.where('branch_id', 'in', branches) : q.where(sql<boolean>`1 = 0`);
  const rows = await q.orderBy('seq').limit(limit + 1).execute();
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    actions: page.map((r) => ({ id: r.id, seq: Number(r.seq), kind: r.kind, taskId: r.task_id, employeeId: r.employee_id, branchId: r.branch_id, at: Number(r.at), text: r.text })),
    cursor: more ? Number(page[page.length - 1]!.seq) : last,
    more,
  };
}
