import type { HubDb } from '../db/open';
import { createCode } from './devices';

/**
 * Marks a device to rebuild its data from the hub: its next sync pushes what it holds, is told, and rebuilds. False
 * when there is no such active device.
 */
export async function requestReset(db: HubDb, deviceId: string, now: number): Promise<boolean> {
  const r = await db.updateTable('hub_device').set({ reset_requested_at: now }).where('id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The device rebuilt for the reset asked at `at`; a newer request (asked again meanwhile) stays. */
export async function clearReset(db: HubDb, deviceId: string, at: number): Promise<boolean> {
  const r = await db.updateTable('hub_device').set({ reset_requested_at: null }).where('id', '=', deviceId).where('reset_requested_at', '=', at).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface RebuildCode {
  /** null: a code for every branch (head office). */
  branch: string | null;
  code: string;
}

/**
 * Starts rebuilding an organization on a hub whose database was lost: the organization is made again under its own
 * id, and one join code is made per branch given (or one for every branch). Each device registered with such a code
 * pushes everything it holds, so the hub's cells come back from the devices by the usual merge. Refused when the
 * organization is already on this hub: a hub that still has it needs no rebuild, and joining it is `code --org`.
 */
export async function startRebuild(db: HubDb, input: { orgId: string; name: string; branches: string[] }, now: number, ttlMs: number): Promise<RebuildCode[]> {
  const exists = await db.selectFrom('hub_organization').select('id').where('id', '=', input.orgId).executeTakeFirst();
  if (exists) throw new Error(`organization ${input.orgId} is already on this hub: give its devices join codes (code --org) instead`);
  await db.insertInto('hub_organization').values({ id: input.orgId, name: input.name, created_at: now, last_push_at: null }).execute();
  const out: RebuildCode[] = [];
  for (const branch of input.branches.length ? input.branches : [null]) {
    out.push({ branch, code: await createCode(db, { org: input.orgId, branches: branch ? [branch] : [] }, now, ttlMs) });
  }
  return out;
}
