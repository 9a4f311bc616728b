import { describe, expect, it } from 'vitest';
import type { VisitEvent } from '../../../../shared/api/visits';
import { withCtx, type TestApp } from '../../../testing/harness';
import { rangeQuery } from './read';
import { at, withClinic, type Clinic } from './visitFixtures';

let app: TestApp;
let owner: string;
let c: Clinic;
withClinic((t) => ({ app, owner, c } = t));

const WEEK = { from: at('00:00', '2026-11-23'), to: at('00:00', '2026-11-30') };
const EVENT_KEYS = ['id', 'kind', 'branchId', 'userId', 'userName', 'clientId', 'clientName', 'serviceId', 'serviceName', 'colour', 'start', 'end', 'status', 'firstConsultation', 'asap', 'reminder', 'unpaid', 'version'] as const;
const eventOf = (d: VisitEvent) => Object.fromEntries(EVENT_KEYS.map((k) => [k, d[k]]));

describe("a branch's week", () => {
  it('is read from one index alone (visit_branch_range), without a lookup of each visit row', async () => {
    const me = await app.call(c.clerk, 'auth.me', {});
    const plan = await withCtx(app, me, async (ctx) => {
      const q = rangeQuery(ctx, { ...WEEK, branchId: c.branchId }).compile();
      return (app.core.sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[]).map((r) => r.detail);
    });
    expect(plan).toContainEqual(expect.stringContaining('USING COVERING INDEX visit_branch_range (org_id=? AND branch_id=? AND starts_at>? AND starts_at<?)'));
  });

  it('shows each event as the visit itself reads it (names, colour, PK, ASAP, €€, version), in start order; cancelled ones when asked', async () => {
    const book = (over: { start: string; [k: string]: unknown }) => app.call(c.clerk, 'visits.book', { userId: c.doctor.id, clientId: c.clientId, serviceId: c.serviceId, durationMin: 30, ...over });
    const pk = await book({ start: at('10:00', '2026-11-25'), firstConsultation: true, asap: true });
    const paid = await book({ start: at('11:00', '2026-11-25'), clientId: c.client2Id, userId: c.nurse.id });
    await app.call(c.clerk, 'visits.addPayment', { id: paid.id, version: paid.version, method: 'cash', amountMinor: paid.totalMinor });
    const gone = await book({ start: at('12:00', '2026-11-25') });
    await app.call(c.clerk, 'visits.cancel', { id: gone.id, version: gone.version, reason: 'ill' });
    const pause = await app.call(c.clerk, 'visits.bookBreak', { userId: c.doctor.id, start: at('13:00', '2026-11-25'), durationMin: 15, outsideHoursConfirmed: true });
    const ids = [pk.id, paid.id, gone.id, pause.id];

    const details = await Promise.all(ids.map((id) => app.call(c.clerk, 'visits.get', { id })));
    const week = await app.call(c.clerk, 'visits.range', { ...WEEK, branchId: c.branchId });
    const ours = week.filter((e) => ids.includes(e.id));
    expect(ours).toEqual([details[0]!, details[1]!, details[3]!].map(eventOf));
    expect(ours[1]).toMatchObject({ unpaid: false, clientName: 'Rūta Kazlauskienė', userId: c.nurse.id });
    expect(ours[0]).toMatchObject({ firstConsultation: true, asap: true, unpaid: true, serviceName: 'Consultation', colour: '#3b82f6' });
    expect(ours[2]).toMatchObject({ kind: 'break', clientId: null, clientName: null, serviceName: null, colour: null });

    const withCancelled = await app.call(c.clerk, 'visits.range', { ...WEEK, branchId: c.branchId, includeCancelled: true });
    expect(withCancelled.find((e) => e.id === gone.id)).toEqual(eventOf(details[2]!));
    // The same query shape asked again (a statement kept by its reader) gives the same answer.
    expect(await app.call(c.clerk, 'visits.range', { ...WEEK, branchId: c.branchId })).toEqual(week);
    // An employee sees only their own calendar.
    const mine = await app.call(c.nurse.token, 'visits.range', { ...WEEK, branchId: c.branchId });
    expect(mine.map((e) => e.id)).toEqual([paid.id]);
  });
});
