/**
 * Who answers a website chat: the rule the hub runs when a visitor's first message arrives, when an assignee stays
 * silent, and when an operator hands a conversation on by hand. Pure: instants are epoch milliseconds, `now` is given.
 */

export const CHAT_STRATEGIES = ['experienced_first', 'cheapest_first'] as const;
export type ChatStrategy = (typeof CHAT_STRATEGIES)[number];

/** Experience and cost are levels, 1 (least) … 5 (most). */
export const LEVEL_MIN = 1;
export const LEVEL_MAX = 5;

export interface ChatCandidate {
  userId: string;
  /** Connected to the hub now (the desktop app is open). */
  online: boolean;
  /** Inside their working hours now, on their branch's clock. */
  inWorkingHours: boolean;
  /** Conversations they are responsible for that are not closed. */
  openChats: number;
  experience: number;
  cost: number;
}

/** A request of the recognised client that is not finished: an intervention or a task, with who is responsible for it. */
export interface OpenRequest {
  kind: 'intervention' | 'task';
  id: string;
  responsibleId: string | null;
  /** Last change of the request (epoch ms): the freshest one speaks for the client's current business. */
  updatedAt: number;
}

export interface MatchedClient {
  clientId: string;
  openRequests: readonly OpenRequest[];
}

export interface RoutePolicy {
  strategy: ChatStrategy;
  /** Conversations one person holds before the next in the strategy's order is asked first. */
  maxChatsEach: number;
}

export type RouteDecision =
  /** The client's own responsible person; a task for them, linked to the request and the conversation, is to be made. */
  | { kind: 'responsible'; userId: string; clientId: string; request: { kind: OpenRequest['kind']; id: string }; createTask: true }
  /** The most available colleague in the strategy's order. */
  | { kind: 'available'; userId: string; clientId: string | null; createTask: false }
  /** Nobody is online in working hours: the conversation waits and is routed when someone comes. */
  | { kind: 'waiting'; clientId: string | null; createTask: false };

const byId = (a: { userId: string }, b: { userId: string }) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** Can take a conversation now. */
export const isAvailable = (c: ChatCandidate) => c.online && c.inWorkingHours;

/** The strategy's order: best first; equal levels go to the less busy, then the other level, then the id (stable everywhere). */
export function strategyOrder(strategy: ChatStrategy): (a: ChatCandidate, b: ChatCandidate) => number {
  return (a, b) => {
    const primary = strategy === 'experienced_first' ? b.experience - a.experience : a.cost - b.cost;
    if (primary !== 0) return primary;
    if (a.openChats !== b.openChats) return a.openChats - b.openChats;
    const secondary = strategy === 'experienced_first' ? a.cost - b.cost : b.experience - a.experience;
    return secondary !== 0 ? secondary : byId(a, b);
  };
}

/**
 * The most available colleague: among those online in working hours, the first in the strategy's order who holds
 * fewer than `maxChatsEach` conversations; when everyone is that busy, whoever holds fewest (then the strategy's order).
 */
export function mostAvailable(candidates: readonly ChatCandidate[], policy: RoutePolicy, exclude: ReadonlySet<string> = new Set()): ChatCandidate | null {
  const pool = candidates.filter((c) => isAvailable(c) && !exclude.has(c.userId));
  if (pool.length === 0) return null;
  const order = strategyOrder(policy.strategy);
  const free = pool.filter((c) => c.openChats < policy.maxChatsEach).sort(order);
  if (free.length > 0) return free[0]!;
  return [...pool].sort((a, b) => a.openChats - b.openChats || order(a, b))[0]!;
}

