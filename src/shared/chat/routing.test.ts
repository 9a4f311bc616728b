import { describe, expect, it } from 'vitest';
import {
  escalateSilence,
  escalationTargets,
  isAvailable,
  mostAvailable,
  routeConversation,
  strategyOrder,
  type ChatCandidate,
  type ChatStrategy,
  type OpenRequest,
} from './routing';
import { random } from '../random';

/** Seeded: the properties below run on the same 400 cases on every machine. */
const rng = random;

function randomStaff(r: ReturnType<typeof rng>): ChatCandidate[] {
  const n = r.int(0, 8);
  return Array.from({ length: n }, (_, i) => ({
    userId: `u${String(r.int(0, 99)).padStart(2, '0')}-${i}`,
    online: r.chance(0.7),
    inWorkingHours: r.chance(0.7),
    openChats: r.int(0, 5),
    experience: r.int(1, 5),
    cost: r.int(1, 5),
  }));
}

const person = (userId: string, p: Partial<ChatCandidate> = {}): ChatCandidate => ({ userId, online: true, inWorkingHours: true, openChats: 0, experience: 3, cost: 3, ...p });
const MIN = 60_000;
const T0 = Date.parse('2026-12-07T09:00:00Z');

describe('routing a new conversation', () => {
  const staff = [
    person('anna', { experience: 5, cost: 5 }),
    person('boris', { experience: 2, cost: 1 }),
    person('carmen', { experience: 3, cost: 2, online: false }),
    person('davit', { experience: 4, cost: 4, inWorkingHours: false }),
  ];
  const openTask = (responsibleId: string | null, updatedAt = T0): OpenRequest => ({ kind: 'task', id: `t-${responsibleId}`, responsibleId, updatedAt });

  it('a known client with an open request goes to its responsible person, even away, and a task is to be made', () => {
    const d = routeConversation({ client: { clientId: 'c1', openRequests: [openTask('carmen')] }, candidates: staff, policy: { strategy: 'experienced_first', maxChatsEach: 3 } });
    expect(d).toEqual({ kind: 'responsible', userId: 'carmen', clientId: 'c1', request: { kind: 'task', id: 't-carmen' }, createTask: true });
  });

  it('of several open requests, the freshest with a person speaks; a request without one does not', () => {
    const client = {
      clientId: 'c1',
      openRequests: [openTask(null, T0 + 5 * MIN), openTask('boris', T0), { kind: 'intervention' as const, id: 'i-9', responsibleId: 'davit', updatedAt: T0 + MIN }],
    };
    const d = routeConversation({ client, candidates: staff, policy: { strategy: 'cheapest_first', maxChatsEach: 3 } });
    expect(d).toMatchObject({ kind: 'responsible', userId: 'davit', request: { kind: 'intervention', id: 'i-9' } });
  });

  it('a responsible person who no longer answers chats (not a candidate) does not hold the conversation', () => {
    const d = routeConversation({ client: { clientId: 'c1', openRequests: [openTask('gone')] }, candidates: staff, policy: { strategy: 'cheapest_first', maxChatsEach: 3 } });
    expect(d).toEqual({ kind: 'available', userId: 'boris', clientId: 'c1', createTask: false });
  });

  it('otherwise the strategy decides among those online in working hours', () => {
    expect(routeConversation({ client: null, candidates: staff, policy: { strategy: 'experienced_first', maxChatsEach: 3 } })).toMatchObject({ kind: 'available', userId: 'anna' });
    expect(routeConversation({ client: null, candidates: staff, policy: { strategy: 'cheapest_first', maxChatsEach: 3 } })).toMatchObject({ kind: 'available', userId: 'boris' });
  });

  it('a person at the limit gives way to the next; when all are, the least busy takes it', () => {
    const busy = [person('anna', { experience: 5, openChats: 3 }), person('boris', { experience: 2, openChats: 1 }), person('eva', { experience: 4, openChats: 4 })];
    expect(mostAvailable(busy, { strategy: 'experienced_first', maxChatsEach: 3 })!.userId).toBe('boris');
    expect(mostAvailable(busy, { strategy: 'experienced_first', maxChatsEach: 1 })!.userId).toBe('boris');
    const allFull = busy.map((c) => ({ ...c, openChats: 2 }));
    expect(mostAvailable(allFull, { strategy: 'experienced_first', maxChatsEach: 1 })!.userId).toBe('anna');
  });

  it('nobody online in working hours: the conversation waits', () => {
    const away = staff.map((c) => ({ ...c, online: false }));
    expect(routeConversation({ client: null, candidates: away, policy: { strategy: 'cheapest_first', maxChatsEach: 3 } })).toEqual({ kind: 'waiting', clientId: null, createTask: false });
  });

  it('properties: the chosen person is available, none better by the rule exists, and the order of the list does not matter', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const candidates = randomStaff(r);
      const strategy: ChatStrategy = r.chance(0.5) ? 'experienced_first' : 'cheapest_first';
      const policy = { strategy, maxChatsEach: r.int(1, 4) };
      const d = routeConversation({ client: null, candidates, policy });
      const pool = candidates.filter(isAvailable);
      if (pool.length === 0) {
        expect(d.kind).toBe('waiting');
        continue;
      }
      expect(d.kind).toBe('available');
      const chosen = candidates.find((c) => c.userId === (d as { userId: string }).userId)!;
      expect(isAvailable(chosen)).toBe(true);
      const order = strategyOrder(strategy);
      const free = pool.filter((c) => c.openChats < policy.maxChatsEach);
      if (free.length > 0) {
        expect(chosen.openChats).toBeLessThan(policy.maxChatsEach);
        for (const other of free) expect(order(chosen, other)).toBeLessThanOrEqual(0);
      } else {
        for (const other of pool) expect(chosen.openChats).toBeLessThanOrEqual(other.openChats);
      }
      const reversed = routeConversation({ client: null, candidates: [...candidates].reverse(), policy });
      expect(reversed).toEqual(d);
    }
  });
});

