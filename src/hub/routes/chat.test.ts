import { describe, expect, it } from 'vitest';
import { ChatClient, CHAT_TEST_OPTIONS, pushChatSettings, pushOperators, startChat, upgradeStatus, type Frame } from '../testing/chat';
import { foundingDevice, post, startTestHub, type TestHub } from '../testing/hub';
import { ENGINES } from '../testing/storage';

const ANNA = 'user-anna';
const BORIS = 'user-boris';

async function chatHub(engine: (typeof ENGINES)[number], opts = {}) {
  const hub = await startTestHub(engine, { ...CHAT_TEST_OPTIONS, ...opts });
  const device = await foundingDevice(hub);
  await pushOperators(device, [{ id: ANNA, name: 'Anna' }, { id: BORIS, name: 'Boris' }]);
  await pushChatSettings(device, { questionnaire: { name: 'required', phone: 'asked', email: 'asked', topic: 'asked' }, topics: ['Cenas', 'Pieraksts'] });
  return { hub, device, orgId: device.orgId! };
}

const isMsg = (seq: number) => (f: Frame) => f.t === 'message' && f.seq === seq;

describe.each(ENGINES)('website chat on %s', (engine) => {
  it('a visitor and an operator talk: stored before acknowledged, quoted, deleted, typing, transferred, closed', async () => {
    const { hub, device, orgId } = await chatHub(engine);
    const op = await ChatClient.operator(hub.url, device, ANNA);
    await op.next((f) => f.t === 'hello' && f.userId === ANNA && f.orgId === orgId);
    op.send({ t: 'list' });
    const empty = await op.next((f) => f.t === 'conversations');
    expect(empty.conversations).toEqual([]);
    op.send({ t: 'resume', after: empty.rev as number });

    const started = await startChat(hub.url, orgId, { name: 'Anna Bērziņa', email: 'anna@example.test', topic: 'Cenas' });
    expect(started.status).toBe(200);
    const { conversationId, token } = started.body;
    const conv = await op.next((f) => f.t === 'conversation');
    expect(conv.conversation).toMatchObject({ id: conversationId, status: 'open', ip: '127.0.0.1', page: 'https://clinic.example/prices', language: 'lv', answers: { name: 'Anna Bērziņa', email: 'anna@example.test', topic: 'Cenas' }, assigneeId: null });

    const visitor = await ChatClient.visitor(hub.url, token);
    const hello = await visitor.next((f) => f.t === 'hello');
    expect(hello).toMatchObject({ conversationId, status: 'open', online: true });
    visitor.send({ t: 'resume', after: 0 });
    visitor.send({ t: 'send', clientId: 'visitor-msg-1', text: 'Cik maksā zobu higiēna?' });
    const ack = await visitor.next((f) => f.t === 'ack');
    expect(ack).toMatchObject({ clientId: 'visitor-msg-1', seq: 1 });
    const stored = await hub.hub.db.selectFrom('hub_chat_message').selectAll().where('conversation_id', '=', conversationId).execute();
    expect(stored.map((m) => [m.seq, m.author, m.text])).toEqual([[1, 'visitor', 'Cik maksā zobu higiēna?']]);
    expect(await op.next(isMsg(1))).toMatchObject({ conversationId, author: 'visitor', text: 'Cik maksā zobu higiēna?', userId: null });

    visitor.send({ t: 'typing' });
    expect(await op.next((f) => f.t === 'typing')).toMatchObject({ conversationId, author: 'visitor' });
    op.send({ t: 'typing', conversationId });
    expect(await visitor.next((f) => f.t === 'typing')).toMatchObject({ author: 'operator' });

    op.send({ t: 'reply', clientId: 'op-reply-1', conversationId, text: 'Sveiki! 45 eiro.', quoteSeq: 1 });
    expect(await op.next((f) => f.t === 'ack' && f.clientId === 'op-reply-1')).toMatchObject({ seq: 2 });
    expect(await visitor.next(isMsg(2))).toMatchObject({ author: 'operator', userId: ANNA, quoteSeq: 1, text: 'Sveiki! 45 eiro.' });
    op.send({ t: 'reply', clientId: 'op-reply-2', conversationId, text: 'Kļūdaina atbilde', quoteSeq: null });
    await visitor.next(isMsg(3));

    // Only one's own message, and a deletion reaches the visitor (who already saw it).
    op.send({ t: 'delete', clientId: 'op-delete-bad', conversationId, seq: 1 });
    expect(await op.next((f) => f.t === 'error' && f.clientId === 'op-delete-bad')).toMatchObject({ code: 'chat.bad_frame' });
    op.send({ t: 'delete', clientId: 'op-delete-1', conversationId, seq: 3 });
    expect(await visitor.next((f) => f.t === 'deleted')).toMatchObject({ conversationId, seq: 3 });

    op.send({ t: 'transfer', clientId: 'op-transfer-x', conversationId, userId: 'nobody-here' });
    expect(await op.next((f) => f.t === 'error' && f.clientId === 'op-transfer-x')).toMatchObject({ code: 'chat.unknown_user' });
    op.send({ t: 'transfer', clientId: 'op-transfer-1', conversationId, userId: BORIS });
    expect(await op.next((f) => f.t === 'conversation' && (f.conversation as { assigneeId: string }).assigneeId === BORIS)).toBeTruthy();
    await visitor.next((f) => f.t === 'status');

    op.send({ t: 'close', clientId: 'op-close-1', conversationId });
    await visitor.next((f) => f.t === 'status' && f.status === 'closed');
    visitor.send({ t: 'send', clientId: 'visitor-late-1', text: 'Vēl viens jautājums' });
    expect(await visitor.next((f) => f.t === 'error' && f.clientId === 'visitor-late-1')).toMatchObject({ code: 'chat.closed' });

    // Each message reached each side once.
    const seqs = (c: ChatClient) => c.messages(conversationId).map((f) => f.seq);
    expect(seqs(op)).toEqual([1, 2, 3]);
    expect(seqs(visitor)).toEqual([1, 2, 3]);
    await Promise.all([op.close(), visitor.close()]);
  });

  it('a reconnecting visitor gets what it missed, in order, once; a frame sent again is stored once', async () => {
    const { hub, device, orgId } = await chatHub(engine);
    const { conversationId, token } = (await startChat(hub.url, orgId)).body;
    const op = await ChatClient.operator(hub.url, device, ANNA);
    const v1 = await ChatClient.visitor(hub.url, token);
    v1.send({ t: 'resume', after: 0 });
    v1.send({ t: 'send', clientId: 'first-message', text: 'Labdien' });
    await v1.next(isMsg(1));
    op.send({ t: 'reply', clientId: 'reply-0001', conversationId, text: 'Labdien! Kā varu palīdzēt?', quoteSeq: null });
    const seen = await v1.next(isMsg(2));
    // When the visitor was last connected (the moment it left): in the operator's list.
    hub.clock.advance(60_000);
    await v1.close();
    await expect.poll(async () => {
      op.send({ t: 'list' });
      const before = op.frames.length;
      const list = await op.next((f) => f.t === 'conversations' && op.frames.indexOf(f) >= before);
      return (list.conversations as { visitorSeenAt: number }[])[0]!.visitorSeenAt;
    }).toBeGreaterThanOrEqual(hub.clock.now());

    for (let i = 2; i <= 5; i++) op.send({ t: 'reply', clientId: `reply-000${i}`, conversationId, text: `Atbilde ${i}`, quoteSeq: null });
    op.send({ t: 'delete', clientId: 'delete-0002', conversationId, seq: 2 });
    await op.next((f) => f.t === 'ack' && f.clientId === 'delete-0002');

    const v2 = await ChatClient.visitor(hub.url, token);
    v2.send({ t: 'resume', after: seen.rev as number });
    // The lost acknowledgement's frame, sent again: the same number, nothing new stored.
    v2.send({ t: 'send', clientId: 'first-message', text: 'Labdien' });
    expect(await v2.next((f) => f.t === 'ack')).toMatchObject({ clientId: 'first-message', seq: 1 });
    await v2.next((f) => f.t === 'deleted' && f.seq === 2);
    await new Promise((r) => setTimeout(r, 200));
    const got = v2.frames.filter((f) => f.t === 'message' || f.t === 'deleted').map((f) => `${f.t}:${f.seq}`);
    expect(got).toEqual(['message:3', 'message:4', 'message:5', 'message:6', 'deleted:2']);
    const count = await hub.hub.db.selectFrom('hub_chat_message').select((eb) => eb.fn.countAll<number>().as('n')).where('conversation_id', '=', conversationId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);

    // From nothing (a new tab): the whole conversation, the deleted message without its text.
    const v3 = await ChatClient.visitor(hub.url, token);
    v3.send({ t: 'resume', after: 0 });
    await v3.next((f) => f.t === 'deleted');
    await new Promise((r) => setTimeout(r, 200));
    expect(v3.messages().map((f) => f.seq)).toEqual([1, 3, 4, 5, 6]);
    expect(JSON.stringify(v3.frames)).not.toContain('Labdien! Kā varu palīdzēt?');
    await Promise.all([op.close(), v2.close(), v3.close()]);
  });

  it('refuses what it must: bad tokens and keys, unknown users, bad frames, long texts, a wrong proof', async () => {
    const { hub, device, orgId } = await chatHub(engine);
    const started = (await startChat(hub.url, orgId)).body;
    const { token } = started;
    expect(await upgradeStatus(`${hub.url}/chat/v1/visitor?token=${token.slice(0, -2)}xx`)).toBe(401);
    expect(await upgradeStatus(`${hub.url}/hub/v1/chat/operator?user=${ANNA}`, { authorization: 'Bearer not-a-real-key-at-all' })).toBe(401);
    expect(await upgradeStatus(`${hub.url}/hub/v1/chat/operator?user=someone-else`, { authorization: `Bearer ${device.key}` })).toBe(403);

    const v = await ChatClient.visitor(hub.url, token);
    v.send({ t: 'send', clientId: 'long-message', text: 'x'.repeat(2001) });
    expect(await v.next((f) => f.t === 'error')).toMatchObject({ code: 'chat.bad_frame' });
    v.send({ t: 'send', clientId: 'blank-message', text: '   ' } as Frame);
    v.send({ t: 'nonsense' });
    await new Promise((r) => setTimeout(r, 200));
    expect(v.frames.filter((f) => f.t === 'error')).toHaveLength(3);
    const count = await hub.hub.db.selectFrom('hub_chat_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);

    // A device revoked while its operator's socket is open: the next change closes the socket, nothing is stored.
    const op = await ChatClient.operator(hub.url, device, ANNA);
    await op.next((f) => f.t === 'hello');
    await hub.hub.db.updateTable('hub_device').set({ revoked_at: hub.clock.now() }).where('id', '=', device.deviceId).execute();
    const closed = new Promise<number>((resolve) => op.ws.once('close', (code) => resolve(code)));
    op.send({ t: 'reply', clientId: 'after-revoke', conversationId: started.conversationId, text: 'Vai vēl var?', quoteSeq: null });
    expect(await closed).toBe(4401);
    const after = await hub.hub.db.selectFrom('hub_chat_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(0);

    const noProof = await fetch(`${hub.url}/chat/v1/start/${orgId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ altcha: 'eyJ9', answers: { name: 'X' }, page: '', language: 'en' }) });
    expect(noProof.status).toBe(403);
    const noName = await startChat(hub.url, orgId, { email: 'a@b.lv' });
    expect(noName).toMatchObject({ status: 400, body: { code: 'hub.bad_request' } });
    const convs = await hub.hub.db.selectFrom('hub_chat_conversation').selectAll().execute();
    expect(convs).toHaveLength(1);
    await v.close();
  });

  it('a blocked network gets 403 at every public door and the socket upgrade; unblocked, it talks again', async () => {
    const { hub, device, orgId } = await chatHub(engine);
    const { token } = (await startChat(hub.url, orgId)).body;
    const bad = await post(hub.url, '/hub/v1/chat/blocklist', { add: ['300.1.1.1/8'] }, device.key);
    expect(bad).toMatchObject({ status: 400, body: { params: { field: 'add.0' } } });
    const blocked = await post(hub.url, '/hub/v1/chat/blocklist', { add: ['127.0.0.0/8', '2001:db8::/32'] }, device.key);
    expect(blocked.body).toEqual({ networks: expect.arrayContaining(['127.0.0.0/8', '2001:db8::/32']) });

    const config = await fetch(`${hub.url}/chat/v1/config/${orgId}?lang=hy`);
    expect(config.status).toBe(403);
    expect(((await config.json()) as { texts: { blocked: string } }).texts.blocked).toBe('Զրույցը հասանելի չէ։');
    expect((await fetch(`${hub.url}/chat/v1/challenge/${orgId}`)).status).toBe(403);
    const start = await fetch(`${hub.url}/chat/v1/start/${orgId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(start.status).toBe(403);
    expect(await upgradeStatus(`${hub.url}/chat/v1/visitor?token=${token}`)).toBe(403);

    await post(hub.url, '/hub/v1/chat/blocklist', { remove: ['127.0.0.0/8'] }, device.key);
    expect(await upgradeStatus(`${hub.url}/chat/v1/visitor?token=${token}`)).toBe(101);
    expect((await fetch(`${hub.url}/chat/v1/config/${orgId}`)).status).toBe(200);
  });
});
