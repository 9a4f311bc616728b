import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import type { PushEvent } from '../../../api/events';
import type { SessionStore } from '../../../auth/sessions';
import { type Clock } from '../../../clock';
import type { CoreConfig } from '../../../config';
import { inWriteTransaction, type Db } from '../../../db/connection';
import type { InterventionWarningTable } from '../../../db/schema';
import type { Status } from '../../../../shared/api/interventions';
import { WARNING_KINDS, type WarningKind } from '../../../../shared/api/interventionSettings';
import { readSettings } from '../settings';
import { dueWarnings, limitsOf, type WarningLimits } from './rules';
import { warningRows } from './tables';
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
  /** Documents looked at: those that fell due or changed since the last run, and those with an open warning. */
  looked: number;
}

const ISO = (ms: number) => new Date(ms).toISOString();
const OPEN: Status[] = ['received', 'allocated', 'confirmed'];
const CHUNK = 500;

/**
 * The warnings job: for every organization, raises each warning that fell due (once: one row per intervention × kind)
 * and resolves those whose condition ended, in one write transaction per organization, through the write funnel.
 * It looks only at what fell due or changed since its last run (its state: `intervention_warning_scan`), through
 * indexes, so a million documents cost a minute's worth of rows, not a scan. Running it twice, or late, does no harm.
 */
export async function scanWarnings(deps: WarningsDeps): Promise<ScanOutcome> {
  const total: ScanOutcome = { raised: [], resolved: [], looked: 0 };
  const orgs = await deps.db.selectFrom('org').select('id').where('deleted_at', 'is', null).execute();
  for (const { id } of orgs) {
    const pending: PushEvent[] = [];
    const after: (() => void)[] = [];
    const one = await inWriteTransaction(deps.db, (trx) => scanOrg(jobCtx(deps, trx, id, pending, after), id));
    for (const fn of after) fn();
    for (const e of pending) deps.publish(e);
    total.raised.push(...one.raised);
    total.resolved.push(...one.resolved);
    total.looked += one.looked;
  }
  return total;
}

/** A call's context for the job: no session user (its writes and audit entries are the system's), events held until commit. */
function jobCtx(deps: WarningsDeps, db: Db, orgId: string, pending: PushEvent[], after: (() => void)[]): Ctx {
  return {
    db,
    user: null,
    clock: deps.clock,
    config: deps.config,
    // No procedure runs here, so nothing asks for a session.
    sessions: null as unknown as SessionStore,
    services: null as unknown as Ctx['services'],
    emit: (name, payload, scope) => void pending.push({ ...scope, name, payload, orgId } as PushEvent),
    emitNow: () => undefined,
    setSession: () => undefined,
    sessionToken: null,
    afterCommit: (fn) => void after.push(fn),
  };
}