describe('escalation when the assignee is silent', () => {
  const staff = [person('boris', { experience: 1, cost: 1 }), person('carmen', { experience: 3, cost: 2 }), person('anna', { experience: 5, cost: 5 }), person('davit', { experience: 4, online: false })];
  const base = { assigneeId: 'boris', lastVisitorAt: T0, lastOperatorAt: null, escalateAfterMinutes: 5, candidates: staff };

  it('not before N minutes: says when to look again', () => {
    expect(escalateSilence({ ...base, now: T0 + 4 * MIN + 59_000 })).toEqual({ kind: 'wait', dueAt: T0 + 5 * MIN });
  });

  it('at N minutes without an answer, to the next more experienced available colleague (not the top one)', () => {
    expect(escalateSilence({ ...base, now: T0 + 5 * MIN })).toEqual({ kind: 'escalate', toUserId: 'carmen' });
  });

  it('an answer after the visitor’s last message, a visitor who has not written, or N = 0: nothing to do', () => {
    expect(escalateSilence({ ...base, lastOperatorAt: T0 + MIN, now: T0 + 60 * MIN })).toEqual({ kind: 'wait', dueAt: null });
    expect(escalateSilence({ ...base, lastVisitorAt: null, now: T0 + 60 * MIN })).toEqual({ kind: 'wait', dueAt: null });
    expect(escalateSilence({ ...base, escalateAfterMinutes: 0, now: T0 + 60 * MIN })).toEqual({ kind: 'wait', dueAt: null });
  });

  it('an answer older than the visitor’s new message does not count', () => {
    expect(escalateSilence({ ...base, lastOperatorAt: T0 - MIN, now: T0 + 5 * MIN })).toEqual({ kind: 'escalate', toUserId: 'carmen' });
  });

  it('never back to someone who had it; nobody up available: asks again in a minute', () => {
    expect(escalateSilence({ ...base, assigneeId: 'carmen', alreadyHad: ['boris'], now: T0 + 5 * MIN })).toEqual({ kind: 'escalate', toUserId: 'anna' });
    expect(escalateSilence({ ...base, assigneeId: 'anna', alreadyHad: ['boris', 'carmen'], now: T0 + 5 * MIN })).toEqual({ kind: 'no_one_up', dueAt: T0 + 6 * MIN });
  });

  it('properties: an escalation always goes up, to someone available who has not had it', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed * 7);
      const candidates = randomStaff(r);
      if (candidates.length === 0) continue;
      const assignee = candidates[r.int(0, candidates.length - 1)]!;
      const had = candidates.filter(() => r.chance(0.2)).map((c) => c.userId);
      const d = escalateSilence({ assigneeId: assignee.userId, lastVisitorAt: T0, lastOperatorAt: r.chance(0.3) ? T0 - MIN : null, escalateAfterMinutes: 5, candidates, alreadyHad: had, now: T0 + r.int(0, 10) * MIN });
      if (d.kind !== 'escalate') continue;
      const to = candidates.find((c) => c.userId === d.toUserId)!;
      expect(isAvailable(to)).toBe(true);
      expect(to.experience).toBeGreaterThan(assignee.experience);
      expect(had).not.toContain(to.userId);
      for (const c of candidates) if (isAvailable(c) && c.experience > assignee.experience && !had.includes(c.userId) && c.userId !== assignee.userId) expect(to.experience).toBeLessThanOrEqual(c.experience);
    }
  });
});

describe('the manual escalation list', () => {
  it('more experienced and available first (next step up first), then away, then the rest; never the assignee', () => {
    const staff = [
      person('boris', { experience: 2 }),
      person('anna', { experience: 5 }),
      person('carmen', { experience: 3 }),
      person('davit', { experience: 4, online: false }),
      person('eva', { experience: 1 }),
      person('fyodor', { experience: 2, inWorkingHours: false }),
    ];
    expect(escalationTargets('boris', staff)).toEqual([
      { userId: 'carmen', available: true, moreExperienced: true },
      { userId: 'anna', available: true, moreExperienced: true },
      { userId: 'davit', available: false, moreExperienced: true },
      { userId: 'eva', available: true, moreExperienced: false },
      { userId: 'fyodor', available: false, moreExperienced: false },
    ]);
  });
});
