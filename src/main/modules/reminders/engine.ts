import type { Ctx } from '../../api/context';
import { serviceKey } from '../../api/services';
import { secretsFor } from '../../mail';
import { capDay, capDecision, capReachedNow, dueOrder } from '../../../shared/rules/reminders';
import { createDialer, type CallResult, type Dialer, type TrunkConfig } from '../../telephony/sip/dialer';
import { afterAttempt, closeAttempt, type AttemptRecord, type Ended } from './finish';
import { inJob, type JobDeps } from './jobCtx';
import { messageFor } from './message';
import { noteCapReached, offerFreedSlot, queueReminderSms } from './notify';
import { callerIdOf, dailyCapOf, effectivePolicy, policyRows, trunkConfig, trunkPasswordContext, type PolicyRow } from './policy';
import { parseOffset, rulesPolicy, visitFacts } from './plan';
import { attemptTable, reminderTable } from './tables';
import { clientLanguage, orgLanguage } from './lang';

/**
 * The dialing job. Each tick reads the reminders whose moment has come (an index range), soonest visits first, and for
 * each decides in one short transaction: stop (visit gone), text (SMS channel), wait (the daily cap), or call. A call's
 * attempt row — and the reminder marked as calling — commits BEFORE the dialer sends its INVITE, so a crash at any
 * moment never dials one attempt twice and never lets the cap be passed; at start the attempts a crash left in flight
 * are closed as `unknown` (not billable) and the rules decide what follows. The call runs in this process (the core);
 * its result is written when it ends.
 */
export interface EngineOptions {
  /** The dialer for a trunk (tests of the core pass the real one; a bench may count). */
  dialerFor?(trunk: TrunkConfig, log: JobDeps['log']): Dialer;
  /** Reminders read per tick. */
  batch?: number;
  /**
   * The message of a visit's call; by default the prompts' (about 12 s). Tests of many calls pass a short one, so a
   * silent answer (the message twice, then listening) does not last half a minute.
   */
  message?(ctx: Ctx, orgId: string, visit: { lang: string | null; start: string; zone: string }): Promise<{ lang: string; pcm: Int16Array }>;
}

export interface TickReport {
  called: number;
  waiting: number;
  ended: number;
}

export interface ReminderEngine {
  /** Closes attempts left in flight by a crash as `unknown`; the rules plan what follows. Resolves to how many. */
  recover(): Promise<number>;
  tick(): Promise<TickReport>;
  /** Every call this engine started has ended and been written. */
  settled(): Promise<void>;
  /** A call now to `number` with the sample message over the organization's trunk (not counted in the cap). */
  testCall(input: { orgId: string; userId: string; attemptId: string; number: string; pcm: Int16Array; trunk: TrunkConfig }): void;
  stop(): Promise<void>;
}

export const REMINDER_ENGINE = serviceKey<ReminderEngine>('reminders.engine');

interface Due {
  id: string;
  visitId: string;
  visitStart: number;
  dueAt: number;
  orgId: string;
}

