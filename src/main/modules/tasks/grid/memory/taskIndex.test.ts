import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addStaff, personInput, type TestApp } from '../../../../testing/harness';
import { withTestOrg } from '../../../../testing/fixtures';
import type { SessionUser } from '../../../../../shared/api/auth';
import type { TaskGridScope, TaskSortField } from '../../../../../shared/api/taskGrid';
import { TASK_SORT_FIELDS } from '../../../../../shared/api/taskGrid';
import { taskGrid, type TaskGrid } from '../source';
import { taskIndexOf } from '../gridIndex';
import { asciiLower, binaryKey, compareText } from './columns';
import { inJob } from '../../../../api/jobCtx';
import type { Ctx } from '../../../../api/context';
import { specsOf } from '../../../../api/funnel/rows';
import { appendChange } from '../../../../api/funnel/changes';
import { taskRows, webIntakeRows } from '../../tables';

/**
 * The memory index answers exactly as SQL does: the same rows on the same pages in every order, the same counts and
 * the same named groups, for every filter, the quick search and a group path, before and after tasks change.
 */

let app: TestApp;
let owner: string;
let dispatcher: { token: string; user: SessionUser };
let branchA: string;
let branchB: string;
const [PULLED_TASK, PULLED_W1, PULLED_W2] = [randomUUID(), randomUUID(), randomUUID()];
let ids: { staff: string[]; clients: string[]; types: string[] };
const tasks: { id: string; version: number; status: string }[] = [];

const PRIORITIES = ['urgent', 'medium', 'not_urgent'] as const;
const DUES = [null, '2026-11-01', '2026-11-22', '2026-11-23', '2026-11-24', '2026-12-31'];
const SUBJECTS = ['Boiler leaks', 'boiler check', 'Radiator', null, 'Šiluma neveikia', 'ĀBOLS 100%', 'under_score'];

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  branchA = (await app.call(owner, 'branches.list', {}))[0]!.id;
  branchB = (await app.call(owner, 'branches.create', { name: 'Kaunas', timeZone: 'Europe/Vilnius' })).id;
  await app.call(owner, 'series.create', { docType: 'task', branchId: branchA, prefix: 'UZ-', padding: 5, nextNumber: 1 });
  const staff = [(await addStaff(app, owner, 'emp.a', 'employee', branchA)).id, (await addStaff(app, owner, 'emp.b', 'employee', branchA)).id];
  await addStaff(app, owner, 'disp.a', 'dispatcher', branchA);
  const token = await app.login('disp.a', 'password-123');
  dispatcher = { token, user: await app.call(token, 'auth.me', {}) as SessionUser };
  const clients: string[] = [];
  for (const [i, name] of ['Jonas Jonaitis', 'Ona Onaitė', 'Zariņš Pēteris', 'ADAMS inc'].entries()) {
    clients.push((await app.call(owner, 'clients.create', { ...personInput(name), emails: [{ address: `Client${i}@Example.test` }], addresses: [{ street: `${name} g. 1`, locality: 'Vilnius', country: 'LT' }] } as never)).client.id);
  }
  const types = [(await app.call(owner, 'tasks.saveType', { name: 'Boiler repair', active: true })).id, (await app.call(owner, 'tasks.saveType', { name: 'Audit', active: true })).id];
  ids = { staff, clients, types };
  for (let i = 0; i < 60; i++) {
    const t = await app.call(owner, 'tasks.create', {
      branchId: i % 5 === 4 ? branchB : branchA,
      clientId: clients[i % clients.length]!,
      priority: PRIORITIES[i % 3]!,
      subject: SUBJECTS[i % SUBJECTS.length] ?? undefined,
      dueDate: DUES[i % DUES.length],
      typeId: i % 3 === 2 ? undefined : types[i % 2],
      assigneeId: i % 4 === 0 || i % 5 === 4 ? undefined : staff[i % 2],
    } as never);
    tasks.push({ id: t.id, version: t.version, status: t.status });
  }
  await app.core.ready;
  // Web form references (one on a task of a branch the dispatcher does not see, one taken back) and provisional
  // numbers: one the hub replaced by a final number, one still the task's number.
  await asJob(async (ctx) => {
    for (const [i, reference] of [[5, 'W-K4P7ZQ'], [9, 'W-K4P8AB'], [13, 'W-q2m9xt'], [17, 'W-K4P0DL']] as const) {
      const w = await webIntakeRows.in(ctx).insert({ org_id: dispatcher.user.orgId, branch_id: i % 5 === 4 ? branchB : branchA, submission_id: `sub-${i}`, task_id: tasks[i]!.id, reference, received_at: new Date(app.clock.now()).toISOString() });
      if (i === 17) await webIntakeRows.in(ctx).remove(w);
    }
  });
  await renumber(10, (t) => ({ provisional_number: 'UZ-K7Q-00003', number: t.number }));
  await renumber(11, (t) => ({ provisional_number: t.number, number: t.number }));
});

