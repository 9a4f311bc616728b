import { sql, type Kysely } from 'kysely';
import { api, isProcName, type EventName, type ProcName } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/api/errors';
import { issueToError } from '../../shared/api/validation';
import { can } from '../../shared/permissions';
import type { DB } from '../db/schema';
import type { Clock } from '../clock';
import type { CoreConfig } from '../config';
import type { Ctx, HandlersFor } from './context';
import { AppError } from './errors';
import type { EventBus, PushEvent } from './events';
import type { SessionStore } from '../auth/sessions';
import { LOCAL_SOURCE } from '../auth/throttle';
import type { Services } from './services';
import type { ReaderPool } from '../db/readers';

export interface CallRequest {
  name: string;
  input: unknown;
  sessionToken: string | null;
  /** Where the call comes from, for login throttling: web mode's client address; absent means this machine (IPC, CLI, tests). */
  source?: string;
}

export interface CallOutcome {
  result: ApiResult<unknown>;
  /** Present when the call changed the session: a new token, or null to clear it. */
  sessionToken?: string | null;
}

export type Dispatch = (req: CallRequest) => Promise<CallOutcome>;

export interface DispatcherDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: CoreConfig;
  bus: EventBus;
  sessions: SessionStore;
  services: Services;
  handlers: HandlersFor<ProcName>;
  /** Read-only connections: procedures that do not write run there, off the writer's lock. */
  readers: ReaderPool;
  log: (msg: string, err?: unknown) => void;
}

/** A call slower than this is logged (its name and duration, never its input or answer). */
export const SLOW_CALL_MS = 100;

/** find procedure → check the session's permission → validate input → run the handler in a transaction → (in tests) validate output. */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const { db, clock, config, bus, sessions, handlers, services, readers } = deps;
  const inWrite = writeOn(db);

  async function dispatch(req: CallRequest): Promise<CallOutcome> {
    if (!isProcName(req.name)) return refuse({ code: 'not_found', key: 'errors.unknown_procedure' });
    const def = api[req.name];

    const user = req.sessionToken ? await sessions.resolve(req.sessionToken) : null;
    const access = def.access;
    if (!('public' in access)) {
      if (!user) return refuse({ code: 'unauthenticated', key: 'errors.session_expired' });
      if ('module' in access && !can(user.role, access.module, access.action)) {
        return refuse({ code: 'forbidden', key: 'errors.forbidden', params: { module: access.module, action: access.action } });
      }
    }

    const parsed = def.input.safeParse(req.input ?? {}, { reportInput: true });
    if (!parsed.success) return refuse(issueToError(parsed.error.issues[0]!));

    const pending: PushEvent[] = [];
    const after: (() => void)[] = [];
    let sessionChange: string | null | undefined;
    const handler = handlers[req.name] as (input: unknown, ctx: Ctx) => Promise<unknown>;

    const ctxOver = (conn: Kysely<DB>): Ctx => ({
      db: conn,
      user,
      clock,
      config,
      sessions,
      services,
      sessionToken: req.sessionToken,
      source: req.source ?? LOCAL_SOURCE,
      emit: (name: EventName, payload, scope) => {
        if (user) pending.push({ ...scope, name, payload, orgId: user.orgId } as PushEvent);
      },
      emitNow: (name: EventName, payload) => {
        if (user) bus.publish({ name, payload, orgId: user.orgId, userId: user.id } as PushEvent);
      },
      setSession: (token) => {
        sessionChange = token;
      },
      afterCommit: (fn) => {
        after.push(fn);
      },
    });

    try {
      // Slow work that must not hold the connection (a password hash): the handler opens its own short transactions.
      // Reads run in a snapshot on a reader of their own, so a long one (an export) never keeps a save waiting.
      const run = (conn: Kysely<DB>) => handler(parsed.data, ctxOver(conn));
      const data = await (def.ownTransactions ? run(db) : def.writes ? inWrite(run, after) : readers.read(run));
      if (config.validateOutput) {
        const check = def.output.safeParse(data);
        if (!check.success) throw new Error(`${req.name} answered outside its contract: ${check.error.message}`);
      }
      for (const fn of after) fn();
      for (const e of pending) bus.publish(e);
      return sessionChange === undefined ? { result: { ok: true, data } } : { result: { ok: true, data }, sessionToken: sessionChange };
    } catch (e) {
      if (e instanceof AppError) return refuse(e.error);
      deps.log(`procedure ${req.name} failed`, e);
      return refuse({ code: 'internal', key: 'errors.internal' });
    }
  }

  // Timed by the monotonic clock (the core's clock is business time, moved by tests).
  return async function timed(req: CallRequest): Promise<CallOutcome> {
    const start = performance.now();
    try {
      return await dispatch(req);
    } finally {
      const ms = performance.now() - start;
      if (ms > SLOW_CALL_MS) deps.log(`slow call: ${isProcName(req.name) ? req.name : 'unknown procedure'} took ${Math.round(ms)} ms`);
    }
  };
}

/** A writing call on the writer: `begin immediate` takes the write lock up front, so writers queue instead of failing on upgrade. */
function writeOn(db: Kysely<DB>) {
  return <T>(fn: (conn: Kysely<DB>) => Promise<T>, after: (() => void)[]): Promise<T> =>
    db.connection().execute(async (conn) => {
      await sql.raw('begin immediate').execute(conn);
      try {
        const out = await fn(conn);
        await sql.raw('commit').execute(conn);
        return out;
      } catch (e) {
        const keep = e instanceof AppError && e.keepWrites;
        await sql.raw(keep ? 'commit' : 'rollback').execute(conn).catch(() => undefined);
        // What was kept is committed: what waits on a commit runs for it too.
        if (keep) for (const fn of after) fn();
        throw e;
      }
    });
}

function refuse(error: ApiError): CallOutcome {
  return { result: { ok: false, error } };
}
