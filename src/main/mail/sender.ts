import { sql, type Selectable } from 'kysely';
import type { OutboxTable } from '../db/schema';
import { isoNow, type Clock } from '../clock';
import type { CoreConfig } from '../config';
import { registerSender, TEST_REFS } from './outbox';
import { openChannel, type ChannelDeps, type Delivery } from './channels';
import { coalescing } from '../jobs/coalesce';

/**
 * Delivers the outbox. Each run claims due rows with one UPDATE … RETURNING (a row is claimed by one run only,
 * even when two runs or two processes overlap), sends each through its channel (SMTP, the SMS gateway) with no
 * transaction open, then records the outcome.
 * A failed attempt waits 1, 2, 4 … minutes (at most an hour) before the next; after MAX_ATTEMPTS it is given up.
 * A run that dies mid-send leaves its rows 'sending' with a lease; when the lease ends they are due again.
 */

export const MAX_ATTEMPTS = 10;
export const BACKOFF_CAP_MS = 60 * 60_000;
/** How long a claimed row belongs to the run that claimed it. Longer than a batch can take to fail. */
export const LEASE_MS = 10 * 60_000;
const BATCH = 20;
/** A backlog drains over several runs rather than holding one run for hours. */
const MAX_BATCHES_PER_RUN = 25;
/** Delivered rows are kept this long for the outbox screen and for "was the client told?". */
export const KEEP_SENT_MS = 180 * 24 * 3600_000;

/** The wait after the n-th failed attempt (n ≥ 1): 1, 2, 4, 8 … minutes, capped. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export interface OutboxDeps extends ChannelDeps {
  clock: Clock;
  config: CoreConfig;
  log?: (msg: string, err?: unknown) => void;
}

export interface OutboxRunResult {
  sent: number;
  /** Failed this time, will be tried again. */
  retrying: number;
  /** Given up on (out of attempts, or refused for good by the server). */
  failed: number;
}

type Row = Selectable<OutboxTable>;
const ACTIVE = ['pending', 'sending'] as const;

/** One pass over the due outbox rows of every organization. Safe to call at any time, from anywhere, concurrently. */
export async function runOutboxOnce(deps: OutboxDeps, shouldStop: () => boolean = () => false): Promise<OutboxRunResult> {
  const { db, clock } = deps;
  const result: OutboxRunResult = { sent: 0, retrying: 0, failed: 0 };
  const now = isoNow(clock);

  // Claimed by a run that died with no attempts left: give up rather than try an eleventh time.
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'failed', last_error: eb.fn.coalesce('last_error', eb.val('interrupted while sending')) }))
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .where('attempts', '>=', MAX_ATTEMPTS)
    .execute();
  await db
    .deleteFrom('outbox')
    .where('status', '=', 'sent')
    .where('next_attempt_at', '<', new Date(clock.now() - KEEP_SENT_MS).toISOString())
    .execute();

  const due = await db.selectFrom('outbox').select(['org_id', 'channel']).distinct().where('status', 'in', ACTIVE).where('next_attempt_at', '<=', now).execute();
  for (const { org_id: orgId, channel } of due) {
    if (shouldStop()) break;
    let delivery: Delivery | null;
    try {
      delivery = await openChannel(deps, orgId, channel);
    } catch (e) {
      // A secret sealed under another key: the admin must enter it again; the messages wait meanwhile.
      deps.log?.(`outbox: the ${channel} settings of organization ${orgId} cannot be opened`, e);
      continue;
    }
    if (!delivery) continue;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !shouldStop(); batch++) {
        const rows = await claim(deps, orgId, channel);
        if (!rows.length) break;
        await sendBatch(deps, delivery, rows, result);
      }
    } finally {
      delivery.close();
    }
  }
  return result;
}

async function claim(deps: OutboxDeps, orgId: string, channel: string): Promise<Row[]> {
  const now = isoNow(deps.clock);
  const lease = new Date(deps.clock.now() + LEASE_MS).toISOString();
  const due = deps.db
    .selectFrom('outbox')
    .select('id')
    .where('org_id', '=', orgId)
    .where('channel', '=', channel)
    .where('status', 'in', ACTIVE)
    .where('next_attempt_at', '<=', now)
    .where('attempts', '<', MAX_ATTEMPTS)
    .orderBy('next_attempt_at')
    .orderBy(sql`rowid`)
    .limit(BATCH);
  // One statement: SQLite runs it under its write lock, so two runs never claim the same row.
  return deps.db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: lease }))
    .where('id', 'in', due)
    .where('status', 'in', ACTIVE)
    .where('next_attempt_at', '<=', now)
    .returningAll()
    .execute();
}

async function sendBatch(deps: OutboxDeps, delivery: Delivery, rows: Row[], result: OutboxRunResult): Promise<void> {
  let broken: string | null = null;
  for (const row of rows) {
    if (broken) {
      // The connection, the login or the gateway failed: the rest of the batch waits with the same reason, without hammering the server.
      await recordFailure(deps, row, broken, false, result);
      continue;
    }
    try {
      const providerRef = await delivery.send(row, new Date(deps.clock.now()));
      await deps.db.updateTable('outbox').set({ status: 'sent', sent_at: isoNow(deps.clock), last_error: null, provider_ref: providerRef }).where('id', '=', row.id).where('status', '=', 'sending').execute();
      result.sent++;
    } catch (e) {
      const failure = delivery.failure(e);
      if (!failure.messageLevel) broken = failure.reason;
      await recordFailure(deps, row, failure.reason, failure.permanent, result);
    }
  }
}

async function recordFailure(deps: OutboxDeps, row: Row, reason: string, permanent: boolean, result: OutboxRunResult): Promise<void> {
  // `row` is as claimed: its attempts already count this one.
  const giveUp = permanent || row.attempts >= MAX_ATTEMPTS || TEST_REFS.has(row.ref_entity ?? '');
  await deps.db
    .updateTable('outbox')
    .set({
      status: giveUp ? 'failed' : 'pending',
      last_error: reason,
      next_attempt_at: giveUp ? isoNow(deps.clock) : new Date(deps.clock.now() + backoffMs(row.attempts)).toISOString(),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .execute();
  if (giveUp) result.failed++;
  else result.retrying++;
}

export interface OutboxSender {
  /** One pass now (or, if one is running, one more right after it). */
  run(): Promise<OutboxRunResult | undefined>;
  /** Ask for a pass soon, e.g. after a change queued mail. */
  wake(): void;
  /** No new passes; a pass under way stops after its current batch. */
  stop(): void;
  /** Resolves when no pass is under way: await it after stop() and before closing the database. */
  idle(): Promise<void>;
}

/** The sender of one core: runs never overlap inside the process, and enqueueMail wakes it after a commit. */
export function createOutboxSender(deps: OutboxDeps): OutboxSender {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const passes = coalescing(async (): Promise<OutboxRunResult | undefined> => {
    try {
      return await runOutboxOnce(deps, () => stopped);
    } catch (e) {
      deps.log?.('outbox run failed', e);
      return undefined;
    }
  }, () => stopped);

  const sender: OutboxSender = {
    run() {
      return stopped ? Promise.resolve(undefined) : passes.run();
    },
    wake() {
      if (stopped || timer) return;
      // A short delay gathers the mails of a burst of changes (an allocation of 50 interventions) into one pass.
      timer = setTimeout(() => {
        timer = null;
        void sender.run();
      }, 250);
      timer.unref?.();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      unregister();
    },
    idle: passes.idle,
  };
  const unregister = registerSender(deps.config, () => sender.wake());
  return sender;
}
