import { sql } from 'kysely';
import type { FieldPhotoType } from '../../shared/sync/field';
import type { Engine } from '../db/migrations';
import type { HubDb } from '../db/open';
import type { HubDevice, HubLink } from '../db/schema';
import { branchesOf } from './devices';
import { queueAction } from './links';

export interface NewPhoto {
  id: string;
  name: string;
  mime: FieldPhotoType;
  data: Buffer;
}

/** Queues a photo action and keeps its bytes beside it, in one transaction; a repeated id stores nothing. */
export async function queuePhoto(db: HubDb, engine: Engine, link: HubLink, photo: NewPhoto, now: number): Promise<boolean> {
  return queueAction(db, engine, link, { id: photo.id, kind: 'photo', text: photo.name }, now, async (trx) => {
    await trx
      .insertInto('hub_field_photo')
      .values({ action_id: photo.id, org_id: link.org_id, link_id: link.id, name: photo.name, mime: photo.mime, size: photo.data.length, data: photo.data.toString('base64'), at: now })
      .execute();
  });
}

/** A photo of one of the device's branches, or null (another branch's, or dropped after it was pulled). */
export async function photoFor(db: HubDb, device: Pick<HubDevice, 'org_id' | 'branch_ids'>, actionId: string) {
  const branches = branchesOf(device.branch_ids);
  let q = db
    .selectFrom('hub_field_photo as p')
    .innerJoin('hub_field_action as a', (j) => j.onRef('a.org_id', '=', 'p.org_id').onRef('a.id', '=', 'p.action_id'))
    .select(['p.action_id', 'p.name', 'p.mime', 'p.data'])
    .where('p.org_id', '=', device.org_id)
    .where('p.action_id', '=', actionId);
  if (branches !== null) q = branches.length ? q.where('a.branch_id', 'in', branches) : q.where(sql<boolean>`1 = 0`);
  const row = await q.executeTakeFirst();
  return row ? { actionId: row.action_id, name: row.name, mime: row.mime as FieldPhotoType, data: row.data } : null;
}

/**
 * A device that pulls after `cursor` has committed every action up to it: their photos are on its side now and leave
 * the hub (the desktop's attachment, synced back as a cell, is the copy that stays).
 */
export async function dropPulledPhotos(db: HubDb, device: Pick<HubDevice, 'org_id' | 'branch_ids'>, cursor: number): Promise<void> {
  if (cursor <= 0) return;
  const branches = branchesOf(device.branch_ids);
  if (branches !== null && branches.length === 0) return;
  let pulled = db.selectFrom('hub_field_action').select('id').where('org_id', '=', device.org_id).where('seq', '<=', cursor).where('kind', '=', 'photo');
  if (branches !== null) pulled = pulled.where('branch_id', 'in', branches);
  await db.deleteFrom('hub_field_photo').where('org_id', '=', device.org_id).where('action_id', 'in', pulled).execute();
}

