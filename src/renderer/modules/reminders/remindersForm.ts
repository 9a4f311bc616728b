import type { ReminderChannel, ReminderSettings, ReminderSettingsInput } from '../../../shared/api/reminders';

/**
 * The reminder settings form's values: the contract's shape with what a form needs instead of nulls — the trunk's
 * password as typed (blank keeps) with its "forget" box, "as the organization" as `AS_ORG` in a branch's row.
 */
export type Settings = ReminderSettings;
type Trunk = Omit<Settings['trunk'], 'hasPassword' | 'note'> & { password: string; forget: boolean };
/** A branch's row: `AS_ORG` (and offsets with `ownOffsets` off, blank quiet hours) follows the organization. */
export const AS_ORG = 'org';
export interface BranchRow {
  branchId: string;
  branchName: string;
  timeZone: string;
  enabled: typeof AS_ORG | 'on' | 'off';
  quietStart: string;
  quietEnd: string;
  ownOffsets: boolean;
  offsets: string[];
  channel: typeof AS_ORG | ReminderChannel;
}
export interface RemindersForm {
  policy: Omit<Settings['policy'], 'riskOffset'> & { riskOffset: string };
  dailyCap: number | '';
  trunk: Trunk;
  branches: BranchRow[];
}

/** Fields a refusal from main may name (`trunk.host` lands on its input). */
export const REMINDERS_FIELDS = ['policy', 'dailyCap', 'trunk', 'branches'];

export function toForm(s: Settings): RemindersForm {
  const { hasPassword: _kept, note: _note, ...trunk } = s.trunk;
  return {
    policy: { ...s.policy, riskOffset: s.policy.riskOffset ?? '' },
    dailyCap: s.dailyCap,
    trunk: { ...trunk, password: '', forget: false },
    branches: s.branches.map((b) => ({
      branchId: b.branchId,
      branchName: b.branchName,
      timeZone: b.timeZone,
      enabled: b.enabled === null ? AS_ORG : b.enabled ? 'on' : 'off',
      quietStart: b.quietStart ?? '',
      quietEnd: b.quietEnd ?? '',
      ownOffsets: b.offsets !== null,
      offsets: b.offsets ?? [],
      channel: b.channel ?? AS_ORG,
    })),
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** A time typed the quick way ("9", "930", "2200", "9:30") as HH:MM; anything else as typed, for the contract to refuse. */
export function clock(typed: string): string {
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(typed.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2] ?? '00'}` : typed.trim();
}
const clockOrNull = (s: string) => (s.trim() === '' ? null : clock(s));

/**
 * Every branch is sent, so a refusal's `branches.N` is the form's row N; a row of nulls follows the organization
 * exactly as a branch left out does. Blank password keeps the stored one; the box forgets it.
 */
export function toInput(v: RemindersForm): ReminderSettingsInput {
  const { password, forget, ...trunk } = v.trunk;
  return {
    policy: { ...v.policy, quietStart: clock(v.policy.quietStart), quietEnd: clock(v.policy.quietEnd), riskOffset: orNull(v.policy.riskOffset) },
    dailyCap: v.dailyCap as number,
    trunk: { ...trunk, host: trunk.host.trim(), domain: trunk.domain.trim(), user: trunk.user.trim(), password: forget ? null : password === '' ? undefined : password },
    branches: v.branches.map((b) => ({
      branchId: b.branchId,
      enabled: b.enabled === AS_ORG ? null : b.enabled === 'on',
      quietStart: clockOrNull(b.quietStart),
      quietEnd: clockOrNull(b.quietEnd),
      offsets: b.ownOffsets ? b.offsets : null,
      channel: b.channel === AS_ORG ? null : b.channel,
    })),
  };
}
