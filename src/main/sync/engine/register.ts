import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../clock';
import { AppError } from '../../api/errors';
import type { Replica } from '../replica';
import { keyContext, SCHEMA_VERSION } from './device';
import type { Secrets } from './engine';
import { createHubClient, HubProblem, type HubClient } from './hubClient';

export interface RegisterInput {
  hubUrl: string;
  code: string;
  deviceName: string;
}

/** Which field of the settings form a refusal belongs on. */
const FIELD_OF: Record<string, string> = { 'hub.code_invalid': 'code', 'hub.rate_limited': 'code' };

/**
 * Registers this installation with the hub by the one-time code its administrator gave: the hub names the device and
 * gives it a key, sealed here with the data folder's secrets key (it never leaves the core). Cursors start from zero:
 * the first round pushes what this installation holds and pulls what the others do, which the merge takes as often
 * as it comes. Runs outside any transaction (the hub may take seconds); the answer is stored in one statement.
 */
export async function registerDevice(
  deps: { db: Kysely<DB>; replica: Replica; secrets: Secrets; clock: Clock; clientFor?: (url: string) => HubClient },
  input: RegisterInput,
  /** The organization this installation holds; null: a fresh one joining the organization the code names. */
  orgId: string | null,
): Promise<void> {
  const installationId = await deps.replica.installationId();
  const hub = (deps.clientFor ?? ((url: string) => createHubClient(url, { timeoutMs: 15_000 })))(input.hubUrl);
  let answer;
  try {
    answer = await hub.register({ code: input.code, deviceName: input.deviceName, schemaVersion: SCHEMA_VERSION, orgId });
  } catch (e) {
    if (!(e instanceof HubProblem)) throw e;
    const field = e.kind === 'offline' || e.key === 'errors.hub_bad_answer' ? 'hubUrl' : FIELD_OF[e.code ?? ''];
    throw new AppError({ code: 'validation', key: e.key, ...(field ? { field } : {}), ...(e.params ? { params: e.params } : {}) });
  }
  // The hub serves the organization this installation holds, or it refused above (`hub.other_org`).
  if (orgId !== null && answer.orgId !== orgId) throw new AppError({ code: 'validation', key: 'errors.hub_other_org', field: 'code' });
  await deps.db
    .updateTable('sync_device')
    .set({
      device_id: answer.deviceId,
      device_name: input.deviceName,
      hub_url: input.hubUrl,
      device_key_enc: deps.secrets.encrypt(answer.deviceKey, keyContext(installationId)),
      org_id: answer.orgId,
      cursor: 0,
      pushed_seq: 0,
      // Holding the organization's data already: the hub may be a new one (rebuilt), so all of it is pushed once.
      full_push: orgId !== null ? 1 : 0,
      reset_requested_at: null,
      reset_done_at: null,
      problem_key: null,
      problem_params: null,
      registered_at: new Date(deps.clock.now()).toISOString(),
    })
    .where('id', '=', 1)
    .execute();
}
