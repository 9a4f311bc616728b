import type { Selectable } from 'kysely';
import type { Ctx } from '../../api/context';
import type { ReminderTable } from '../../db/schema';
import { REMINDER_OFFSET, type ReminderChannel, type ReminderNoneReason, type ReminderPolicy as PolicySettings, type ReminderRowState } from '../../../shared/api/reminders';
import { firstAttemptAt, nextAttemptAt, type AttemptDecision, type AttemptOutcome, type ReminderOffset, type ReminderPolicy } from '../../../shared/rules/reminders';
import { setVisitReminder } from '../calendar';
import { dailyCapOf, effectivePolicy, policyRows } from './policy';
import { reminderTable } from './tables';

/**
 * Planning a visit's reminders: when it is booked each offset of the branch's policy becomes a reminder with its first
 * attempt's time (or none, and why); moving the visit plans them afresh for the new time (the client has not been
 * asked about it); cancelling or deleting it stops what has not been made. The timing is the pure rules'.
 */
export type ReminderRow = Selectable<ReminderTable>;

export function parseOffset(offset: string): ReminderOffset {
  const m = REMINDER_OFFSET.exec(offset);
  if (!m) throw new Error(`not a reminder offset: ${offset}`);
  return { unit: m[2] === 'd' ? 'day' : m[2] === 'h' ? 'hour' : 'minute', amount: Number(m[1]) };
}

/** The settings' policy in the rules' terms. */
export function rulesPolicy(p: PolicySettings, dailyCap: number): ReminderPolicy {
  return { quietHours: p.quietStart === p.quietEnd ? null : { start: p.quietStart, end: p.quietEnd }, maxRetries: p.maxRetries, retryGapLongMin: p.retryLongMin, retryGapShortMin: p.retryShortMin, dailyCap };
}

/** A decision of the rules as the row stores it. */
export function stateOf(decision: AttemptDecision): { state: ReminderRowState; next_due_at: string | null; none_reason: ReminderNoneReason | null } {
  if ('at' in decision) return { state: 'planned', next_due_at: new Date(decision.at).toISOString(), none_reason: null };
  return { state: 'not_made', next_due_at: null, none_reason: decision.none === 'in_flight' ? null : decision.none };
}

/** What blocks a reminder before any timing: the visit, the phone, the policy. */
export interface VisitFacts {
  id: string;
  branch_id: string;
  starts_at: string;
  kind: string;
  status: string;
  client_id: string | null;
  zone: string;
  /** A number that may be called (null: none, or flagged as not existing). */
  phone: string | null;
  phoneNotFound: boolean;
  enabled: boolean;
}

/** The first attempt of one offset: the pure decision, unless the visit itself rules the reminder out. */
export function planOne(visit: VisitFacts, offset: string, channel: ReminderChannel, policy: ReminderPolicy, now: number) {
  if (!visit.enabled) return { state: 'not_made' as const, next_due_at: null, none_reason: 'disabled' as const };
  if (!visit.phone) return { state: 'not_made' as const, next_due_at: null, none_reason: visit.phoneNotFound ? ('number_not_found' as const) : ('no_phone' as const) };
  void channel;
  return stateOf(firstAttemptAt(Date.parse(visit.starts_at), parseOffset(offset), visit.zone, policy, now));
}

export async function visitFacts(ctx: Ctx, visitId: string): Promise<(VisitFacts & { org_id: string }) | null> {
  const v = await ctx.db
    .selectFrom('visit as v')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .select(['v.id', 'v.org_id', 'v.branch_id', 'v.starts_at', 'v.kind', 'v.status', 'v.client_id', 'v.deleted_at', 'b.time_zone'])
    .where('v.id', '=', visitId)
    .executeTakeFirst();
  if (!v || v.deleted_at) return null;
  const phones = v.client_id
    ? await ctx.db.selectFrom('client_phone').select(['number', 'not_found_at']).where('client_id', '=', v.client_id).where('deleted_at', 'is', null).orderBy('position').execute()
    : [];
  const callable = phones.find((p) => !p.not_found_at);
  const { org, branches } = await policyRows(ctx.db, v.org_id);
  const policy = effectivePolicy(org, branches.find((b) => b.branch_id === v.branch_id));
  return { ...v, zone: v.time_zone, phone: callable?.number ?? null, phoneNotFound: phones.length > 0 && !callable, enabled: policy.enabled };
}

