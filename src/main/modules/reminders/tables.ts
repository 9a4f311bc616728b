import type { Ctx } from '../../api/context';
import { syncedRows } from '../../api/funnel';

/** A visit's reminders or attempts changed: its card refetches them (the colour travels as `visits.changed`). */
function announce(ctx: Ctx, visitId: string | null, branchId: string): void {
  if (!visitId) return;
  ctx.emit('reminders.changed', { visitIds: [visitId], branchIds: [branchId] }, { branchIds: [branchId] });
}

/** The organization's policy and trunk, and branches' overrides: organization-wide settings, audited like SMS's. */
export const policyTable = syncedRows({
  table: 'reminder_policy',
  module: 'organization',
  entity: 'reminder_settings',
  branchOf: (r) => r.branch_id,
  summary: (r) => (r.branch_id ? `branch override` : `reminders ${r.enabled ? 'on' : 'off'}, trunk ${r.trunk_enabled ? r.trunk_host : 'off'}, cap ${r.daily_cap}`),
});

export const reminderTable = syncedRows({
  table: 'reminder',
  module: 'calendar',
  summary: (r) => `reminder ${r.offset} ${r.channel}: ${r.state}${r.none_reason ? ` (${r.none_reason})` : ''}`,
  announce: (ctx, w) => announce(ctx, w.after.visit_id, w.after.branch_id),
});

export const attemptTable = syncedRows({
  table: 'reminder_attempt',
  module: 'calendar',
  summary: (a) => `call ${a.started_at}: ${a.outcome ?? 'in flight'}${a.key ? ` key ${a.key}` : ''}`,
  announce: (ctx, w) => announce(ctx, w.after.visit_id, w.after.branch_id),
});

export const recordingTable = syncedRows({
  table: 'prompt_recording',
  module: 'organization',
  summary: (r) => `recording ${r.lang}/${r.phrase} (${r.samples} samples)`,
  // The audit keeps what was recorded, not the sound itself.
  snapshot: (r) => ({ lang: r.lang, phrase: r.phrase, samples: r.samples, source_name: r.source_name }),
});
