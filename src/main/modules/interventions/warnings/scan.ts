import type { CompiledQuery } from 'kysely';
import type { Ctx } from '../../../api/context';
import type { PushEvent } from '../../../api/events';
import type { SessionStore } from '../../../auth/sessions';
import type { Clock } from '../../../clock';
import type { CoreConfig } from '../../../config';
import { inWriteTransaction, type Db } from '../../../db/connection';
import type { Status } from '../../../../shared/api/interventions';
import type { WarningKind } from '../../../../shared/api/interventionSettings';
import { readSettings } from '../settings';
import { limitsOf, type WarningLimits } from './rules';
import { judge, type Judged } from './judge';
import { factsOfWarned, mailWarnings, type WarnedFacts } from './mail';

export interface WarningsDeps {
  db: Db;
  clock: Clock;
  config: CoreConfig;
  /** The core's event bus: what a run raised reaches the dispatchers of its branch once it has committed. */
  publish(e: PushEvent): void;
}

export interface ScanOutcome {
  raised: { interventionId: string; kind: WarningKind }[];
  resolved: { interventionId: string; kind: WarningKind }[];
  /** Documents looked at: those that fell due or changed since the last run (every open one on a first run). */
  looked: number;
}

const ISO = (ms: number) => new Date(ms).toISOString();
const OPEN: Status[] = ['received', 'allocated', 'confirmed'];
/** Documents judged per write transaction: a first run over thousands never holds the write lock for long. */
const SLICE = 250;

/**
 * The warnings job: for every organization, raises each warning that fell due (once: one row per intervention × kind)
 * and resolves those whose condition ended, through the write funnel, a slice of documents per short transaction.
 * A condition only ends by a change of its document, and only starts by one or by the clock, so a run looks at what
 * fell due since the last one (index ranges) and what the change record says changed since (its state:
 * `intervention_warning_scan`): a million documents cost a minute's worth of rows, not a scan. Running it twice, or
 * late, or again after a crash half-way, does no harm.
 */
export async function scanWarnings(deps: WarningsDeps): Promise<ScanOutcome> {
  const total: ScanOutcome = { raised: [], resolved: [], looked: 0 };
  const orgs = await deps.db.selectFrom('org').select('id').where('deleted_at', 'is', null).execute();
  for (const { id } of orgs) {
    const one = await scanOrg(deps, id);
    total.raised.push(...one.raised);
    total.resolved.push(...one.resolved);
    total.looked += one.looked;
  }
  return total;
}

