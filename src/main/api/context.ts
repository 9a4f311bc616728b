import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { EventName, EventPayload, ParsedInput, Output, ProcName } from '../../shared/api';
import type { CoreConfig } from '../config';
import type { SessionStore } from '../auth/sessions';
import type { Services } from './services';
import type { EventScope } from './events';

/** What every handler and service receives: the open transaction, the caller, the clock, and the ways to say what changed. */
export interface Ctx {
  db: Kysely<DB>;
  user: SessionUser | null;
  clock: Clock;
  config: CoreConfig;
  sessions: SessionStore;
  /** What the modules made at start (a memory index…), each reached through its module's typed key. */
  services: Services;
  /** Queued; published only once the transaction has committed. `scope`: the branches it belongs to (else the whole organization). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>, scope?: EventScope): void;
  /** Published at once, not after commit, to the caller only: progress of a long call, never a claim that something was saved. */
  emitNow<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Set (string) or clear (null) the caller's session token; the transport stores it. */
  setSession(token: string | null): void;
  sessionToken: string | null;
  /** Where the call comes from (web mode: the client's address; absent or `local`: this machine), for login throttling. */
  source?: string;
  /** Runs once the transaction has committed (cache invalidation and the like). */
  afterCommit(fn: () => void): void;
}

/** The caller, for procedures that need one (the dispatcher has already checked). */
export function me(ctx: Pick<Ctx, 'user'>): SessionUser {
  if (!ctx.user) throw new Error('procedure without a session user');
  return ctx.user;
}

export type Handler<N extends ProcName> = (input: ParsedInput<N>, ctx: Ctx) => Promise<Output<N>>;
export type HandlersFor<Names extends ProcName> = { [N in Names]: Handler<N> };