async function asJob<T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const deps = { db: app.core.db, clock: app.clock, config: app.core.config, services: app.core.services, publish: () => undefined, log: () => undefined };
  return inJob(deps, dispatcher.user.orgId, fn);
}

/** A task's numbers changed through the task writer (as the hub's final number is written), its version kept up. */
async function renumber(i: number, patch: (t: { number: string | null }) => { number: string | null; provisional_number: string | null }): Promise<void> {
  const t = tasks[i]!;
  const after = await asJob(async (ctx) => {
    const before = await ctx.db.selectFrom('task').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    return taskRows.in(ctx).update(before, patch(before));
  });
  t.version = after.version;
}

/** A row written as the sync's replica writes a pulled change: by SQL with its change record, then its table's hooks. */
async function asPulled(table: 'task' | 'task_web_intake', row: Record<string, unknown>): Promise<void> {
  await asJob(async (ctx) => {
    const { id, ...rest } = row;
    const exists = await ctx.db.selectFrom(table).select('id').where('id', '=', id as string).executeTakeFirst();
    if (exists) await ctx.db.updateTable(table).set(rest as never).where('id', '=', id as string).execute();
    else await ctx.db.insertInto(table).values(row as never).execute();
    const written = await ctx.db.selectFrom(table).selectAll().where('id', '=', id as string).executeTakeFirstOrThrow();
    const change = { orgId: written.org_id, branchId: written.branch_id, table, rowId: written.id, op: exists ? ('update' as const) : ('insert' as const), columns: Object.keys(rest), version: written.version, userId: null, at: written.updated_at };
    await appendChange(ctx.db, change, { owner: ctx.config, now: app.clock.now() });
    for (const spec of specsOf(table)) {
      spec.announce?.(ctx, { op: exists ? 'update' : 'insert', after: written as never, before: null, branchId: null });
      await spec.pulled?.(ctx, written as never);
    }
  });
}

const SCOPES: TaskGridScope[] = [
  { filters: {} },
  { filters: { statuses: ['new', 'assigned'] } },
  { filters: { priorities: ['urgent'], overdue: true } },
  { filters: { overdue: true } },
  { filters: { search: 'boiler' } },
  { filters: { search: 'ŠILUMA' } },
  { filters: { search: 'šiluma' } },
  { filters: { search: 'onaite' } },
  { filters: { search: '100%' } },
  { filters: { search: 'UZ-0001' } },
  { filters: { search: 'example' } },
  // Web form references, in any case, with or without their "W-"; and numbers a task had before its final one.
  { filters: { search: 'k4p' } },
  { filters: { search: 'W-K4P7zq' } },
  { filters: { search: 'Q2M9' } },
  { filters: { search: 'w-' } },
  { filters: { search: 'k4p0dl' } },
  { filters: { search: 'uz-k7q' } },
  { filters: { search: 'K7Q-00003' } },
  { filters: { search: 'UZ-00012' } },
  { filters: { dateFrom: '2026-11-23', dateTo: '2026-11-23' } },
  { filters: {}, groupBy: [{ field: 'status' }, { field: 'assignee' }], groupPath: ['new'] },
  { filters: {}, groupBy: [{ field: 'assignee' }], groupPath: [null] },
  { filters: {}, groupBy: [{ field: 'client' }, { field: 'type' }] },
  { filters: {}, groupBy: [{ field: 'priority' }] },
];

