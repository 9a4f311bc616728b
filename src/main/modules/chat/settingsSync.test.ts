import { describe, expect, it } from 'vitest';
import { useDesks } from '../../sync/engine/deskTesting';
import type { TestHub } from '../../sync/engine/hubTesting';

/**
 * The chat settings reach the hub's cells (the hub routes by them) and the other branch's computer, both ways, through
 * a real hub over HTTP.
 */
const { hubFor, headOffice, branchJoins } = useDesks();

async function hubCells(hub: TestHub, table: string) {
  const rows = await hub.hub.db.selectFrom('hub_cell').select(['row_id', 'column_name', 'value']).where('table_name', '=', table).execute();
  return Object.fromEntries(rows.map((r) => [`${r.row_id}.${r.column_name}`, JSON.parse(r.value) as unknown]));
}

describe('chat settings and sync', () => {
  it('a manager’s save on one computer lands in the hub’s cells and on the other branch; an edit there comes back', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const me = (await a.app.call(a.owner, 'auth.me', {}))!;
    await a.app.call(a.owner, 'chatSettings.saveOrg', {
      version: 0,
      strategy: 'cheapest_first',
      escalateAfterMinutes: 7,
      maxChatsEach: 2,
      questionnaire: { name: 'required', phone: 'asked', email: 'asked', topic: 'asked' },
      topics: ['Implants', 'Whitening'],
      greetings: { hy: 'Բարև Ձեզ։' },
      logoUrl: 'https://smaids.example/logo.png',
    });
    await a.app.call(a.owner, 'chatSettings.saveOperator', { userId: me.id, version: 0, experience: 5, cost: 4, smsOnStart: false, photoUrl: 'https://smaids.example/team/owner.jpg' });
    expect(await a.app.call(a.owner, 'sync.now', {})).toMatchObject({ state: 'idle', pending: 0, problem: null });

    const org = await hubCells(hub, 'chat_setting');
    expect(org).toMatchObject({
      [`${me.orgId}.strategy`]: 'cheapest_first',
      [`${me.orgId}.escalate_after_minutes`]: 7,
      [`${me.orgId}.max_chats_each`]: 2,
      [`${me.orgId}.topics`]: '["Implants","Whitening"]',
      [`${me.orgId}.greetings`]: '{"hy":"Բարև Ձեզ։"}',
    });
    expect(await hubCells(hub, 'chat_operator')).toMatchObject({ [`${me.id}.user_id`]: me.id, [`${me.id}.experience_level`]: 5, [`${me.id}.cost_level`]: 4, [`${me.id}.sms_on_start`]: 0, [`${me.id}.photo_url`]: 'https://smaids.example/team/owner.jpg' });
    // The widget's configuration is read from those rows: what the manager saved is what a visitor's widget asks.
    const config = (await (await fetch(`${hub.url}/chat/v1/config/${me.orgId}?lang=hy`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      questionnaire: { ask: ['name', 'phone', 'email', 'topic'], require: ['name'], topics: ['Implants', 'Whitening'] },
      greeting: 'Բարև Ձեզ։',
      logoUrl: 'https://smaids.example/logo.png',
    });

    const b = await branchJoins(hub, me.orgId);
    const onB = await b.app.call(b.owner, 'chatSettings.get', {});
    expect(onB.org).toMatchObject({ strategy: 'cheapest_first', escalateAfterMinutes: 7, topics: ['Implants', 'Whitening'], greetings: { hy: 'Բարև Ձեզ։' } });
    expect(onB.operators.find((o) => o.userId === me.id)).toMatchObject({ experience: 5, cost: 4 });

    await b.app.call(b.owner, 'chatSettings.saveOrg', { ...onB.org, escalateAfterMinutes: 3, greetings: { hy: 'Բարև Ձեզ։' } });
    await b.app.call(b.owner, 'chatSettings.saveOperator', { userId: me.id, version: onB.operators.find((o) => o.userId === me.id)!.version, experience: 3, cost: 4, smsOnStart: false });
    expect(await b.app.call(b.owner, 'sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    expect(await hubCells(hub, 'chat_setting')).toMatchObject({ [`${me.orgId}.escalate_after_minutes`]: 3 });

    await a.app.call(a.owner, 'sync.now', {});
    const back = await a.app.call(a.owner, 'chatSettings.get', {});
    expect(back.org).toMatchObject({ escalateAfterMinutes: 3, strategy: 'cheapest_first' });
    expect(back.operators.find((o) => o.userId === me.id)).toMatchObject({ experience: 3, cost: 4 });
  });

  it('two computers that each save an employee’s levels first, before any sync, end with one row, the later save’s', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const me = (await a.app.call(a.owner, 'auth.me', {}))!;
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, me.orgId);
    await a.app.call(a.owner, 'chatSettings.saveOperator', { userId: me.id, version: 0, experience: 2, cost: 1, smsOnStart: false });
    await new Promise((r) => setTimeout(r, 20));
    await b.app.call(b.owner, 'chatSettings.saveOperator', { userId: me.id, version: 0, experience: 4, cost: 3, smsOnStart: false });
    await a.app.call(a.owner, 'sync.now', {});
    await b.app.call(b.owner, 'sync.now', {});
    await a.app.call(a.owner, 'sync.now', {});
    for (const x of [a, b]) {
      const mine = (await x.app.call(x.owner, 'chatSettings.get', {})).operators.find((o) => o.userId === me.id);
      expect(mine).toMatchObject({ experience: 4, cost: 3 });
      expect(await x.app.core.db.selectFrom('chat_operator').select('id').execute()).toEqual([{ id: me.id }]);
      expect((await x.app.call(x.owner, 'sync.status', {})).conflicts).toBe(0);
    }
  });
});
