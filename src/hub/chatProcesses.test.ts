import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, pushOperators, startChat } from './testing/chat';
import { TestDevice, type HubEndpoint } from './testing/hub';
import { runHubCli, startHubProcess, type HubProcess } from './testing/process';
import { createDatabase, startPostgres, type TestPostgres } from './testing/postgres';

const clock = { now: () => Date.now() };
const ROUNDS = 40;

describe('website chat across two hub processes on one PostgreSQL', () => {
  let pg: TestPostgres;
  let hubs: HubProcess[] = [];
  let url: string;
  beforeAll(async () => {
    pg = await startPostgres();
    url = await createDatabase(pg.url, 'chat_two_hubs');
    hubs = await Promise.all([startHubProcess([], { DATABASE_URL: url }), startHubProcess([], { DATABASE_URL: url })]);
  });
  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
    await pg.stop();
  });

  it('a visitor on one and an operator on the other talk at once, without loss or duplication, in order', async () => {
    const [one, two] = hubs.map((h): HubEndpoint => ({ url: h.url, clock }));
    const founding = await runHubCli(['code', '--new-org', 'Klīnika Zobs'], { DATABASE_URL: url });
    const device = new TestDevice(two!, randomUUID());
    expect((await device.register(founding.stdout.trim())).status).toBe(200);
    await pushOperators(device, [{ id: 'user-anna', name: 'Anna' }]);
    const orgId = device.orgId!;

    const op = await ChatClient.operator(two!.url, device, 'user-anna');
    op.send({ t: 'list' });
    const list = await op.next((f) => f.t === 'conversations');
    op.send({ t: 'resume', after: list.rev as number });
    const started = await startChat(one!.url, orgId);
    expect(started.status).toBe(200);
    const { conversationId, token } = started.body;
    await op.next((f) => f.t === 'conversation' && (f.conversation as { id: string }).id === conversationId);
    const visitor = await ChatClient.visitor(one!.url, token);
    visitor.send({ t: 'resume', after: 0 });

    // Both write at once; the rate limit of a conversation is the default (10, then 30 a minute): stay under it.
    for (let i = 1; i <= 8; i++) {
      visitor.send({ t: 'send', clientId: `visitor-${String(i).padStart(4, '0')}`, text: `Jautājums ${i}` });
    }
    for (let i = 1; i <= ROUNDS; i++) op.send({ t: 'reply', clientId: `operator-${String(i).padStart(4, '0')}`, conversationId, text: `Atbilde ${i}`, quoteSeq: null });
    const total = 8 + ROUNDS;
    await visitor.next((f) => f.t === 'message' && f.seq === total, 20_000);
    await op.next((f) => f.t === 'message' && f.seq === total, 20_000);
    await new Promise((r) => setTimeout(r, 300));

    for (const side of [visitor, op]) {
      const seqs = side.messages(conversationId).map((f) => f.seq);
      expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
    const texts = (c: ChatClient) => c.messages(conversationId).map((f) => f.text).sort();
    expect(texts(visitor)).toEqual(texts(op));
    expect(texts(visitor).filter((t) => String(t).startsWith('Jautājums'))).toHaveLength(8);
    expect(visitor.frames.filter((f) => f.t === 'ack')).toHaveLength(8);
    expect(op.frames.filter((f) => f.t === 'ack')).toHaveLength(ROUNDS);

    // The operator's deletion on two reaches the visitor on one.
    op.send({ t: 'delete', clientId: 'delete-one', conversationId, seq: (op.messages(conversationId).find((f) => f.author === 'operator')!.seq as number) });
    await visitor.next((f) => f.t === 'deleted');
    await Promise.all([op.close(), visitor.close()]);
  });
});
