import type { Ctx } from '../../api/context';
import type { ReminderState } from '../../../shared/api/visits';
import { translate } from '../../reports';
import { DEFAULT_POLICY, DEFAULT_DAILY_CAP, DEFAULT_TRUNK, policyRows } from './policy';
import { liveReminders } from './plan';
import { afterAttempt } from './finish';
import { attemptTable, policyTable } from './tables';

/**
 * The demo organization's reminder calls: a trunk that points nowhere (`sip.invalid`, a name that never resolves, and
 * switched off, with a note saying so), and the calls its past visits had, written as the job would have: the
 * visit's colour follows from them.
 */
export const DEMO_TRUNK_HOST = 'sip.invalid';

export async function configureDemoTrunk(ctx: Ctx, orgId: string, language: string): Promise<void> {
  if ((await policyRows(ctx.db, orgId)).org) return;
  const p = DEFAULT_POLICY;
  await policyTable.in(ctx).insert({
    org_id: orgId,
    branch_id: null,
    enabled: 1,
    quiet_start: p.quietStart,
    quiet_end: p.quietEnd,
    daily_cap: DEFAULT_DAILY_CAP,
    retry_long_min: p.retryLongMin,
    retry_short_min: p.retryShortMin,
    max_retries: p.maxRetries,
    offsets: JSON.stringify(p.offsets),
    channel: p.channel,
    risk_offset: '2h',
    risk_threshold: p.riskThreshold,
    trunk_enabled: 0,
    trunk_host: DEMO_TRUNK_HOST,
    trunk_port: DEFAULT_TRUNK.port,
    trunk_transport: DEFAULT_TRUNK.transport,
    trunk_domain: null,
    trunk_user: 'demo',
    trunk_password: null,
    trunk_register: 0,
    caller_id_mode: DEFAULT_TRUNK.callerIdMode,
    trunk_channels: DEFAULT_TRUNK.channels,
    ring_timeout_sec: DEFAULT_TRUNK.ringTimeoutSec,
    max_call_sec: DEFAULT_TRUNK.maxCallSec,
    trunk_note: translate(language, 'reminders.demoTrunkNote'),
  });
}

const MIN = 60_000;
/** What the calls of a visit of each colour were: a key, or three attempts that got none. */
const CALLS: Record<Exclude<ReminderState, 'none'>, { outcome: 'confirmed' | 'declined' | 'busy' | 'no_answer' | 'answered'; key: '1' | '2' | null; seconds: number; sip: number }[]> = {
  will_come: [{ outcome: 'confirmed', key: '1', seconds: 17, sip: 200 }],
  will_not_come: [{ outcome: 'declined', key: '2', seconds: 15, sip: 200 }],
  no_answer: [
    { outcome: 'busy', key: null, seconds: 0, sip: 486 },
    { outcome: 'no_answer', key: null, seconds: 0, sip: 487 },
    { outcome: 'answered', key: null, seconds: 31, sip: 200 },
  ],
};

/** The calls a demo visit's first reminder made, ending at the clock of `ctx`; the colour follows from them. */
export async function recordDemoCalls(ctx: Ctx, visitId: string, colour: ReminderState): Promise<void> {
  if (colour === 'none') return;
  const r = (await liveReminders(ctx, visitId)).find((x) => x.state === 'planned' || x.state === 'not_made');
  if (!r) return;
  const visit = await ctx.db.selectFrom('visit').select(['branch_id', 'client_id', 'starts_at']).where('id', '=', visitId).executeTakeFirstOrThrow();
  const phone = visit.client_id ? (await ctx.db.selectFrom('client').select('primary_phone').where('id', '=', visit.client_id).executeTakeFirst())?.primary_phone : null;
  const calls = CALLS[colour];
  const last = Math.min(ctx.clock.now(), Date.parse(visit.starts_at) - MIN);
  const first = Math.min(r.next_due_at ? Date.parse(r.next_due_at) : last, last - (calls.length - 1) * 30 * MIN);
  for (const [i, c] of calls.entries()) {
    const started = first + i * 30 * MIN;
    await attemptTable.in(ctx).insert(
      {
        org_id: r.org_id,
        branch_id: visit.branch_id,
        reminder_id: r.id,
        visit_id: visitId,
        phone: phone ?? '+37120000000',
        lang: null,
        started_at: new Date(started).toISOString(),
        ended_at: new Date(started + (c.seconds + 20) * 1000).toISOString(),
        outcome: c.outcome,
        key: c.key,
        sip_code: c.sip,
        seconds: c.seconds,
        billable: c.seconds > 0 ? 1 : 0,
        test: 0,
      },
      { audit: false },
    );
  }
  await afterAttempt(ctx, r.id, colour === 'no_answer' ? 'retries_exhausted' : 'replied');
}