export async function liveReminders(ctx: Ctx, visitId: string): Promise<ReminderRow[]> {
  return ctx.db.selectFrom('reminder').selectAll().where('visit_id', '=', visitId).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

/** Reminders that still wait for their moment (or were given up before any call): what a change of plan replaces. */
const open = (r: ReminderRow) => r.state === 'planned' || r.state === 'not_made';

async function hasAttempts(ctx: Ctx, reminderId: string): Promise<boolean> {
  return !!(await ctx.db.selectFrom('reminder_attempt').select('id').where('reminder_id', '=', reminderId).limit(1).executeTakeFirst());
}

/** Stops a reminder for good: removed when nothing was made of it, else kept (its calls are history) as cancelled. */
async function retire(ctx: Ctx, r: ReminderRow, reason: ReminderNoneReason): Promise<void> {
  if (await hasAttempts(ctx, r.id)) await reminderTable.in(ctx).update(r, { state: 'cancelled', next_due_at: null, none_reason: reason }, { audit: false });
  else await reminderTable.in(ctx).remove(r, { audit: false });
}

/** Writes the visit's reminders for these offsets and channel, each planned from now. */
export async function createReminders(ctx: Ctx, visit: VisitFacts & { org_id: string }, offsets: readonly string[], channel: ReminderChannel, extra: readonly string[] = []): Promise<void> {
  const { org, branches } = await policyRows(ctx.db, visit.org_id);
  const policy = rulesPolicy(effectivePolicy(org, branches.find((b) => b.branch_id === visit.branch_id)), dailyCapOf(org));
  const now = ctx.clock.now();
  const all = [...new Set(offsets)].map((o) => ({ offset: o, extra: 0 }));
  for (const o of extra) if (!all.some((a) => a.offset === o)) all.push({ offset: o, extra: 1 });
  for (const { offset, extra: isExtra } of all) {
    await reminderTable.in(ctx).insert(
      { org_id: visit.org_id, branch_id: visit.branch_id, visit_id: visit.id, offset, channel, extra: isExtra, ...planOne(visit, offset, channel, policy, now) },
      { audit: false },
    );
  }
}

/** A reminder a clerk stopped by choosing none for the visit: the record of that choice. */
const notWanted = (r: ReminderRow) => r.state === 'cancelled' && r.none_reason === 'not_wanted';

/**
 * The offsets and channel a visit's reminders use now: "none" (`none`) while a clerk's stop is on record, else its own
 * rows' (as booked or as a clerk set them), else the branch's default.
 */
export function choiceOf(rows: readonly ReminderRow[], fallback: { offsets: string[]; channel: ReminderChannel }): { offsets: string[]; channel: ReminderChannel; none: boolean } {
  const stopped = rows.find((r) => !r.extra && notWanted(r));
  if (stopped) return { offsets: [], channel: stopped.channel as ReminderChannel, none: true };
  const own = rows.filter((r) => r.state !== 'cancelled' && !r.extra);
  if (!own.length) return { ...fallback, none: false };
  return { offsets: [...new Set(own.map((r) => r.offset))], channel: own[0]!.channel as ReminderChannel, none: false };
}

/**
 * A clerk chose no reminders for the visit: every reminder still waiting stops as `not_wanted` and stays on record
 * (one is written when none was waiting), so a later move plans nothing instead of the defaults.
 */
async function stopAll(ctx: Ctx, visit: VisitFacts & { org_id: string }, rows: readonly ReminderRow[], channel: ReminderChannel, defaults: readonly string[]): Promise<void> {
  if (rows.some((r) => !r.extra && notWanted(r))) return;
  const waiting = rows.filter(open);
  const stop = { state: 'cancelled', next_due_at: null, none_reason: 'not_wanted' } as const;
  for (const r of waiting) await reminderTable.in(ctx).update(r, stop, { audit: false });
  if (waiting.some((r) => !r.extra)) return;
  const offset = rows.filter((r) => !r.extra).at(-1)?.offset ?? defaults[0] ?? '1d';
  await reminderTable.in(ctx).insert({ org_id: visit.org_id, branch_id: visit.branch_id, visit_id: visit.id, offset, channel, extra: 0, ...stop }, { audit: false });
}

/**
 * The calendar's hook: a visit was booked, moved, cancelled, deleted or marked. Runs inside the visit's write.
 * `extraOffsets` are the no-show risk policy's (planning decides them from the client's history).
 */
export async function planVisit(ctx: Ctx, visitId: string, change: 'booked' | 'moved' | 'cancelled' | 'deleted' | 'attendance', extraOffsets: () => Promise<string[]>): Promise<void> {
  if (change === 'attendance') return;
  const visit = await visitFacts(ctx, visitId);
  const rows = await liveReminders(ctx, visitId);
  if (!visit || change === 'cancelled' || change === 'deleted' || visit.status === 'cancelled') {
    for (const r of rows.filter(open)) await retire(ctx, r, 'visit_cancelled');
    return;
  }
  if (visit.kind !== 'visit' || !visit.client_id) return;
  const { org, branches } = await policyRows(ctx.db, visit.org_id);
  const policy = effectivePolicy(org, branches.find((b) => b.branch_id === visit.branch_id));
  if (change === 'booked' && rows.length === 0) {
    await createReminders(ctx, visit, policy.offsets, policy.channel, await extraOffsets());
    return;
  }
  // Moved: the client has not been asked about the new time. What was asked stays as history; the rest is planned anew.
  const choice = choiceOf(rows, policy);
  for (const r of rows.filter((r) => r.state !== 'calling' && r.state !== 'cancelled')) await retire(ctx, r, 'visit_cancelled');
  // A clerk's "no reminders" holds for the new time too, the risk policy's extra call included.
  if (!choice.none) await createReminders(ctx, visit, choice.offsets, choice.channel, await extraOffsets());
  await setVisitReminder(ctx, visit.id, 'none');
}

/** A clerk's choice for one visit: these offsets and this channel replace what has not been made yet. */
export async function replanVisit(ctx: Ctx, visitId: string, offsets: readonly string[], channel: ReminderChannel): Promise<void> {
  const visit = await visitFacts(ctx, visitId);
  if (!visit || visit.kind !== 'visit' || !visit.client_id || visit.status === 'cancelled') return;
  const rows = await liveReminders(ctx, visitId);
  if (!offsets.length) {
    const { org, branches } = await policyRows(ctx.db, visit.org_id);
    return stopAll(ctx, visit, rows, channel, effectivePolicy(org, branches.find((b) => b.branch_id === visit.branch_id)).offsets);
  }
  // Reminders wanted again: the record of "none" goes (kept, without its reason, where a call was made of it).
  for (const r of rows.filter(notWanted)) {
    if (await hasAttempts(ctx, r.id)) await reminderTable.in(ctx).update(r, { none_reason: null }, { audit: false });
    else await reminderTable.in(ctx).remove(r, { audit: false });
  }
  const keep = new Set<string>();
  for (const r of rows.filter(open)) {
    // An untouched reminder of the same offset and channel keeps its plan (and its id): nothing changed for it.
    if (offsets.includes(r.offset) && r.channel === channel && !r.extra && !(await hasAttempts(ctx, r.id))) keep.add(r.offset);
    else if (!r.extra) await retire(ctx, r, 'visit_cancelled');
  }
  const made = new Set(rows.filter((r) => !open(r) && r.state !== 'cancelled').map((r) => r.offset));
  await createReminders(ctx, visit, offsets.filter((o) => !keep.has(o) && !made.has(o)), channel);
}

/**
 * The settings changed (quiet hours, retries, a branch's override): every reminder still waiting for its next call is
 * placed again by the rules as they now stand, from its attempts so far. Only rows whose time or state changes are
 * written.
 */
export async function replanWaiting(ctx: Ctx, orgId: string): Promise<number> {
  const waiting = await ctx.db
    .selectFrom('reminder as r')
    .innerJoin('visit as v', 'v.id', 'r.visit_id')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .selectAll('r')
    .select(['v.starts_at', 'b.time_zone'])
    .where('r.org_id', '=', orgId)
    .where('r.state', '=', 'planned')
    .where('r.deleted_at', 'is', null)
    .execute();
  if (!waiting.length) return 0;
  const { org, branches } = await policyRows(ctx.db, orgId);
  const policyOf = new Map<string, ReminderPolicy>();
  const attempts = await ctx.db
    .selectFrom('reminder_attempt')
    .select(['reminder_id', 'started_at', 'outcome'])
    .where('org_id', '=', orgId)
    .where('reminder_id', 'in', waiting.map((r) => r.id))
    .execute();
  const now = ctx.clock.now();
  let changed = 0;
  for (const r of waiting) {
    let policy = policyOf.get(r.branch_id);
    if (!policy) policyOf.set(r.branch_id, (policy = rulesPolicy(effectivePolicy(org, branches.find((b) => b.branch_id === r.branch_id)), dailyCapOf(org))));
    const own = attempts.filter((a) => a.reminder_id === r.id).map((a) => ({ startedAt: Date.parse(a.started_at), outcome: a.outcome as AttemptOutcome | null }));
    const next = stateOf(nextAttemptAt({ visitStart: Date.parse(r.starts_at), offset: parseOffset(r.offset), zone: r.time_zone, policy, attempts: own, now }));
    if (next.state === r.state && next.next_due_at === r.next_due_at) continue;
    const { starts_at: _s, time_zone: _z, ...row } = r;
    await reminderTable.in(ctx).update(row, next, { audit: false });
    changed++;
  }
  return changed;
}
