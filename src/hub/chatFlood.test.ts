import { describe, expect, it } from 'vitest';
import { ChatClient, CHAT_TEST_OPTIONS, pushOperators, startChat, upgradeStatus } from './testing/chat';
import { foundingDevice, post, startTestHub } from './testing/hub';

/** Requests in the flood and how many at once: bounded, all to 127.0.0.1. */
const FLOOD = 400;
const AT_ONCE = 20;

async function flood(url: string, count: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const res = await fetch(url);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return statuses;
}

describe('website chat under a flood from 127.0.0.1', () => {
  it('rate limits and the block list hold, while an operator still gets answers at once', async () => {
    const limits = { perIp: { capacity: 20, perMinute: 20 }, perOrg: { capacity: 60, perMinute: 60 } };
    const hub = await startTestHub('sqlite', { ...CHAT_TEST_OPTIONS, chat: { limits, perConversation: { capacity: 10, perMinute: 30 } } });
    const device = await foundingDevice(hub);
    await pushOperators(device, [{ id: 'user-anna', name: 'Anna' }]);
    const orgId = device.orgId!;
    const { conversationId, token } = (await startChat(hub.url, orgId)).body;
    const op = await ChatClient.operator(hub.url, device, 'user-anna');
    op.send({ t: 'resume', after: 0 });
    // Opened before the flood: the flooding address may open nothing new afterwards.
    const v = await ChatClient.visitor(hub.url, token);

    // The operator asks for the list every 50 ms during the flood; each answer is timed.
    const waits: number[] = [];
    let flooding = true;
    const probing = (async () => {
      while (flooding) {
        const t0 = performance.now();
        const before = op.frames.length;
        op.send({ t: 'list' });
        await op.next((f) => f.t === 'conversations' && op.frames.indexOf(f) >= before);
        waits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const t0 = performance.now();
    const statuses = await flood(`${hub.url}/chat/v1/config/${orgId}`, FLOOD);
    // The bucket already gave two tokens (the challenge and the start above): at most its capacity got through.
    expect((statuses.get(200) ?? 0) + (statuses.get(429) ?? 0)).toBe(FLOOD);
    expect(statuses.get(200) ?? 0).toBeLessThanOrEqual(20);
    expect(statuses.get(429)).toBeGreaterThanOrEqual(FLOOD - 20);

    expect(await upgradeStatus(`${hub.url}/chat/v1/visitor?token=${token}`)).toBe(429);

    // A visitor's messages: a burst of 40 at once, the conversation's bucket lets its capacity through.
    v.send({ t: 'resume', after: 0 });
    for (let i = 0; i < 40; i++) v.send({ t: 'send', clientId: `flood-${String(i).padStart(4, '0')}`, text: `Spam ${i}` });
    await v.next(() => v.frames.filter((f) => f.t === 'ack' || f.t === 'error').length === 40, 15_000);
    const acks = v.frames.filter((f) => f.t === 'ack').length;
    expect(acks).toBeGreaterThanOrEqual(10);
    expect(acks).toBeLessThanOrEqual(12);
    expect(v.frames.filter((f) => f.t === 'error' && f.code === 'chat.rate_limited')).toHaveLength(40 - acks);
    const stored = await hub.hub.db.selectFrom('hub_chat_message').select((eb) => eb.fn.countAll<number>().as('n')).where('conversation_id', '=', conversationId).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(acks);

    // Blocked: the same flood gets nothing but refusals, and the socket is refused too.
    await post(hub.url, '/hub/v1/chat/blocklist', { add: ['127.0.0.1'] }, device.key);
    const blocked = await flood(`${hub.url}/chat/v1/challenge/${orgId}`, 100);
    expect(blocked.get(200)).toBeUndefined();
    expect([...blocked.keys()].every((s) => s === 403 || s === 429)).toBe(true);
    const elapsed = performance.now() - t0;
    flooding = false;
    await probing;

    waits.sort((a, b) => a - b);
    const p95 = waits[Math.floor(waits.length * 0.95)]!;
    expect(waits.length).toBeGreaterThan(3);
    expect(p95).toBeLessThan(500);
    console.log(`flood: ${FLOOD + 100} requests in ${Math.round(elapsed)} ms; operator list answered ${waits.length} times, p95 ${p95.toFixed(1)} ms`);
    await Promise.all([op.close(), v.close()]);
  });
});