/** The client's freshest open request that has a responsible person who may answer chats. */
function requestWithResponsible(client: MatchedClient, candidates: readonly ChatCandidate[]): OpenRequest | null {
  const staff = new Set(candidates.map((c) => c.userId));
  const withPerson = client.openRequests.filter((r) => r.responsibleId !== null && staff.has(r.responsibleId));
  withPerson.sort((a, b) => b.updatedAt - a.updatedAt || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return withPerson[0] ?? null;
}

/**
 * Who becomes responsible for a new conversation. A recognised client whose open request has a responsible person goes
 * to that person even when they are away (the task tells them; escalation covers silence); anyone else to the most
 * available colleague.
 */
export function routeConversation(input: { client: MatchedClient | null; candidates: readonly ChatCandidate[]; policy: RoutePolicy }): RouteDecision {
  const clientId = input.client?.clientId ?? null;
  if (input.client) {
    const request = requestWithResponsible(input.client, input.candidates);
    if (request) return { kind: 'responsible', userId: request.responsibleId!, clientId: input.client.clientId, request: { kind: request.kind, id: request.id }, createTask: true };
  }
  const person = mostAvailable(input.candidates, input.policy);
  return person ? { kind: 'available', userId: person.userId, clientId, createTask: false } : { kind: 'waiting', clientId, createTask: false };
}

/** The next step up the ladder: the least experienced of those more experienced than `than`, available; then the less busy, the cheaper, the id. */
function nextUp(candidates: readonly ChatCandidate[], than: number, exclude: ReadonlySet<string>): ChatCandidate | null {
  const up = candidates.filter((c) => isAvailable(c) && !exclude.has(c.userId) && c.experience > than);
  up.sort((a, b) => a.experience - b.experience || a.openChats - b.openChats || a.cost - b.cost || byId(a, b));
  return up[0] ?? null;
}

export interface SilenceInput {
  assigneeId: string;
  /** The visitor's last message (epoch ms); null: the visitor has not written. */
  lastVisitorAt: number | null;
  /** The last answer of any operator; null: none yet. */
  lastOperatorAt: number | null;
  /** The organization's N; 0: never automatically. */
  escalateAfterMinutes: number;
  candidates: readonly ChatCandidate[];
  /** People the conversation was already escalated from or to: it never goes back down or round in a circle. */
  alreadyHad?: readonly string[];
  now: number;
}

export type SilenceDecision =
  /** Nothing to do: answered, off, or not yet due (`dueAt`: when to ask again). */
  | { kind: 'wait'; dueAt: number | null }
  | { kind: 'escalate'; toUserId: string }
  /** Due, but no more experienced colleague is available now: ask again later. */
  | { kind: 'no_one_up'; dueAt: number };

/**
 * Whether a silent assignee's conversation moves up now: the visitor's last message has waited N minutes with no answer
 * after it. It goes to the next more experienced available colleague.
 */
export function escalateSilence(input: SilenceInput): SilenceDecision {
  const { lastVisitorAt, lastOperatorAt, escalateAfterMinutes: n } = input;
  if (n <= 0 || lastVisitorAt === null) return { kind: 'wait', dueAt: null };
  if (lastOperatorAt !== null && lastOperatorAt >= lastVisitorAt) return { kind: 'wait', dueAt: null };
  const dueAt = lastVisitorAt + n * 60_000;
  if (input.now < dueAt) return { kind: 'wait', dueAt };
  const me = input.candidates.find((c) => c.userId === input.assigneeId);
  const exclude = new Set([input.assigneeId, ...(input.alreadyHad ?? [])]);
  const to = nextUp(input.candidates, me?.experience ?? 0, exclude);
  return to ? { kind: 'escalate', toUserId: to.userId } : { kind: 'no_one_up', dueAt: input.now + 60_000 };
}

export interface EscalationTarget {
  userId: string;
  available: boolean;
  moreExperienced: boolean;
}

/**
 * Whom an operator may hand a conversation to by hand, best first: more experienced and available (the next step up
 * first), more experienced but away, then the other colleagues available, then the rest.
 */
export function escalationTargets(assigneeId: string, candidates: readonly ChatCandidate[]): EscalationTarget[] {
  const mine = candidates.find((c) => c.userId === assigneeId)?.experience ?? 0;
  const rank = (c: ChatCandidate) => (c.experience > mine ? 0 : 2) + (isAvailable(c) ? 0 : 1);
  return candidates
    .filter((c) => c.userId !== assigneeId)
    .sort((a, b) => rank(a) - rank(b) || (a.experience > mine ? a.experience - b.experience : b.experience - a.experience) || a.openChats - b.openChats || byId(a, b))
    .map((c) => ({ userId: c.userId, available: isAvailable(c), moreExperienced: c.experience > mine }));
}
