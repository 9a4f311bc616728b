import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../api/events';
import { useDesks } from '../../../sync/engine/deskTesting';
import type { TestHub } from '../../../sync/engine/hubTesting';
import { ChatClient, CHAT_TEST_OPTIONS, startChat } from '../../../../hub/testing/chat';
import { setupOrg, startTestApp, userWithRole, type TestApp } from '../../../testing/harness';
import { CHAT_OPERATORS } from '../index';

/**
 * The desktop's operator socket against a real hub (SQLite, in this process, over HTTP and WebSocket): what a visitor
 * writes lands in the archive and the console's procedures, replies and deletions reach the visitor only once the hub
 * stored them, and a dropped socket comes back without losing or repeating anything.
 */
const { hubFor, headOffice } = useDesks();

async function deskWithHub() {
  const hub = await hubFor({ hub: CHAT_TEST_OPTIONS });
  const a = await headOffice(hub);
  // The users reach the hub's cells: the operator socket may speak for them.
  await a.app.call(a.owner, 'sync.now', {});
  const events: PushEvent[] = [];
  a.app.core.bus.on((e) => void (e.name === 'chat.changed' && events.push(e)));
  await a.app.call(a.owner, 'chat.status', {});
  await expect.poll(async () => (await a.app.call(a.owner, 'chat.status', {})).link, { timeout: 10_000 }).toBe('connected');
  return { hub, a, events };
}

async function visitorSays(hub: TestHub, orgId: string, text: string, answers: Record<string, string> = { name: 'Ilze Kalniņa', phone: '+371 2612 3456', email: 'ilze@example.test' }) {
  const started = await startChat(hub.url, orgId, answers, 'https://serviss.example/katli');
  expect(started.status).toBe(200);
  const visitor = await ChatClient.visitor(hub.url, started.body.token);
  visitor.send({ t: 'resume', after: 0 });
  visitor.send({ t: 'send', clientId: `v-${Math.random().toString(36).slice(2, 12)}`, text });
  await visitor.next((f) => f.t === 'ack');
  return { conversationId: started.body.conversationId, visitor };
}

const archived = (app: TestApp, conversationId: string) =>
  app.core.db.selectFrom('chat_archive_message').select(['seq', 'author', 'text', 'deleted_at']).where('conversation_id', '=', conversationId).orderBy('seq').execute();