async function viaDispatcher(scope: TaskGridScope, sort: TaskSortField, desc: boolean, offset: number, limit: number) {
  return (await app.call(dispatcher.token, 'tasks.grid.list', { scope, sort, desc, offset, limit })).rows.map((r) => r.id);
}

async function sameAnswers(): Promise<number> {
  const sql: TaskGrid = await taskGrid(app.core.db, dispatcher.user, app.clock.now());
  let compared = 0;
  for (const scope of SCOPES) {
    const count = await sql.count(scope);
    expect((await app.call(dispatcher.token, 'tasks.grid.count', { scope })).total, JSON.stringify(scope)).toBe(count);
    if (scope.groupBy) expect(await app.call(dispatcher.token, 'tasks.grid.groups', { scope }), JSON.stringify(scope)).toEqual(await sql.groups(scope));
    for (const sort of TASK_SORT_FIELDS) {
      for (const desc of [false, true]) {
        for (const [offset, limit] of [[0, 100], [3, 7]] as const) {
          const expected = (await sql.page(scope, { sort, desc }, offset, limit)).map((r) => r.id);
          expect(await viaDispatcher(scope, sort, desc, offset, limit), `${JSON.stringify(scope)} ${sort} ${desc} ${offset}`).toEqual(expected);
          compared++;
        }
      }
    }
  }
  return compared;
}

