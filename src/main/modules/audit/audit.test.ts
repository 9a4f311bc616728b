import { describe, expect, it } from 'vitest';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { userWithRole, withCtx, type TestApp } from '../../testing/harness';
import { withTestOrg } from '../../testing/fixtures';
import { diffFields, recordAudit } from '../../api/funnel';

let app: TestApp;
let owner: string;
withTestOrg('test', (org) => ({ app, owner } = org));

const client = { kind: 'person' as const, name: 'Ilze', phones: [], emails: [], addresses: [], contacts: [] };

describe('audit log', () => {
  it('records who, when and what, in the same transaction as the change', async () => {
    app.clock.set('2026-11-23T10:00:00Z');
    const { client: c } = await app.call(owner, 'clients.create', client);
    const log = await app.call(owner, 'audit.list', { module: 'clients' });
    expect(log.rows[0]).toMatchObject({ at: '2026-11-23T10:00:00.000Z', userName: 'Ilze Kalniņa', entity: 'client', entityId: c.id, action: 'create', summary: 'Ilze', diff: null });
  });

  it('keeps field diffs only at the detailed level, and nothing readable at the basic level', async () => {
    const { client: c } = await app.call(owner, 'clients.create', client);
    await app.call(owner, 'audit.setLevel', { module: 'clients', level: 'detailed' });
    await app.call(owner, 'clients.update', { ...client, id: c.id, version: 1, name: 'Ilze K.', notes: 'VIP' });
    const [detailed] = (await app.call(owner, 'audit.list', { module: 'clients', action: 'update' })).rows;
    expect(detailed!.diff).toEqual({ name: ['Ilze', 'Ilze K.'], notes: [null, 'VIP'] });

    await app.call(owner, 'audit.setLevel', { module: 'clients', level: 'basic' });
    await app.call(owner, 'clients.delete', { id: c.id });
    const [basic] = (await app.call(owner, 'audit.list', { module: 'clients', action: 'delete' })).rows;
    expect(basic).toMatchObject({ summary: null, diff: null, entityId: c.id });
    expect((await app.call(owner, 'audit.levels', {})).clients).toBe('basic');
  });

  it('filters by user and time, and is refused to roles without audit rights', async () => {
    app.clock.set('2026-11-24T08:00:00Z');
    owner = await app.login('owner', 'owner-pass-1');
    const disp = await userWithRole(app, owner, 'dispatcher');
    await app.call(disp.token, 'clients.create', client);
    const byUser = await app.call(owner, 'audit.list', { userId: disp.id, action: 'create' });
    expect(byUser.rows.map((r) => r.module)).toEqual(['clients']);
    expect((await app.call(owner, 'audit.list', { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z', module: 'clients' })).total).toBe(1);
    expect(await app.raw(disp.token, 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('diffs only changed fields', () => {
    expect(diffFields({ a: 1, b: [1], c: null }, { a: 1, b: [2], d: 'x' })).toEqual({ b: [[1], [2]], d: [null, 'x'] });
  });

  it('reads the level once per call however many entries the call records', async () => {
    const me = await withCtx(app, null, async (ctx) => ctx.db.selectFrom('app_user').select(['id', 'org_id']).where('login', '=', 'owner').executeTakeFirstOrThrow());
    let levelReads = 0;
    const counter: KyselyPlugin = {
      transformQuery: ({ node }: { node: RootOperationNode }) => {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"module_setting"')) levelReads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    await withCtx(app, null, async (plain) => {
      const ctx = { ...plain, db: plain.db.withPlugin(counter) };
      for (const n of [1, 2, 3]) await recordAudit(ctx, { orgId: me.org_id, userId: me.id, module: 'clients', entity: 'client', entityId: `c${n}`, action: 'create', summary: `#${n}` });
    });
    expect(levelReads).toBe(1);
    expect((await app.call(owner, 'audit.list', { module: 'clients', action: 'create' })).rows.map((r) => r.summary)).toEqual(['#3', '#2', '#1']);
  });
});
