import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Clock } from '../../clock';
import type { SyncState } from '../../../shared/api/sync';
import { MAX_PUSH_CELLS } from '../../../shared/sync/protocol';
import type { Replica } from '../replica';
import type { FullStateMark } from '../replica/fullState';
import { createHubClient, HubProblem, type HubClient } from './hubClient';
import { keyContext, loadDevice, saveProgress, SCHEMA_VERSION, type Problem } from './device';
import { nextRoundIn, SELF_MENDING, type RoundOutcome } from './schedule';
import { pullFieldActions, type FieldActionApplier } from './fieldActions';
import { coalescing } from '../../jobs/coalesce';

export interface Secrets {
  encrypt(plaintext: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

export interface SyncEngineDeps {
  db: Kysely<DB>;
  replica: Replica;
  clock: Clock;
  secrets: Secrets;
  /** The state changed or a round ended: the windows' indicators refetch. */
  announce(orgId: string, state: SyncState): void;
  log(msg: string, err?: unknown): void;
  clientFor?: (hubUrl: string) => HubClient;
  random?: () => number;
  /** How long one long poll waits for another device's change. */
  waitMs?: number;
  /** A local change starts a round after this quiet time, so a burst of saves is one round. */
  debounceMs?: number;
  pullLimit?: number;
  /** After a round's pull: what else the hub holds for this device (the web form's submissions). */
  afterPull?: (hub: HubClient, deviceKey: string, orgId: string) => Promise<void>;
  /** Who applies the phone page's actions (the tasks module), null while none is there. */
  fieldActions?: () => FieldActionApplier | null;
}

export interface EngineView {
  state: SyncState;
  problem: Problem | null;
  progress: { done: number; total: number } | null;
}

export interface SyncEngine {
  /** Begins syncing when this installation is registered (else waits for `register`'s `restart`). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs a round now (joins the one under way, then runs one more) and settles when it ends; never throws. */
  syncNow(): Promise<void>;
  /** A local change was committed: a round soon. */
  nudge(): void;
  /** The registration changed: read the device again and start a round (not awaited: a first sync may be long). */
  restart(): Promise<void>;
  /** The interval changed: a round now, the next ones at the new pace (a refused or offline device keeps its wait). */
  reschedule(): void;
  view(): EngineView;
}

/**
 * The desktop's sync in the core process: rounds of push-then-pull against the hub, every `interval_seconds` while
 * online, soon after a local change, and when the hub's long poll says another device wrote. Everything is async with
 * short transactions (the replica's apply, one update of the cursors), so the window never waits for the network.
 * Cursors move only after the hub acknowledged a batch and its pulled cells were applied: a crash anywhere repeats at
 * most a batch, which the hub (by batch id) and the merge (by HLC) both take as already done.
 */
export function createSyncEngine(deps: SyncEngineDeps): SyncEngine {
  const { db, replica, clock, secrets, log } = deps;
  const clientFor = deps.clientFor ?? ((url: string) => createHubClient(url));
  const random = deps.random ?? Math.random;
  const waitMs = deps.waitMs ?? 25_000;
  const debounceMs = deps.debounceMs ?? 1_000;
  const pullLimit = deps.pullLimit ?? 2_000;

  let view: EngineView = { state: 'unregistered', problem: null, progress: null };
  let orgId: string | null = null;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let polling: AbortController | null = null;

  function set(next: Partial<EngineView>): void {
    view = { ...view, ...next };
    if (orgId) deps.announce(orgId, view.state);
  }

  function schedule(ms: number | null): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (ms === null || stopped) return;
    timer = setTimeout(() => void kick(), ms);
    timer.unref?.();
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    // This round carries the saves a debounced nudge waited for.
    if (debounce) clearTimeout(debounce);
    debounce = null;
    return rounds.run();
  }
  const rounds = coalescing(() => guardedRound(), () => stopped);

  async function guardedRound(): Promise<void> {
    let outcome: RoundOutcome;
    let interval = 30;
    try {
      const r = await round();
      if (!r) return;
      interval = r.interval;
      outcome = { kind: 'ok' };
      failures = 0;
      set({ state: 'idle', problem: null, progress: null });
      if (!polling) void longPoll();
    } catch (e) {
      const dev = await loadDevice(db).catch(() => undefined);
      interval = dev?.interval_seconds ?? interval;
      const problem = e instanceof HubProblem ? e : null;
      if (!problem) log('sync: a round failed', e);
      if (problem?.kind === 'refused') {
        outcome = { kind: 'refused', retryable: (SELF_MENDING as readonly string[]).includes(problem.code ?? '') };
        set({ state: 'refused', problem: problem.problem, progress: null });
        await saveProgress(db, { problem: problem.problem }).catch((err: unknown) => log('sync: keeping the refusal failed', err));
      } else {
        failures += 1;
        outcome = { kind: 'offline', failures };
        set({ state: 'offline', problem: problem?.problem ?? { key: 'errors.hub_offline' }, progress: null });
      }
      polling?.abort();
    }
    if (!stopped) schedule(nextRoundIn(outcome, interval, random()));
  }

  /** One round; null when this installation is not registered. */
  async function round(): Promise<{ interval: number } | null> {
    const dev = await loadDevice(db);
    if (!dev?.device_key_enc || !dev.hub_url || !dev.org_id) {
      set({ state: 'unregistered', problem: null, progress: null });
      return null;
    }
    orgId = dev.org_id;
    const org = dev.org_id;
    const key = secrets.decrypt(dev.device_key_enc, keyContext(dev.installation_id));
    const hub = clientFor(dev.hub_url);
    set({ state: 'syncing' });
    let cursor = dev.cursor;
    let pushed = dev.pushed_seq;
    // This installation's edits after \`settled\` count as unsettled in every apply of the round, also on pull pages
    // after this round's own push was acknowledged: a crossing edit there is still a conflict.
    const settled = { pendingAfterSeq: dev.settled_seq };
    // A reset this file was rebuilt for is reported with every request until a round ends; the hub clears its mark.
    const resetDone = dev.reset_done_at ?? undefined;
    let resetAsked: number | null = null;
    const request = async (batchId: string, cells: Parameters<HubClient['sync']>[1]['cells']) => {
      const res = await hub.sync(key, { schemaVersion: SCHEMA_VERSION, deviceNow: clock.now(), batchId, cells, cursor, pullLimit, ...(resetDone !== undefined ? { resetDone } : {}) });
      resetAsked = res.reset ?? null;
      return res;
    };

    // Registered anew while holding data (the hub may have been rebuilt): everything this file holds goes first, whole
    // rows in batches named by the registration, so a crash repeats a batch the hub takes as already stored.
    if (dev.full_push) {
      const shapes = await replica.shapes();
      const widest = Math.max(1, ...[...shapes.values()].map((t) => t.columns.size + 1));
      const rows = Math.max(1, Math.floor(MAX_PUSH_CELLS / widest));
      const run = Date.parse(dev.registered_at ?? '') || 0;
      let mark: FullStateMark = null;
      let n = 0;
      do {
        const page = await replica.fullState(org, mark, rows);
        if (page.cells.length) {
          const res = await request(`${dev.installation_id}-f${run}-${n++}`, page.cells);
          await replica.apply(org, res.cells, settled);
          cursor = res.cursor;
          await saveProgress(db, { cursor });
        }
        mark = page.next;
      } while (mark && !stopped);
      if (stopped) return { interval: dev.interval_seconds };
      await db.updateTable('sync_device').set({ full_push: 0 }).where('id', '=', 1).execute();
    }

    // Push: the local changes since the last acknowledged one, oldest first, in batches the hub takes at once.
    const toPush = await replica.pending(org, pushed);
    for (;;) {
      const out = await replica.outbound(org, pushed, MAX_PUSH_CELLS);
      if (out.cells.length === 0) {
        // Changes that make no cells (pulled ones, marked remote): passed over once, not read again each round.
        if (out.lastSeq > pushed) await saveProgress(db, { pushedSeq: (pushed = out.lastSeq) });
        break;
      }
      // Named by the range it covers: resent after a crash or a lost answer, the hub knows it by the same name.
      const res = await request(`${dev.installation_id}-${pushed}-${out.lastSeq}`, out.cells);
      await replica.apply(org, res.cells, settled);
      pushed = out.lastSeq;
      cursor = res.cursor;
      await saveProgress(db, { pushedSeq: pushed, cursor });
      if (toPush > MAX_PUSH_CELLS) set({ progress: { done: Math.max(0, toPush - (await replica.pending(org, pushed))), total: toPush } });
    }

    // Pull until the hub says nothing more waits. A long backlog (a first sync) shows how many cells arrived of how
    // many: the hub says how many remain after each page (a hub that does not say: total 0, a running count).
    let pulled = 0;
    for (;;) {
      const res = await request(randomUUID(), []);
      await replica.apply(org, res.cells, settled);
      cursor = res.cursor;
      await saveProgress(db, { cursor });
      pulled += res.cells.length;
      if (!res.more) break;
      set({ progress: { done: pulled, total: res.remaining === undefined ? 0 : pulled + res.remaining } });
      if (stopped) return { interval: dev.interval_seconds };
    }
    await deps.afterPull?.(hub, key, org);
    await pullFieldActions(hub, key, org, deps.fieldActions?.() ?? null);
    if (resetAsked !== null) {
      // Everything of ours is on the hub now: the rebuild (at the next start, or `planora sync reset`) loses nothing.
      await db.updateTable('sync_device').set({ reset_requested_at: resetAsked }).where('id', '=', 1).execute();
      throw new HubProblem('refused', 'errors.sync_reset_pending');
    }
    if (resetDone !== undefined) await db.updateTable('sync_device').set({ reset_done_at: null }).where('id', '=', 1).where('reset_done_at', '=', resetDone).execute();
    await saveProgress(db, { settledSeq: pushed, lastSyncAt: new Date(clock.now()).toISOString(), problem: null });
    // A save made while this round pulled was not heard (pulled rows fire the same events): push it now.
    if ((await replica.pending(org, pushed)) > 0) rounds.again();
    return { interval: dev.interval_seconds };
  }

  /** Waits at the hub for another device's change; a change starts a round, an error leaves it to the scheduler. */
  async function longPoll(): Promise<void> {
    const ctl = new AbortController();
    polling = ctl;
    try {
      while (!stopped && !ctl.signal.aborted) {
        const dev = await loadDevice(db);
        if (!dev?.device_key_enc || !dev.hub_url) return;
        const key = secrets.decrypt(dev.device_key_enc, keyContext(dev.installation_id));
        const res = await clientFor(dev.hub_url).wait(key, { cursor: dev.cursor, timeoutMs: waitMs }, ctl.signal);
        if (res.changed && !ctl.signal.aborted) await kick();
      }
    } catch {
      // Offline or stopped: the round scheduler notices and backs off; the next good round polls again.
    } finally {
      if (polling === ctl) polling = null;
    }
  }

  return {
    async start() {
      stopped = false;
      const dev = await loadDevice(db);
      orgId = dev?.org_id ?? null;
      if (!dev?.device_key_enc) {
        view = { state: 'unregistered', problem: null, progress: null };
        return;
      }
      view = { state: 'idle', problem: null, progress: null };
      schedule(0);
    },
    async stop() {
      stopped = true;
      schedule(null);
      if (debounce) clearTimeout(debounce);
      polling?.abort();
      await rounds.idle();
    },
    syncNow: () => kick(),
    nudge() {
      // Offline or refused: the backoff decides; a save must not knock at a hub that is down. During a round the
      // events are the pulled rows' own, and the round's end looks for local changes anyway.
      if (stopped || rounds.current() || view.state !== 'idle') return;
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => void kick(), debounceMs);
      debounce.unref?.();
    },
    async restart() {
      polling?.abort();
      await rounds.idle();
      failures = 0;
      await this.start();
    },
    reschedule() {
      if (view.state === 'idle') void kick();
    },
    view: () => view,
  };
}