describe('the operator console’s connection to the hub', () => {
  it('a visitor’s message shows red with its answers, IP and page; a quoted reply and its deletion reach the visitor after the hub stored them', async () => {
    const { hub, a, events } = await deskWithHub();
    const { conversationId, visitor } = await visitorSays(hub, a.orgId, 'Cik maksā katla apkope? <img src=x onerror=alert(1)>');

    await expect.poll(async () => (await a.app.call(a.owner, 'chat.conversations', {})).find((c) => c.id === conversationId)?.unanswered, { timeout: 10_000 }).toBe(true);
    const conv = (await a.app.call(a.owner, 'chat.conversations', {})).find((c) => c.id === conversationId)!;
    expect(conv).toMatchObject({ status: 'open', ip: '127.0.0.1', page: 'https://serviss.example/katli', answers: { name: 'Ilze Kalniņa', phone: '+371 2612 3456', email: 'ilze@example.test' } });
    expect(conv.lastMessageAt).toBeGreaterThan(0);
    expect(events.some((e) => e.payload && (e.payload as { newConversation: boolean }).newConversation)).toBe(true);
    expect(events.some((e) => (e.payload as { visitorMessage: boolean }).visitorMessage)).toBe(true);
    // Told to this user only.
    expect(events.every((e) => e.userId !== undefined)).toBe(true);

    const { seq } = await a.app.call(a.owner, 'chat.reply', { conversationId, text: 'Labdien! Apkope maksā 65 €.', quoteSeq: 1 });
    expect(seq).toBe(2);
    // Acknowledged means stored: on the hub, and already in the archive when the call returns.
    const onHub = await hub.hub.db.selectFrom('hub_chat_message').select(['seq', 'text', 'quote_seq']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
    expect(onHub.map((m) => [m.seq, m.text, m.quote_seq])).toEqual([[1, 'Cik maksā katla apkope? <img src=x onerror=alert(1)>', null], [2, 'Labdien! Apkope maksā 65 €.', 1]]);
    expect((await archived(a.app, conversationId)).map((m) => [m.seq, m.author])).toEqual([[1, 'visitor'], [2, 'operator']]);
    expect((await a.app.call(a.owner, 'chat.conversations', {})).find((c) => c.id === conversationId)!.unanswered).toBe(false);
    const got = await visitor.next((f) => f.t === 'message' && f.seq === 2);
    expect(got).toMatchObject({ author: 'operator', quoteSeq: 1, text: 'Labdien! Apkope maksā 65 €.' });

    // A visitor's words are not the operator's to delete; the operator's own are, and vanish for the visitor.
    const notYours = await a.app.raw(a.owner, 'chat.delete', { conversationId, seq: 1 });
    expect(notYours).toMatchObject({ ok: false, error: { key: 'chatConsole.errors.not_yours' } });
    await a.app.call(a.owner, 'chat.delete', { conversationId, seq: 2 });
    expect(await visitor.next((f) => f.t === 'deleted')).toMatchObject({ seq: 2 });
    const msgs = await a.app.call(a.owner, 'chat.messages', { conversationId });
    expect(msgs.map((m) => [m.seq, m.deleted, m.text])).toEqual([[1, false, 'Cik maksā katla apkope? <img src=x onerror=alert(1)>'], [2, true, '']]);
    // With the reply gone, the visitor wrote last again.
    expect((await a.app.call(a.owner, 'chat.conversations', {})).find((c) => c.id === conversationId)!.unanswered).toBe(true);

    // A visitor typing reaches the operator's windows; the operator's typing reaches the visitor.
    visitor.send({ t: 'typing' });
    await expect.poll(() => events.some((e) => (e.payload as { typing: string | null }).typing === conversationId)).toBe(true);
    await a.app.call(a.owner, 'chat.typing', { conversationId });
    await visitor.next((f) => f.t === 'typing' && f.author === 'operator');

    await a.app.call(a.owner, 'chat.close', { conversationId });
    await visitor.next((f) => f.t === 'status' && f.status === 'closed');
    await expect.poll(async () => (await a.app.call(a.owner, 'chat.conversations', {})).some((c) => c.id === conversationId)).toBe(false);
    expect((await a.app.call(a.owner, 'chat.conversations', { closed: true })).find((c) => c.id === conversationId)?.status).toBe('closed');
    await visitor.close();
  });

  it('a dropped socket comes back and reads what it missed once; a socket opened again after a stop resumes from the stored cursor', async () => {
    const { hub, a } = await deskWithHub();
    const { conversationId, visitor } = await visitorSays(hub, a.orgId, 'Pirmais');
    const operators = a.app.core.services.get(CHAT_OPERATORS);
    const me = (await a.app.call(a.owner, 'auth.me', {}))!;
    const conn = (await operators.of(me))!;
    await expect.poll(async () => (await archived(a.app, conversationId)).length).toBe(1);

    conn.dropForTest();
    for (let i = 2; i <= 6; i++) {
      visitor.send({ t: 'send', clientId: `missed-${i}-xxxx`, text: `Ziņa ${i}` });
      await visitor.next((f) => f.t === 'ack' && f.clientId === `missed-${i}-xxxx`);
    }
    expect(conn.link).toBe('connecting');
    // Offline is said plainly and nothing is sent.
    expect(await a.app.raw(a.owner, 'chat.reply', { conversationId, text: 'Nesasniedzams', quoteSeq: null })).toMatchObject({ ok: false, error: { key: 'chatConsole.errors.offline' } });
    await expect.poll(() => conn.link, { timeout: 10_000 }).toBe('connected');
    await expect.poll(async () => (await archived(a.app, conversationId)).map((m) => m.text), { timeout: 10_000 }).toEqual(['Pirmais', 'Ziņa 2', 'Ziņa 3', 'Ziņa 4', 'Ziņa 5', 'Ziņa 6']);
    expect(await hub.hub.db.selectFrom('hub_chat_message').select('seq').where('conversation_id', '=', conversationId).execute()).toHaveLength(6);

    // Stopped (the app closed) while the visitor writes on; the next socket starts from the archive's cursor.
    const cursor = (await a.app.core.db.selectFrom('chat_archive_cursor').select('rev').where('org_id', '=', a.orgId).executeTakeFirstOrThrow()).rev;
    expect(cursor).toBeGreaterThan(0);
    operators.stop();
    visitor.send({ t: 'send', clientId: 'after-stop-7', text: 'Ziņa 7' });
    await visitor.next((f) => f.t === 'ack' && f.clientId === 'after-stop-7');
    const again = (await operators.of(me))!;
    expect(again).not.toBe(conn);
    await expect.poll(async () => (await archived(a.app, conversationId)).map((m) => m.seq), { timeout: 10_000 }).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await visitor.close();
  });

  it('rights and validation: accountants answer nothing, bad input is refused with a field and changes nothing, no hub is said plainly', async () => {
    const { hub, a } = await deskWithHub();
    const { conversationId, visitor } = await visitorSays(hub, a.orgId, 'Jautājums');
    await expect.poll(async () => (await archived(a.app, conversationId)).length).toBe(1);

    const accountant = await userWithRole(a.app, a.owner, 'accountant');
    expect(await a.app.raw(accountant.token, 'chat.conversations', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await a.app.raw(accountant.token, 'chat.reply', { conversationId, text: 'x', quoteSeq: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const employee = await userWithRole(a.app, a.owner, 'employee');
    expect((await a.app.call(employee.token, 'chat.conversations', {})).map((c) => c.id)).toContain(conversationId);

    const bad = [
      [{ conversationId, text: '   ', quoteSeq: null }, 'text'],
      [{ conversationId, text: 'x'.repeat(2001), quoteSeq: null }, 'text'],
      [{ conversationId, text: 'a\u0007b', quoteSeq: null }, 'text'],
      [{ conversationId, text: 'ok', quoteSeq: 0 }, 'quoteSeq'],
      [{ conversationId: '../etc', text: 'ok', quoteSeq: null }, 'conversationId'],
      [{ conversationId, text: 'ok', quoteSeq: null, html: true }, undefined],
    ] as const;
    for (const [input, field] of bad) {
      const r = await a.app.raw(a.owner, 'chat.reply', input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('validation');
        if (field) expect(r.error.field).toBe(field);
      }
    }
    // A quote of a message that does not exist, and a conversation of nobody's.
    expect(await a.app.raw(a.owner, 'chat.reply', { conversationId, text: 'ok', quoteSeq: 9 })).toMatchObject({ ok: false, error: { field: 'quoteSeq' } });
    expect(await a.app.raw(a.owner, 'chat.reply', { conversationId: 'nope', text: 'ok', quoteSeq: null })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await hub.hub.db.selectFrom('hub_chat_message').select('seq').where('conversation_id', '=', conversationId).execute()).toHaveLength(1);

    // A desktop with no hub: the console says so, and nothing is pretended.
    const lone = await startTestApp();
    try {
      await setupOrg(lone);
      const owner = await lone.login('owner', 'owner-pass-1');
      expect(await lone.call(owner, 'chat.status', {})).toMatchObject({ link: 'no_hub' });
      expect(await lone.call(owner, 'chat.conversations', {})).toEqual([]);
    } finally {
      await lone.close();
    }
    await visitor.close();
  });
});