export function createReminderEngine(deps: JobDeps, opts: EngineOptions = {}): ReminderEngine {
  // The dialer measures calls on the machine's own clock: a call's length is real seconds, whatever the core's clock says.
  const makeDialer = opts.dialerFor ?? ((trunk: TrunkConfig, log: JobDeps['log']) => createDialer(trunk, { log: (m, d) => log(`dialer: ${m}${d ? ` ${JSON.stringify(d)}` : ''}`) }));
  const dialers = new Map<string, { key: string; dialer: Dialer }>();
  const retired: Dialer[] = [];
  const calls = new Set<Promise<void>>();
  const busy = new Map<string, number>();
  let ticking: Promise<TickReport> | null = null;
  let stopped = false;

  function dialerOf(orgId: string, trunk: TrunkConfig): Dialer {
    const key = JSON.stringify(trunk);
    const known = dialers.get(orgId);
    if (known?.key === key) return known.dialer;
    if (known) retired.push(known.dialer);
    const dialer = makeDialer(trunk, deps.log);
    dialers.set(orgId, { key, dialer });
    return dialer;
  }

  function trunkOf(orgId: string, row: PolicyRow | null, callerId: string): TrunkConfig | null {
    return trunkConfig(row, callerId, (sealed) => secretsFor(deps.config).decrypt(sealed, trunkPasswordContext(orgId)));
  }

  /** Runs one call to its end and writes it; never throws (a dialer that fails is a failed attempt). */
  function place(orgId: string, attemptId: string, dialer: Dialer, number: string, pcm: Int16Array, onState?: (s: 'dialing' | 'ringing' | 'answered' | 'ended') => void): Promise<AttemptRecord | null> {
    busy.set(orgId, (busy.get(orgId) ?? 0) + 1);
    const run = (async () => {
      let result: CallResult;
      try {
        result = await dialer.call({ number, prompt: pcm, onState });
      } catch (e) {
        deps.log(`reminder call ${attemptId} failed`, e);
        const now = deps.clock.now();
        result = { outcome: 'failed', key: null, sipCode: null, startedAt: now, answeredAt: null, endedAt: now };
      }
      const ended: Ended = { outcome: result.outcome, key: result.key, sipCode: result.sipCode, answeredAt: result.answeredAt, endedAt: result.endedAt };
      const follow = await inJob(deps, orgId, async (ctx) => {
        const attempt = await ctx.db.selectFrom('reminder_attempt').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow();
        // Closed meanwhile (a second core recovered it as unknown): what was written stands.
        if (attempt.ended_at) return { declinedVisitId: null, attempt };
        const follow = await closeAttempt(ctx, attempt, ended);
        // The row as closed: the test call's last progress tells its outcome from it.
        return { ...follow, attempt: await ctx.db.selectFrom('reminder_attempt').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow() };
      });
      if (follow.declinedVisitId) await offerFreedSlot(deps, orgId, follow.declinedVisitId);
      return follow.attempt;
    })();
    const tracked = run.then(
      () => undefined,
      (e: unknown) => deps.log(`reminder call ${attemptId} could not be written`, e),
    );
    calls.add(tracked);
    void tracked.finally(() => {
      calls.delete(tracked);
      busy.set(orgId, (busy.get(orgId) ?? 1) - 1);
    });
    return run.catch(() => null);
  }

  /** One due reminder, decided in its own transaction; returns the call to start once it committed, if any. */
  async function decide(d: Due, placedToday: { n: number }, cap: number, day: string, trunk: TrunkConfig | null, orgZone: string): Promise<{ start?: () => void; waited?: boolean }> {
    return inJob(deps, d.orgId, async (ctx) => {
      const r = await ctx.db.selectFrom('reminder').selectAll().where('id', '=', d.id).where('deleted_at', 'is', null).executeTakeFirst();
      const now = deps.clock.now();
      // Another tick (or a clerk's change) got here first.
      if (!r || r.state !== 'planned' || !r.next_due_at || Date.parse(r.next_due_at) > now) return {};
      const visit = await visitFacts(ctx, r.visit_id);
      const writer = reminderTable.in(ctx);
      const end = async (none_reason: string | null, state = 'not_made') => {
        await writer.update(r, { state, next_due_at: null, none_reason }, { audit: false });
        return {};
      };
      if (!visit || visit.status !== 'booked' || visit.kind !== 'visit') return end('visit_cancelled', 'cancelled');
      if (!visit.enabled) return end('disabled');
      if (Date.parse(visit.starts_at) <= now) return end('visit_started');
      if (!visit.phone) return end(visit.phoneNotFound ? 'number_not_found' : 'no_phone');
      const lang = await clientLanguage(ctx, visit.client_id);
      if (r.channel === 'sms' || (!trunk && r.channel === 'voice_then_sms')) {
        const branch = await ctx.db.selectFrom('branch').select('name').where('id', '=', visit.branch_id).executeTakeFirstOrThrow();
        const sent = await queueReminderSms(ctx, { orgId: d.orgId, visitId: visit.id, to: visit.phone, lang: lang ?? (await orgLanguage(ctx, d.orgId)), branch: branch.name, start: visit.starts_at, zone: visit.zone });
        // A landline cannot take a text: the reminder says there is no number to write to.
        return end(sent ? null : 'no_phone', sent ? 'sms_sent' : 'not_made');
      }
      if (!trunk) return end('no_trunk');
      const { org, branches } = await policyRows(ctx.db, d.orgId);
      const policy = rulesPolicy(effectivePolicy(org, branches.find((b) => b.branch_id === visit.branch_id)), cap);
      const verdict = capDecision({ now, placedToday: placedToday.n, visitStart: Date.parse(visit.starts_at), offset: parseOffset(r.offset), zone: visit.zone, orgZone, policy });
      if ('wait' in verdict) {
        await writer.update(r, { next_due_at: new Date(verdict.wait).toISOString() }, { audit: false });
        return { waited: true };
      }
      // Its attempts so far (a busy line before the cap filled) decide its end and the visit's colour.
      if ('none' in verdict) {
        await afterAttempt(ctx, r.id, verdict.none);
        return {};
      }
      if ((busy.get(d.orgId) ?? 0) >= trunk.channels) return {};
      // The attempt exists before the INVITE does: a crash after this commit leaves it open, never dialled twice.
      const msg = await (opts.message ?? messageFor)(ctx, d.orgId, { lang, start: visit.starts_at, zone: visit.zone });
      const attempt = await attemptTable.in(ctx).insert(
        { org_id: d.orgId, branch_id: visit.branch_id, reminder_id: r.id, visit_id: visit.id, phone: visit.phone, lang: msg.lang, started_at: new Date(now).toISOString(), ended_at: null, outcome: null, key: null, sip_code: null, seconds: 0, billable: 0, test: 0 },
        { audit: false },
      );
      await writer.update(r, { state: 'calling', next_due_at: null, none_reason: null }, { audit: false });
      placedToday.n++;
      if (capReachedNow(placedToday.n, cap)) await noteCapReached(ctx, d.orgId, day, cap);
      const dialer = dialerOf(d.orgId, trunk);
      const phone = visit.phone;
      return { start: () => void place(d.orgId, attempt.id, dialer, phone, msg.pcm) };
    });
  }

  async function runTick(): Promise<TickReport> {
    const report: TickReport = { called: 0, waiting: 0, ended: 0 };
    const now = deps.clock.now();
    const rows = await deps.db
      .selectFrom('reminder as r')
      .innerJoin('visit as v', 'v.id', 'r.visit_id')
      .select(['r.id', 'r.visit_id', 'r.org_id', 'r.next_due_at', 'v.starts_at'])
      .where('r.next_due_at', 'is not', null)
      .where('r.deleted_at', 'is', null)
      .where('r.next_due_at', '<=', new Date(now).toISOString())
      .orderBy('r.next_due_at')
      .limit(opts.batch ?? 500)
      .execute();
    const byOrg = new Map<string, Due[]>();
    for (const r of rows) {
      const list = byOrg.get(r.org_id) ?? [];
      list.push({ id: r.id, visitId: r.visit_id, orgId: r.org_id, dueAt: Date.parse(r.next_due_at!), visitStart: Date.parse(r.starts_at) });
      byOrg.set(r.org_id, list);
    }
    for (const [orgId, due] of byOrg) {
      const orgRow = await deps.db.selectFrom('org').select(['time_zone', 'phone']).where('id', '=', orgId).executeTakeFirstOrThrow();
      const { org } = await policyRows(deps.db, orgId);
      const cap = dailyCapOf(org);
      const today = capDay(now, orgRow.time_zone);
      const placed = await deps.db
        .selectFrom('reminder_attempt')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('test', '=', 0)
        .where('started_at', '>=', new Date(today.from).toISOString())
        .where('started_at', '<', new Date(today.to).toISOString())
        .executeTakeFirstOrThrow();
      const placedToday = { n: Number(placed.n) };
      for (const d of dueOrder(due)) {
        if (stopped) break;
        const callerId = await callerIdForVisit(d.visitId, orgRow.phone, org);
        const trunk = trunkOf(orgId, org, callerId);
        const out = await decide(d, placedToday, cap, today.day, trunk, orgRow.time_zone);
        if (out.start) {
          out.start();
          report.called++;
        } else if (out.waited) report.waiting++;
        else report.ended++;
      }
    }
    return report;
  }

  async function callerIdForVisit(visitId: string, orgPhone: string | null, org: PolicyRow | null): Promise<string> {
    const b = await deps.db.selectFrom('visit as v').innerJoin('branch as b', 'b.id', 'v.branch_id').select('b.phone').where('v.id', '=', visitId).executeTakeFirst();
    return callerIdOf(b?.phone, orgPhone, org);
  }

  return {
    async recover() {
      const open = await deps.db.selectFrom('reminder_attempt').selectAll().where('ended_at', 'is', null).execute();
      for (const a of open) {
        await inJob(deps, a.org_id, async (ctx) => {
          const fresh = await ctx.db.selectFrom('reminder_attempt').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
          if (fresh.ended_at) return;
          const now = deps.clock.now();
          await closeAttempt(ctx, fresh, { outcome: 'unknown', key: null, sipCode: null, answeredAt: null, endedAt: now });
        });
      }
      if (open.length) deps.log(`reminder calls: ${open.length} attempt(s) left in flight closed as unknown`);
      return open.length;
    },
    tick() {
      if (stopped) return Promise.resolve({ called: 0, waiting: 0, ended: 0 });
      // One tick at a time: a slow one is not overtaken by the next minute's.
      ticking ??= runTick().finally(() => (ticking = null));
      return ticking;
    },
    async settled() {
      while (calls.size) await Promise.all([...calls]);
    },
    testCall(input) {
      const dialer = dialerOf(input.orgId, input.trunk);
      const progress = (state: 'dialing' | 'ringing' | 'answered' | 'ended', a?: AttemptRecord | null) =>
        deps.publish({
          name: 'reminders.testCall',
          payload: {
            callId: input.attemptId,
            state,
            outcome: (a?.outcome as never) ?? null,
            key: a?.key === '1' || a?.key === '2' ? a.key : null,
            sipCode: a?.sip_code ?? null,
            seconds: a?.seconds ?? 0,
          },
          orgId: input.orgId,
          userId: input.userId,
        });
      void place(input.orgId, input.attemptId, dialer, input.number, input.pcm, (s) => s !== 'ended' && progress(s)).then((a) => progress('ended', a));
    },
    async stop() {
      stopped = true;
      await ticking?.catch(() => undefined);
      for (const d of [...[...dialers.values()].map((x) => x.dialer), ...retired]) await d.close().catch((e: unknown) => deps.log('closing a dialer failed', e));
      await this.settled();
    },
  };
}
