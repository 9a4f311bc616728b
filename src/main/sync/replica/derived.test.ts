import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveStatus } from '../../../shared/rules/interventions';
import { disposeTestApp, openTestOrg, startTestApp, type TestApp } from '../../testing/harness';
import { at, openClinic, type Clinic } from '../../modules/calendar/visits/visitFixtures';
import { exchange, nodeOf, type Node } from './testing';

/**
 * After a per-column merge the fields a module derives are derived again, so no replica holds a combination no rule
 * could produce: two real cores edit apart, exchange their cells both ways (twice: what one derived travels too), and
 * each ends with the same row, consistent with its rule.
 */
let a: Node;
let b: Node;
let ownerA: string;
let ownerB: string;
let orgId: string;
let ownerId: string;
let clinic: Clinic;

const call = <T>(n: Node, token: string, name: string, input: unknown) => n.app.call(token, name as never, input as never) as Promise<T>;
const both = async () => {
  for (let i = 0; i < 2; i++) {
    await exchange(a, b, orgId);
    await exchange(b, a, orgId);
  }
};
const row = (n: Node, table: string, id: string) => n.app.core.sqlite.prepare(`select * from ${table} where id = ?`).get(id) as Record<string, unknown>;

beforeAll(async () => {
  const org = await openTestOrg();
  a = nodeOf(org.app);
  ownerA = org.owner;
  clinic = await openClinic(a.app, ownerA);
  orgId = a.app.core.sqlite.prepare('select id from org').pluck().get() as string;
  ownerId = (await a.app.call(ownerA, 'auth.me', {}))!.id;
  b = nodeOf(await startTestApp());
  await exchange(a, b, orgId);
  ownerB = await b.app.login('owner', 'owner-pass-1');
}, 60_000);

afterAll(async () => {
  for (const n of [a, b]) if (n) await disposeTestApp(n.app as TestApp);
});

describe('derived fields after a merge', () => {
  it("gives a document finalized on one side and unassigned later on the other the status its facts give, on both", async () => {
    const doc = await call<{ id: string; version: number }>(a, ownerA, 'interventions.create', {
      branchId: clinic.branchId,
      clientId: clinic.clientId,
      priority: 'medium',
      docDate: '2026-11-23',
      takenById: ownerId,
      responsibleId: ownerId,
      startAt: '2026-11-23T07:00:00Z',
      endAt: '2026-11-23T08:00:00Z',
    });
    const confirmed = await call<{ version: number }>(a, ownerA, 'interventions.confirm', { id: doc.id, version: doc.version });
    await both();

    // A finalizes; B, later and not knowing, takes the person off it (back to "received").
    a.app.clock.advance(1_000);
    await call(a, ownerA, 'interventions.finalize', { id: doc.id, version: confirmed.version });
    b.app.clock.advance(5_000);
    const onB = await call<Record<string, unknown> & { version: number }>(b, ownerB, 'interventions.get', { id: doc.id });
    await call(b, ownerB, 'interventions.update', { id: doc.id, version: onB.version, branchId: clinic.branchId, clientId: clinic.clientId, priority: 'medium', docDate: '2026-11-23', takenById: null, responsibleId: ownerId, startAt: '2026-11-23T07:00:00Z', endAt: '2026-11-23T08:00:00Z' });
    await both();

    const [ra, rb] = [row(a, 'intervention', doc.id), row(b, 'intervention', doc.id)];
    for (const r of [ra, rb]) {
      // The merge kept A's finalized_at and B's unassignment; a status of "received" beside finalized_at is no rule's.
      expect(r.finalized_at).not.toBeNull();
      const facts = { startAt: r.start_at, endAt: r.end_at, takenById: r.taken_by_id, responsibleId: r.responsible_id, assigneeConfirmedAt: r.assignee_confirmed_at, finalizedAt: r.finalized_at, cancelledAt: r.cancelled_at };
      expect(r.status).toBe(deriveStatus(facts as Parameters<typeof deriveStatus>[0]));
    }
    const { version: _va, updated_at: _ua, ...restA } = ra;
    const { version: _vb, updated_at: _ub, ...restB } = rb;
    expect(restB).toEqual(restA);
    expect(ra.status).toBe('finalized');
    // The edits crossed and stay listed for a person on both sides (B: the two statuses): the status the rule wrote
    // again, stamped after both versions, is no decision that settles them.
    const open = (n: Node) => (n.app.core.sqlite.prepare(`select kind from sync_conflict where row_id = ? and resolved_at is null`).all(doc.id) as { kind: string }[]).map((c) => c.kind);
    expect(open(a)).toHaveLength(1);
    expect(open(b)).toEqual(['status_diverged']);
  });

  it("sums a visit's payments taken on two branches apart: the paid sum is both, on both", async () => {
    const visit = await call<{ id: string }>(a, clinic.clerk, 'visits.book', { userId: clinic.doctor.id, clientId: clinic.clientId, serviceId: clinic.serviceId, start: at('15:00', '2026-11-26'), durationMin: 30 });
    await both();
    const pay = async (n: Node, token: string, method: string, amountMinor: number) => {
      const v = await call<{ version: number }>(n, token, 'visits.get', { id: visit.id });
      await call(n, token, 'visits.addPayment', { id: visit.id, version: v.version, method, amountMinor });
    };
    a.app.clock.advance(1_000);
    await pay(a, ownerA, 'cash', 2_000);
    b.app.clock.advance(2_000);
    await pay(b, ownerB, 'card', 1_500);
    await both();
    for (const [n, token] of [[a, ownerA], [b, ownerB]] as const) {
      const v = await call<{ paidMinor: number; totalMinor: number; payments: unknown[] }>(n, token, 'visits.get', { id: visit.id });
      expect({ paid: v.paidMinor, total: v.totalMinor, payments: v.payments.length }, n === a ? 'A' : 'B').toEqual({ paid: 3_500, total: 4_500, payments: 2 });
    }
  });
});
