import { me, type Ctx } from '../../api/context';
import { AppError, fail } from '../../api/errors';
import type { ReminderSettings, ReminderSettingsInput } from '../../../shared/api/reminders';
import type { Sealer } from '../../sms/settings';
import { branchOverrideOf, dailyCapOf, DEFAULT_TRUNK, orgPolicy, policyRows, trunkPasswordContext, type PolicyRow } from './policy';
import { policyTable } from './tables';
import { replanWaiting } from './plan';

/** A refusal with a key of the reminders namespace (src/shared/i18n/en.json → reminders.errors.*). */
export function remindersError(code: 'validation' | 'conflict' | 'not_found' | 'forbidden', key: string, field?: string, params?: Record<string, string | number>): AppError {
  return new AppError({ code, key: `reminders.errors.${key}`, field, params });
}

export async function getSettings(ctx: Ctx): Promise<ReminderSettings> {
  const user = me(ctx);
  const { org, branches } = await policyRows(ctx.db, user.orgId);
  const known = await ctx.db.selectFrom('branch').select(['id', 'name', 'time_zone']).where('org_id', '=', user.orgId).where('deleted_at', 'is', null).orderBy('name').execute();
  return {
    configured: !!org,
    policy: orgPolicy(org),
    dailyCap: dailyCapOf(org),
    canRaiseCap: user.role === 'owner',
    trunk: {
      enabled: org?.trunk_enabled === 1,
      host: org?.trunk_host ?? DEFAULT_TRUNK.host,
      port: org?.trunk_port ?? DEFAULT_TRUNK.port,
      transport: (org?.trunk_transport as ReminderSettings['trunk']['transport'] | null | undefined) ?? DEFAULT_TRUNK.transport,
      domain: org?.trunk_domain ?? DEFAULT_TRUNK.domain,
      user: org?.trunk_user ?? DEFAULT_TRUNK.user,
      hasPassword: !!org?.trunk_password,
      register: org?.trunk_register === 1,
      callerIdMode: (org?.caller_id_mode as ReminderSettings['trunk']['callerIdMode'] | null | undefined) ?? DEFAULT_TRUNK.callerIdMode,
      channels: org?.trunk_channels ?? DEFAULT_TRUNK.channels,
      ringTimeoutSec: org?.ring_timeout_sec ?? DEFAULT_TRUNK.ringTimeoutSec,
      maxCallSec: org?.max_call_sec ?? DEFAULT_TRUNK.maxCallSec,
      note: org?.trunk_note ?? null,
    },
    branches: known.map((b) => ({ branchId: b.id, branchName: b.name, timeZone: b.time_zone, ...branchOverrideOf(branches.find((r) => r.branch_id === b.id)) })),
    updatedAt: org?.updated_at ?? null,
  };
}

type PolicyColumns = Omit<PolicyRow, 'id' | 'org_id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>;
const NO_TRUNK = {
  trunk_enabled: null,
  trunk_host: null,
  trunk_port: null,
  trunk_transport: null,
  trunk_domain: null,
  trunk_user: null,
  trunk_password: null,
  trunk_register: null,
  caller_id_mode: null,
  trunk_channels: null,
  ring_timeout_sec: null,
  max_call_sec: null,
  trunk_note: null,
};

/**
 * Saves the whole form: the organization's row and one row per overriding branch (a branch no longer listed loses its
 * row). The daily cap goes up only by the owner's hand: the installation's operator decides what the trunk may cost.
 */
export async function saveSettings(ctx: Ctx, input: ReminderSettingsInput, secrets: Sealer): Promise<ReminderSettings> {
  const user = me(ctx);
  const { org, branches } = await policyRows(ctx.db, user.orgId);
  if (input.dailyCap > dailyCapOf(org) && user.role !== 'owner') throw remindersError('forbidden', 'cap_owner_only', 'dailyCap', { cap: dailyCapOf(org) });
  const known = new Set((await ctx.db.selectFrom('branch').select('id').where('org_id', '=', user.orgId).where('deleted_at', 'is', null).execute()).map((b) => b.id));
  const seen = new Set<string>();
  for (const [i, b] of input.branches.entries()) {
    if (!known.has(b.branchId)) throw fail.notFound('branch_not_found', `branches.${i}.branchId`);
    if (seen.has(b.branchId)) throw remindersError('validation', 'branch_twice', `branches.${i}.branchId`);
    seen.add(b.branchId);
    if ((b.quietStart === null) !== (b.quietEnd === null)) throw remindersError('validation', 'quiet_hours_both', `branches.${i}.quietEnd`);
    if (b.quietStart !== null && b.quietStart === b.quietEnd) throw fail.validation('quiet_hours_empty', `branches.${i}.quietEnd`);
  }
  const t = input.trunk;
  if (t.enabled && !t.host) throw remindersError('validation', 'trunk_host_required', 'trunk.host');
  const password = t.password === undefined ? (org?.trunk_password ?? null) : t.password ? secrets.encrypt(t.password, trunkPasswordContext(user.orgId)) : null;
  const p = input.policy;
  const values: PolicyColumns = {
    branch_id: null,
    enabled: p.enabled ? 1 : 0,
    quiet_start: p.quietStart,
    quiet_end: p.quietEnd,
    daily_cap: input.dailyCap,
    retry_long_min: p.retryLongMin,
    retry_short_min: p.retryShortMin,
    max_retries: p.maxRetries,
    offsets: JSON.stringify(p.offsets),
    channel: p.channel,
    risk_offset: p.riskOffset,
    risk_threshold: p.riskThreshold,
    trunk_enabled: t.enabled ? 1 : 0,
    trunk_host: t.host,
    trunk_port: t.port,
    trunk_transport: t.transport,
    trunk_domain: t.domain,
    trunk_user: t.user,
    trunk_password: password,
    trunk_register: t.register ? 1 : 0,
    caller_id_mode: t.callerIdMode,
    trunk_channels: t.channels,
    ring_timeout_sec: t.ringTimeoutSec,
    max_call_sec: t.maxCallSec,
    // A note stays with the trunk it describes: a changed host makes it stale.
    trunk_note: org && org.trunk_host === t.host ? org.trunk_note : null,
  };
  // The audit says that the password changed, never what it is.
  const visible = (r: PolicyColumns | PolicyRow | null) => r && { ...r, trunk_password: r.trunk_password ? 'set' : null };
  const rows = policyTable.in(ctx);
  if (org) await rows.update(org, values, { audit: { before: visible(org), after: visible(values) } });
  else await rows.insert(values, { audit: { after: visible(values) } });

  for (const b of input.branches) {
    const patch: PolicyColumns = {
      ...NO_TRUNK,
      branch_id: b.branchId,
      enabled: b.enabled === null ? null : b.enabled ? 1 : 0,
      quiet_start: b.quietStart,
      quiet_end: b.quietEnd,
      daily_cap: null,
      retry_long_min: null,
      retry_short_min: null,
      max_retries: null,
      offsets: b.offsets === null ? null : JSON.stringify(b.offsets),
      channel: b.channel,
      risk_offset: null,
      risk_threshold: null,
    };
    const before = branches.find((r) => r.branch_id === b.branchId);
    if (before) await rows.update(before, patch);
    else await rows.insert(patch);
  }
  for (const gone of branches.filter((r) => !seen.has(r.branch_id!))) await rows.remove(gone);
  // New quiet hours or retries hold for the calls still to come, not only for visits booked from now on.
  await replanWaiting(ctx, user.orgId);
  return getSettings(ctx);
}
