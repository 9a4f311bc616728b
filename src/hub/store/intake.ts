import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { HubDb } from '../db/open';
import type { HubDB, HubDevice } from '../db/schema';
import type { IntakeItem, WebFields, webAttachment } from '../../shared/sync/intake';
import { branchesOf } from './devices';

type Attachment = z.infer<typeof webAttachment>;

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A reference the visitor can read out on the phone: no 0/O or 1/I to confuse. */
export function newReference(): string {
  return `W-${[...randomBytes(7)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

/** Stores a submission for its branch inside the caller's transaction; its id is what the device's record is unique on. */
export async function storeSubmission(trx: Kysely<HubDB>, s: { orgId: string; branchId: string; fields: WebFields; attachments: Attachment[]; now: number }): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const reference = newReference();
  await trx
    .insertInto('hub_intake')
    .values({ id, org_id: s.orgId, branch_id: s.branchId, reference, payload: JSON.stringify(s.fields), attachments: JSON.stringify(s.attachments), received_at: s.now, delivered_at: null })
    .execute();
  return { id, reference };
}

/**
 * Marks the submissions a device made tasks of as delivered (only its own organization's and branches'), then reads
 * the next undelivered ones for its branches after `after`. A submission the device took but did not acknowledge
 * (it crashed before its commit) comes again on its next round: the device's record makes that a no-op.
 */
export async function intakeFor(db: HubDb, device: HubDevice, req: { ack: string[]; after: number; limit: number }, now: number): Promise<{ items: IntakeItem[]; more: boolean }> {
  const branches = branchesOf(device.branch_ids);
  if (req.ack.length) {
    let upd = db.updateTable('hub_intake').set({ delivered_at: now }).where('org_id', '=', device.org_id).where('id', 'in', req.ack).where('delivered_at', 'is', null);
    if (branches) upd = upd.where('branch_id', 'in', branches.length ? branches : ['']);
    await upd.execute();
  }
  let q = db
    .selectFrom('hub_intake')
    .select(['seq', 'id', 'branch_id', 'reference', 'payload', 'attachments', 'received_at'])
    .where('org_id', '=', device.org_id)
    .where('delivered_at', 'is', null)
    .where('seq', '>', req.after)
    .orderBy('seq')
    .limit(req.limit + 1);
  if (branches) q = q.where('branch_id', 'in', branches.length ? branches : ['']);
  const rows = await q.execute();
  const items = rows.slice(0, req.limit).map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    branchId: r.branch_id,
    reference: r.reference,
    receivedAt: Number(r.received_at),
    fields: JSON.parse(r.payload) as WebFields,
    attachments: JSON.parse(r.attachments) as Attachment[],
  }));
  return { items, more: rows.length > req.limit };
}