async function scanOrg(ctx: Ctx, orgId: string): Promise<ScanOutcome> {
  const now = ctx.clock.now();
  const limits = limitsOf(await readSettings(ctx, orgId));
  const key = JSON.stringify(limits);
  const state = await ctx.db.selectFrom('intervention_warning_scan').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  const since = state && state.limits === key ? Date.parse(state.scanned_to) : null;

  const ids = new Set([...(await candidates(ctx.db, orgId, limits, since, now)), ...(await openWarned(ctx.db, orgId))]);
  const out: ScanOutcome = { raised: [], resolved: [], looked: ids.size };
  const raisedRows: Selectable<InterventionWarningTable>[] = [];
  const touched = new Map<string, Set<string>>();
  const list = [...ids];
  for (let k = 0; k < list.length; k += CHUNK) {
    const chunk = list.slice(k, k + CHUNK);
    const docs = await ctx.db.selectFrom('intervention').select(['id', 'branch_id', 'status', 'created_at', 'allocated_at', 'end_at', 'deleted_at']).where('id', 'in', chunk).execute();
    const existing = await ctx.db.selectFrom('intervention_warning').selectAll().where('intervention_id', 'in', chunk).execute();
    const byKey = new Map(existing.map((w) => [`${w.intervention_id}:${w.kind}`, w]));
    for (const d of docs) {
      const due = new Map(dueWarnings({ status: d.status as Status, createdAt: d.created_at, allocatedAt: d.allocated_at, endAt: d.end_at, deleted: d.deleted_at != null }, limits, ctx.clock).map((w) => [w.kind, w.dueAt]));
      for (const kind of WARNING_KINDS) {
        const w = byKey.get(`${d.id}:${kind}`);
        const dueAt = due.get(kind);
        const rows = warningRows.in(ctx);
        let written: Selectable<InterventionWarningTable> | null = null;
        if (dueAt !== undefined && !w) {
          written = await rows.insert({ org_id: orgId, branch_id: d.branch_id, intervention_id: d.id, kind, due_at: ISO(dueAt), raised_at: ISO(now), resolved_at: null, times: 1 });
        } else if (dueAt !== undefined && w?.resolved_at) {
          // Its condition came back (received again after an allocation, a new end already past): a new lapse, told again.
          written = await rows.update(w, { branch_id: d.branch_id, due_at: ISO(dueAt), raised_at: ISO(now), resolved_at: null, times: w.times + 1 });
        } else if (dueAt === undefined && w && !w.resolved_at) {
          await rows.update(w, { resolved_at: ISO(now) });
          out.resolved.push({ interventionId: d.id, kind });
          touch(touched, w.branch_id, d.id);
          continue;
        } else if (w && !w.resolved_at && w.branch_id !== d.branch_id) {
          // The document moved to another branch: its warning follows (and leaves the first branch's panel).
          await rows.update(w, { branch_id: d.branch_id });
          touch(touched, w.branch_id, d.id);
          touch(touched, d.branch_id, d.id);
        }
        if (written) {
          raisedRows.push(written);
          out.raised.push({ interventionId: d.id, kind });
          touch(touched, d.branch_id, d.id);
        }
      }
    }
  }
  const facts = await factsOfWarned(ctx, orgId, raisedRows);
  await mailWarnings(ctx, orgId, raisedRows, facts);
  announce(ctx, raisedRows, touched, facts);
  await ctx.db
    .insertInto('intervention_warning_scan')
    .values({ org_id: orgId, scanned_to: ISO(now), limits: key })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ scanned_to: ISO(now), limits: key }))
    .execute();
  return out;
}

function touch(map: Map<string, Set<string>>, branchId: string, id: string): void {
  const set = map.get(branchId) ?? new Set<string>();
  set.add(id);
  map.set(branchId, set);
}

/** One refresh per branch, and one "warnings raised" per branch that has new ones (not one per row on a first run of thousands). */
function announce(ctx: Ctx, raised: Selectable<InterventionWarningTable>[], touched: Map<string, Set<string>>, facts: WarnedFacts): void {
  for (const [branchId, ids] of touched) ctx.emit('interventions.changed', { ids: [...ids] }, { branchIds: [branchId] });
  const byBranch = new Map<string, Selectable<InterventionWarningTable>[]>();
  for (const w of raised) byBranch.set(w.branch_id, [...(byBranch.get(w.branch_id) ?? []), w]);
  for (const [branchId, rows] of byBranch) {
    const first = rows[0]!;
    const doc = facts.get(first.intervention_id);
    ctx.emit('interventions.warning', { count: rows.length, first: { interventionId: first.intervention_id, kind: first.kind as WarningKind, number: doc?.number ?? null, client: doc?.client ?? '' } }, { branchIds: [branchId] });
  }
}

/**
 * The documents that may have fallen due since `since`, or changed since then; every open document on a first run
 * or after the limits changed. Each question is a range of an index (migrations/0007), never a scan of the table.
 */
async function candidates(db: Db, orgId: string, limits: WarningLimits, since: number | null, now: number): Promise<string[]> {
  const ids: string[] = [];
  for (const q of candidateQueries(db, orgId, limits, since, now)) for (const r of await q.execute()) ids.push(r.id);
  return ids;
}

/** The questions of one run, each answered by an index (tested with the query plan). */
export function candidateQueries(db: Db, orgId: string, limits: WarningLimits, since: number | null, now: number) {
  const live = db.selectFrom('intervention').select('id').where('org_id', '=', orgId).where('deleted_at', 'is', null);
  if (since === null) return [live.where('status', 'in', OPEN)];
  const range = (limit: number) => [ISO(since - limit), ISO(now - limit)] as const;
  // From the last run's own instant on: a save stamped in that millisecond committed after it (the run held the write lock).
  const queries = [live.where('updated_at', '>=', ISO(since))];
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

async function openWarned(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('intervention_warning').select('intervention_id').where('org_id', '=', orgId).where('resolved_at', 'is', null).where(sql.ref('deleted_at'), 'is', null).execute();
  return rows.map((r) => r.intervention_id);
}