describe('the tasks grid memory index', () => {
  it('answers as SQL does: pages in every order, counts and groups, for filters, search and group paths', async () => {
    const index = taskIndexOf({ services: app.core.services })!;
    expect(index.ready).toBe(true);
    expect(index.cols.liveCount).toBe(60);
    expect(await sameAnswers()).toBeGreaterThan(700);
  });

  it("answers an owner (every branch: the organization's and branches' tests left out) as SQL does", async () => {
    const me = (await app.call(owner, 'auth.me', {})) as SessionUser;
    const sql = await taskGrid(app.core.db, me, app.clock.now());
    for (const scope of SCOPES) {
      expect((await app.call(owner, 'tasks.grid.count', { scope })).total).toBe(await sql.count(scope));
      for (const sort of ['rank', 'client', 'dueDate'] as const) {
        const expected = (await sql.page(scope, { sort, desc: true }, 0, 100)).map((r) => r.id);
        expect((await app.call(owner, 'tasks.grid.list', { scope, sort, desc: true, offset: 0, limit: 100 })).rows.map((r) => r.id)).toEqual(expected);
      }
    }
  });

  it('follows every committed change: moves, reassignment, edits and deletion', async () => {
    const index = taskIndexOf({ services: app.core.services })!;
    const before = index.version;
    for (let i = 0; i < 12; i++) {
      const t = tasks[i]!;
      const moved = await app.call(owner, 'tasks.move', i % 2 || i % 5 === 4 ? { id: t.id, version: t.version, status: 'cancelled', cancelReason: 'duplicate' } : { id: t.id, version: t.version, status: 'assigned', assigneeId: ids.staff[1]! });
      Object.assign(t, { version: moved.version, status: moved.status });
    }
    const edited = tasks[20]!;
    await app.call(owner, 'tasks.update', { id: edited.id, version: edited.version, branchId: branchA, clientId: ids.clients[2]!, priority: 'urgent', subject: 'Boiler again', dueDate: '2026-10-01', typeId: ids.types[1]! } as never);
    await app.call(owner, 'tasks.create', { branchId: branchA, clientId: ids.clients[0]!, priority: 'urgent', subject: 'brand new boiler' } as never);
    // References taken back and given; a provisional number replaced, and one a final number took over.
    await asJob(async (ctx) => {
      const first = await ctx.db.selectFrom('task_web_intake').selectAll().where('task_id', '=', tasks[5]!.id).executeTakeFirstOrThrow();
      await webIntakeRows.in(ctx).remove(first);
      await webIntakeRows.in(ctx).insert({ org_id: dispatcher.user.orgId, branch_id: branchA, submission_id: 'sub-21', task_id: tasks[21]!.id, reference: 'W-K4P7ZZ', received_at: new Date(app.clock.now()).toISOString() });
    });
    await renumber(10, (t) => ({ provisional_number: 'UZ-K7Q-00004', number: t.number }));
    await renumber(25, () => ({ provisional_number: 'UZ-K7Q-00005', number: 'UZ-K7Q-00005' }));
    await renumber(25, () => ({ provisional_number: 'UZ-K7Q-00005', number: 'UZ-00999' }));
    // Pulled from another branch: a reference that arrives before its task, the task with its final and provisional
    // numbers, and a reference's task changed.
    const src = app.core.sqlite.prepare('select * from task where id = ?').get(tasks[30]!.id) as Record<string, unknown>;
    const at = new Date(app.clock.now()).toISOString();
    await asPulled('task_web_intake', { id: PULLED_W1, org_id: dispatcher.user.orgId, branch_id: branchA, submission_id: 'sub-p1', task_id: PULLED_TASK, reference: 'W-K4P9PL', received_at: at, created_at: at, updated_at: at, deleted_at: null, version: 1 });
    await asPulled('task', { ...src, id: PULLED_TASK, number: 'UZ-01000', provisional_number: 'UZ-P1-00077', created_at: at, updated_at: at, version: 1 });
    await asPulled('task_web_intake', { id: PULLED_W2, org_id: dispatcher.user.orgId, branch_id: branchA, submission_id: 'sub-p2', task_id: tasks[33]!.id, reference: 'W-Q2M9XU', received_at: at, created_at: at, updated_at: at, deleted_at: null, version: 1 });
    await asPulled('task_web_intake', { id: PULLED_W2, task_id: tasks[34]!.id, updated_at: at, version: 2 });
    const pulled = index.version;
    await asPulled('task', { id: tasks[35]!.id, provisional_number: 'UZ-P1-00078', updated_at: at, version: 2 });
    expect(index.version).toBeGreaterThan(pulled);
    // Unnumbered (its branch has no series), so deleted rather than cancelled: it leaves the index.
    const live = index.cols.liveCount;
    await app.call(owner, 'tasks.delete', { id: tasks[14]!.id });
    expect(index.cols.liveCount).toBe(live - 1);
    expect(index.version).toBeGreaterThan(before);
    expect(index.ready).toBe(true);
    expect(await sameAnswers()).toBeGreaterThan(700);
  });

  it('reads references and provisional numbers again when it reloads, and answers the same', async () => {
    const index = taskIndexOf({ services: app.core.services })!;
    const search = { filters: { search: 'k4p9' } };
    const sql = await taskGrid(app.core.db, dispatcher.user, app.clock.now());
    expect((await sql.page(search, { sort: 'rank', desc: false }, 0, 10)).map((r) => r.id)).toEqual([PULLED_TASK]);
    await index.reload(app.core.db, app.core.sqlite);
    expect(index.ready).toBe(true);
    expect(await viaDispatcher(search, 'rank', false, 0, 10)).toEqual([PULLED_TASK]);
    expect(await sameAnswers()).toBeGreaterThan(700);
  });

  it('a refused write leaves the index as it was', async () => {
    const index = taskIndexOf({ services: app.core.services })!;
    const version = index.version;
    const t = tasks[30]!;
    const out = await app.raw(owner, 'tasks.move', { id: t.id, version: t.version, status: 'done' });
    expect(out.ok).toBe(false);
    expect(index.version).toBe(version);
  });
});

describe('text as SQLite compares and folds it', () => {
  it('orders by code point (astral after U+FFFF) and folds ASCII letters only', () => {
    expect(compareText('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(compareText('a', 'b')).toBeLessThan(0);
    expect(compareText('ab', 'a')).toBeGreaterThan(0);
    expect(asciiLower('ŠILUMA Boiler')).toBe('Šiluma boiler');
    const words = ['zeta', 'Šiluma', '\u{1F600}', '\uFFFD', 'Ā', 'a'];
    expect([...words].sort((a, b) => (binaryKey(a) < binaryKey(b) ? -1 : 1))).toEqual([...words].sort(compareText));
    expect([...words].sort(compareText)).toEqual(['a', 'zeta', 'Ā', 'Šiluma', '\uFFFD', '\u{1F600}']);
  });
});
