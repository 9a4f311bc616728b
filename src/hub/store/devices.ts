import { randomUUID } from 'node:crypto';
import type { HubDb } from '../db/open';
import type { HubDevice } from '../db/schema';
import { codeHash, keyHash, newCode, newDeviceKey } from '../keys';

export const CODE_TTL_MS = 24 * 3_600_000;

export type CodeSpec = { newOrg: string } | { org: string; branches: string[] };

/** Makes a one-time code (shown once; only its hash is kept). Joining an organization needs it to exist. */
export async function createCode(db: HubDb, spec: CodeSpec, now: number, ttlMs = CODE_TTL_MS): Promise<string> {
  if ('org' in spec) {
    const org = await db.selectFrom('hub_organization').select('id').where('id', '=', spec.org).executeTakeFirst();
    if (!org) throw new Error(`no organization ${spec.org} on this hub`);
  }
  const code = newCode();
  await db
    .insertInto('hub_code')
    .values({
      code_hash: codeHash(code),
      kind: 'newOrg' in spec ? 'new_org' : 'join_org',
      org_id: 'org' in spec ? spec.org : null,
      org_name: 'newOrg' in spec ? spec.newOrg : null,
      branch_ids: 'org' in spec && spec.branches.length ? JSON.stringify(spec.branches) : null,
      created_at: now,
      expires_at: now + ttlMs,
      used_at: null,
      used_by: null,
    })
    .execute();
  return code;
}

export type RedeemResult =
  | { ok: true; deviceId: string; deviceKey: string; orgId: string; branchIds: string[] }
  | { ok: false; code: 'hub.code_invalid' | 'hub.other_org' };

/**
 * Redeems a code for a new device, in one transaction: the code is marked used by a conditional update, so two
 * devices typing the same code at once get one device between them. A new-organization code creates the device's
 * own organization on the hub (its id is the desktop's); a join code adds the device to that organization if it
 * holds none yet or the same one.
 */
export async function redeemCode(
  db: HubDb,
  input: { code: string; deviceName: string; orgId: string | null; schemaVersion: number },
  now: number,
): Promise<RedeemResult> {
  return db.transaction().execute(async (trx) => {
    const hash = codeHash(input.code);
    const code = await trx.selectFrom('hub_code').selectAll().where('code_hash', '=', hash).executeTakeFirst();
    if (!code || code.used_at !== null || code.expires_at <= now) return { ok: false, code: 'hub.code_invalid' } as const;
    let orgId: string;
    if (code.kind === 'new_org') {
      // A device with no organization has nothing to found one with; an organization already here needs a join code.
      if (input.orgId === null) return { ok: false, code: 'hub.other_org' } as const;
      const exists = await trx.selectFrom('hub_organization').select('id').where('id', '=', input.orgId).executeTakeFirst();
      if (exists) return { ok: false, code: 'hub.other_org' } as const;
      orgId = input.orgId;
    } else {
      orgId = code.org_id!;
      if (input.orgId !== null && input.orgId !== orgId) return { ok: false, code: 'hub.other_org' } as const;
    }
    const deviceId = randomUUID();
    const used = await trx
      .updateTable('hub_code')
      .set({ used_at: now, used_by: deviceId })
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return { ok: false, code: 'hub.code_invalid' } as const;
    if (code.kind === 'new_org') await trx.insertInto('hub_organization').values({ id: orgId, name: code.org_name!, created_at: now, last_push_at: null }).execute();
    const deviceKey = newDeviceKey();
    await trx
      .insertInto('hub_device')
      .values({
        id: deviceId,
        org_id: orgId,
        name: input.deviceName,
        key_hash: keyHash(deviceKey),
        branch_ids: code.branch_ids,
        schema_version: input.schemaVersion,
        created_at: now,
        last_seen_at: now,
        revoked_at: null,
        reset_requested_at: null,
      })
      .execute();
    return { ok: true, deviceId, deviceKey, orgId, branchIds: branchesOf(code.branch_ids) ?? [] } as const;
  });
}

/** A device's branches; null: every branch of its organization (head office). */
export function branchesOf(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

export async function deviceByKey(db: HubDb, key: string): Promise<HubDevice | undefined> {
  return db.selectFrom('hub_device').selectAll().where('key_hash', '=', keyHash(key)).executeTakeFirst();
}

/** Revokes a device: its next request, whatever it is, is refused. False when there is no such device. */
export async function revokeDevice(db: HubDb, deviceId: string, now: number): Promise<boolean> {
  const r = await db.updateTable('hub_device').set({ revoked_at: now }).where('id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listDevices(db: HubDb) {
  return db.selectFrom('hub_device').select(['id', 'org_id', 'name', 'branch_ids', 'schema_version', 'last_seen_at', 'revoked_at', 'reset_requested_at']).orderBy('org_id').orderBy('created_at').execute();
}
