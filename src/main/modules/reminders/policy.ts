import type { Kysely, Selectable } from 'kysely';
import type { DB, ReminderPolicyTable } from '../../db/schema';
import type { ReminderChannel, ReminderPolicy } from '../../../shared/api/reminders';
import type { TrunkConfig } from '../../telephony/sip/dialer';
import { RISK_HIGH } from '../../../shared/rules/reminders';

/**
 * The organization's reminder policy, with a branch's overrides laid over it. One row per organization (branch_id
 * null) holds the policy, the daily cap and the trunk; a branch row changes only what it names (null: as the
 * organization). Until an admin saves settings the defaults of the issue hold: 23:00–09:00, 50 calls a day, two
 * retries 30 (or 10) minutes apart, one day before by voice — and the trunk is off, so nothing is dialled.
 */
export type PolicyRow = Selectable<ReminderPolicyTable>;

export const DEFAULT_POLICY: ReminderPolicy = {
  enabled: true,
  quietStart: '23:00',
  quietEnd: '09:00',
  retryLongMin: 30,
  retryShortMin: 10,
  maxRetries: 2,
  offsets: ['1d'],
  channel: 'voice',
  riskOffset: null,
  riskThreshold: RISK_HIGH,
};
export const DEFAULT_DAILY_CAP = 50;

export const DEFAULT_TRUNK = {
  enabled: false,
  host: '',
  port: 5060,
  transport: 'udp' as const,
  domain: '',
  user: '',
  register: false,
  callerIdMode: 'from' as const,
  channels: 4,
  ringTimeoutSec: 30,
  maxCallSec: 90,
  note: null as string | null,
};

export async function policyRows(db: Kysely<DB>, orgId: string): Promise<{ org: PolicyRow | null; branches: PolicyRow[] }> {
  const rows = await db.selectFrom('reminder_policy').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).execute();
  return { org: rows.find((r) => r.branch_id === null) ?? null, branches: rows.filter((r) => r.branch_id !== null) };
}

function offsetsOf(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((o): o is string => typeof o === 'string') : null;
  } catch {
    return null;
  }
}

const bool = (v: number | null) => (v === null ? null : v === 1);

/** The organization's policy as stored (or the defaults). */
export function orgPolicy(row: PolicyRow | null): ReminderPolicy {
  if (!row) return DEFAULT_POLICY;
  const d = DEFAULT_POLICY;
  return {
    enabled: bool(row.enabled) ?? d.enabled,
    quietStart: row.quiet_start ?? d.quietStart,
    quietEnd: row.quiet_end ?? d.quietEnd,
    retryLongMin: row.retry_long_min ?? d.retryLongMin,
    retryShortMin: row.retry_short_min ?? d.retryShortMin,
    maxRetries: row.max_retries ?? d.maxRetries,
    offsets: offsetsOf(row.offsets) ?? d.offsets,
    channel: (row.channel as ReminderChannel | null) ?? d.channel,
    riskOffset: row.risk_offset,
    riskThreshold: row.risk_threshold ?? d.riskThreshold,
  };
}

/** A branch's override as the settings screen shows it. */
export function branchOverrideOf(row: PolicyRow | undefined) {
  return {
    enabled: row ? bool(row.enabled) : null,
    quietStart: row?.quiet_start ?? null,
    quietEnd: row?.quiet_end ?? null,
    offsets: row ? offsetsOf(row.offsets) : null,
    channel: (row?.channel as ReminderChannel | null | undefined) ?? null,
  };
}

/** What holds in one branch: the organization's policy with the branch's overrides on top. */
export function effectivePolicy(org: PolicyRow | null, branch: PolicyRow | undefined): ReminderPolicy {
  const base = orgPolicy(org);
  const o = branchOverrideOf(branch);
  return {
    ...base,
    enabled: base.enabled && (o.enabled ?? true),
    quietStart: o.quietStart ?? base.quietStart,
    quietEnd: o.quietEnd ?? base.quietEnd,
    offsets: o.offsets ?? base.offsets,
    channel: o.channel ?? base.channel,
  };
}

export async function policyOfBranch(db: Kysely<DB>, orgId: string, branchId: string): Promise<ReminderPolicy> {
  const { org, branches } = await policyRows(db, orgId);
  return effectivePolicy(org, branches.find((b) => b.branch_id === branchId));
}

export function dailyCapOf(row: PolicyRow | null): number {
  return row?.daily_cap ?? DEFAULT_DAILY_CAP;
}

export const trunkPasswordContext = (orgId: string) => `reminders.trunk.password:${orgId}`;

/** The trunk as the dialer takes it; null when none is set up or it is switched off. */
export function trunkConfig(row: PolicyRow | null, callerId: string, openPassword: (sealed: string) => string): TrunkConfig | null {
  if (!row || row.trunk_enabled !== 1 || !row.trunk_host) return null;
  return {
    host: row.trunk_host,
    port: row.trunk_port ?? DEFAULT_TRUNK.port,
    transport: (row.trunk_transport as TrunkConfig['transport'] | null) ?? DEFAULT_TRUNK.transport,
    domain: row.trunk_domain || undefined,
    user: row.trunk_user || undefined,
    password: row.trunk_password ? openPassword(row.trunk_password) : undefined,
    register: row.trunk_register === 1,
    callerId,
    callerIdMode: (row.caller_id_mode as TrunkConfig['callerIdMode'] | null) ?? DEFAULT_TRUNK.callerIdMode,
    channels: row.trunk_channels ?? DEFAULT_TRUNK.channels,
    ringTimeoutSec: row.ring_timeout_sec ?? DEFAULT_TRUNK.ringTimeoutSec,
    maxCallSec: row.max_call_sec ?? DEFAULT_TRUNK.maxCallSec,
  };
}

/** The number the client sees: the branch's, else the organization's (a call back reaches the clinic), else the trunk's user. */
export function callerIdOf(branchPhone: string | null | undefined, orgPhone: string | null | undefined, org: PolicyRow | null): string {
  return branchPhone || orgPhone || org?.trunk_user || 'anonymous';
}
