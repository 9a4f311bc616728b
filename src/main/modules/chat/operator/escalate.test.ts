import { describe, expect, it } from 'vitest';
import { useDesks } from '../../../sync/engine/deskTesting';
import { ChatClient, CHAT_TEST_OPTIONS, startChat } from '../../../../hub/testing/chat';
import { userWithRole } from '../../../testing/harness';

/**
 * Handing a conversation up from the console, through main and a real hub (SQLite, in this process, over HTTP and
 * WebSocket): the hub's ranking of colleagues reaches the console with their names, a chosen colleague takes the
 * conversation (the visitor's header follows), "the next step up" with nobody available is refused in words, and
 * only those who may answer may ask.
 */
const { hubFor, headOffice } = useDesks();

describe('escalating a conversation from the console', () => {
  it('lists the targets in the hub’s order with names, hands the conversation to the chosen one, refuses when nobody is up', async () => {
    const hub = await hubFor({ hub: CHAT_TEST_OPTIONS });
    const a = await headOffice(hub);
    const ownerId = (await a.app.call(a.owner, 'auth.me', {}))!.id;
    const colleague = await userWithRole(a.app, a.owner, 'dispatcher');
    const accountant = await userWithRole(a.app, a.owner, 'accountant');
    // The users reach the hub's cells: the hub ranks only people it knows.
    await a.app.call(a.owner, 'sync.now', {});
    await a.app.call(a.owner, 'chat.status', {});
    await expect.poll(async () => (await a.app.call(a.owner, 'chat.status', {})).link, { timeout: 10_000 }).toBe('connected');

    const started = await startChat(hub.url, a.orgId, { name: 'Jānis Ozols', phone: '+371 2900 0001', email: 'janis@example.test' }, 'https://serviss.example/');
    expect(started.status).toBe(200);
    const conversationId = started.body.conversationId;
    const visitor = await ChatClient.visitor(hub.url, started.body.token);
    visitor.send({ t: 'resume', after: 0 });
    visitor.send({ t: 'send', clientId: 'v-escalate-1', text: 'Vai kāds atbildēs?' });
    await visitor.next((f) => f.t === 'ack');
    await expect.poll(async () => (await a.app.call(a.owner, 'chat.conversations', {})).some((c) => c.id === conversationId), { timeout: 10_000 }).toBe(true);

    const targets = await a.app.call(a.owner, 'chat.targets', { conversationId });
    // Nobody works hours here, so nobody is available; the names are the desk's own people, the accountant not among them.
    expect(targets.map((t) => t.userId).sort()).toEqual([ownerId, colleague.id].sort());
    expect(targets.find((t) => t.userId === colleague.id)).toMatchObject({ name: 'Test dispatcher', available: false });
    expect(targets.some((t) => t.userId === accountant.id)).toBe(false);

    // "The next step up" needs someone available: said in words, nothing moved.
    const up = await a.app.raw(a.owner, 'chat.escalate', { conversationId, userId: null });
    expect(up).toMatchObject({ ok: false, error: { key: 'chatConsole.errors.no_one_up' } });
    expect((await a.app.call(a.owner, 'chat.conversations', {})).find((c) => c.id === conversationId)!.assigneeId).toBeNull();

    // A chosen colleague takes it: on the hub, in the archive when the call returns, and in the visitor's header.
    await a.app.call(a.owner, 'chat.escalate', { conversationId, userId: colleague.id });
    const onHub = await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(onHub.assignee_id).toBe(colleague.id);
    await expect.poll(async () => (await a.app.call(a.owner, 'chat.conversations', {})).find((c) => c.id === conversationId)!.assigneeId).toBe(colleague.id);
    expect(await visitor.next((f) => f.t === 'status' && f.assignee !== null)).toMatchObject({ assignee: { name: 'Test dispatcher' } });
    // Now it is the colleague's: the owner is ranked for it, the colleague no longer.
    expect((await a.app.call(a.owner, 'chat.targets', { conversationId })).map((t) => t.userId)).toEqual([ownerId]);

    // Rights as for transfer; bad input refused with its field; a colleague the hub does not rank refused.
    expect(await a.app.raw(accountant.token, 'chat.targets', { conversationId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await a.app.raw(accountant.token, 'chat.escalate', { conversationId, userId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await a.app.raw(a.owner, 'chat.escalate', { conversationId: '../x', userId: null })).toMatchObject({ ok: false, error: { code: 'validation', field: 'conversationId' } });
    expect(await a.app.raw(a.owner, 'chat.escalate', { conversationId, userId: accountant.id })).toMatchObject({ ok: false, error: { key: 'chatConsole.errors.unknown_user' } });
    expect(await a.app.raw(a.owner, 'chat.targets', { conversationId: 'nobodys' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await hub.hub.db.selectFrom('hub_chat_conversation').select(['assignee_id']).where('id', '=', conversationId).executeTakeFirstOrThrow()).assignee_id).toBe(colleague.id);
    await visitor.close();
  });
});