async function scanOrg(deps: WarningsDeps, orgId: string): Promise<ScanOutcome> {
  // One instant for the whole run: every slice judges the same "now", and the next run starts from it.
  const now = deps.clock.now();
  const clock: Clock = { now: () => now };
  const plan = await deps.db.transaction().execute(async (trx) => {
    const limits = limitsOf(await readSettings({ db: trx, user: null }, orgId));
    const key = JSON.stringify(limits);
    const state = await trx.selectFrom('intervention_warning_scan').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    const last = await trx.selectFrom('change_log').select('seq').where('org_id', '=', orgId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const since = state && state.limits === key ? { at: Date.parse(state.scanned_to), seq: state.seq } : null;
    const ids = new Set<string>();
    for (const q of candidateQueries(trx, orgId, limits, since, now)) for (const r of await q.execute()) ids.add(r.id);
    return { limits, key, ids: [...ids], seq: last?.seq ?? 0 };
  });

  const judged: Judged = { raised: [], resolved: [], touched: new Map() };
  const facts: WarnedFacts = new Map();
  const after: (() => void)[] = [];
  for (let k = 0; k < plan.ids.length; k += SLICE) {
    const slice = plan.ids.slice(k, k + SLICE);
    await inWriteTransaction(deps.db, async (trx) => {
      const ctx = jobCtx(deps, trx, clock, after);
      const before = judged.raised.length;
      await judge(ctx, orgId, slice, plan.limits, judged);
      const raised = judged.raised.slice(before);
      const sliceFacts = await factsOfWarned(ctx, orgId, raised);
      // Mailed in the transaction that raised them: a warning and its mails commit together, never twice.
      await mailWarnings(ctx, orgId, raised, sliceFacts);
      for (const [id, f] of sliceFacts) facts.set(id, f);
    });
  }
  await inWriteTransaction(deps.db, (trx) =>
    trx
      .insertInto('intervention_warning_scan')
      .values({ org_id: orgId, scanned_to: ISO(now), limits: plan.key, seq: plan.seq })
      .onConflict((oc) => oc.column('org_id').doUpdateSet({ scanned_to: ISO(now), limits: plan.key, seq: plan.seq }))
      .execute(),
  );
  for (const fn of after) fn();
  for (const e of announcements(orgId, judged, facts)) deps.publish(e);
  return { raised: judged.raised.map((w) => ({ interventionId: w.intervention_id, kind: w.kind as WarningKind })), resolved: judged.resolved, looked: plan.ids.length };
}

/** A call's context for the job: no session user (its writes and audit entries are the system's); it emits nothing itself. */
function jobCtx(deps: WarningsDeps, db: Db, clock: Clock, after: (() => void)[]): Ctx {
  return {
    db,
    user: null,
    clock,
    config: deps.config,
    // No procedure runs here, so nothing asks for a session or a module's service.
    sessions: null as unknown as SessionStore,
    services: null as unknown as Ctx['services'],
    emit: () => undefined,
    emitNow: () => undefined,
    setSession: () => undefined,
    sessionToken: null,
    afterCommit: (fn) => void after.push(fn),
  };
}

/** After the run has committed: one refresh per branch, and one "warnings raised" per branch that has new ones (not one per row). */
function announcements(orgId: string, judged: Judged, facts: WarnedFacts): PushEvent[] {
  const out: PushEvent[] = [];
  for (const [branchId, ids] of judged.touched) out.push({ name: 'interventions.changed', payload: { ids: [...ids] }, orgId, branchIds: [branchId] });
  const firstOf = new Map<string, { count: number; first: Judged['raised'][number] }>();
  for (const w of judged.raised) {
    const seen = firstOf.get(w.branch_id);
    firstOf.set(w.branch_id, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? w });
  }
  for (const [branchId, { count, first }] of firstOf) {
    const doc = facts.get(first.intervention_id);
    const payload = { count, first: { interventionId: first.intervention_id, kind: first.kind as WarningKind, number: doc?.number ?? null, client: doc?.client ?? '' } };
    out.push({ name: 'interventions.warning', payload, orgId, branchIds: [branchId] });
  }
  return out;
}

/**
 * The documents to judge, each question a range of an index (tested with the query plan). On a first run, or after
 * the limits changed: every open document and every document with an open warning. After that: those whose limit
 * fell in (last run, now], and those the change record names since the last run (saves, deletions).
 */
/** A question whose answer is document ids. */
export interface Candidates {
  execute(): Promise<{ id: string }[]>;
  compile(): CompiledQuery;
}

export function candidateQueries(db: Db, orgId: string, limits: WarningLimits, since: { at: number; seq: number } | null, now: number): Candidates[] {
  const live = db.selectFrom('intervention').select('id').where('org_id', '=', orgId).where('deleted_at', 'is', null);
  if (since === null) {
    const warned = db.selectFrom('intervention_warning').select('intervention_id as id').where('org_id', '=', orgId).where('resolved_at', 'is', null);
    return [live.where('status', 'in', OPEN), warned];
  }
  const range = (limit: number) => [ISO(since.at - limit), ISO(now - limit)] as const;
  const queries: Candidates[] = [db.selectFrom('change_log').select('row_id as id').where('org_id', '=', orgId).where('seq', '>', since.seq).where('table_name', '=', 'intervention')];
  if (limits.unallocated != null) {
    const [from, to] = range(limits.unallocated);
    queries.push(live.where('status', '=', 'received').where('allocated_at', 'is', null).where('created_at', '>', from).where('created_at', '<=', to));
  }
  if (limits.unconfirmed != null) {
    const [from, to] = range(limits.unconfirmed);
    queries.push(live.where('status', '=', 'allocated').where('allocated_at', '>', from).where('allocated_at', '<=', to));
    queries.push(live.where('status', '=', 'allocated').where('allocated_at', 'is', null).where('created_at', '>', from).where('created_at', '<=', to));
  }
  if (limits.overdue != null) {
    const [from, to] = range(limits.overdue);
    queries.push(live.where('end_at', '>', from).where('end_at', '<=', to));
  }
  return queries;
}
