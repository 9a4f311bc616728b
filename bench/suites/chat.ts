import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { signVisitor, visitorKey, VISITOR_TOKEN_MS } from '../../src/hub/chat/token';
import { migrateHub, openHubDb } from '../../src/hub/db/open';
import { DESKTOP_SCHEMA_VERSION } from '../../src/hub/server';
import { startConversation } from '../../src/hub/store/chat';
import { createCode, redeemCode } from '../../src/hub/store/devices';
import { pushOperators } from '../../src/hub/testing/chat';
import { ChatClient, type Frame } from '../../src/hub/testing/chatClient';
import { TestDevice } from '../../src/hub/testing/device';
import { createDatabase, startPostgres } from '../../src/hub/testing/postgres';
import { startHubProcess } from '../../src/hub/testing/process';
import type { Suite } from '../lib/suite';
import { percentile } from '../lib/timing';

const VISITORS = Number(process.env.CHAT_BENCH_VISITORS ?? 1000);
/** Messages measured each way (to every fifth visitor), one every PACE_MS: an organization's whole chat traffic. */
const MEASURED = Math.min(200, VISITORS);
const PACE_MS = 100;

/**
 * The website chat on one hub process over a throwaway PostgreSQL: 1,000 visitors' sockets open at once on 127.0.0.1,
 * one operator's socket; the operator answers every fifth visitor and those visitors write once, paced (the whole
 * organization's traffic: 10 messages a second), and the time from sending to the other side's receiving is measured. The visitors come "through a proxy" (`--trust-proxy`, a
 * distinct benchmark-range address per visitor in X-Forwarded-For) so the per-address limits see 1,000 people.
 * Also the widget's size, gzipped. Load is local and bounded.
 */
export const chatSuite: Suite = {
  id: 'chat',
  title: 'Hub: website chat',
  async run({ results, log }) {
    const widget = fs.readFileSync(new URL('../../src/hub/chat/widget.js', import.meta.url));
    const gz = gzipSync(widget, { level: 9 }).length;
    log(`widget.js: ${widget.length} bytes, ${gz} gzipped`);
    results.addValue('chat: widget.js gzipped', 'KB', gz / 1024, 30, `${(widget.length / 1024).toFixed(1)} KB as served`);

    const pg = await startPostgres();
    const url = await createDatabase(pg.url, 'bench_chat');
    const hub = await startHubProcess(['--pg', url, '--trust-proxy'], { HUB_LOG_LEVEL: 'warn' });
    const opened = openHubDb({ pg: url });
    const sockets: ChatClient[] = [];
    try {
      await migrateHub(opened);
      const code = await createCode(opened.db, { newOrg: 'Bench clinic' }, Date.now());
      const r = await redeemCode(opened.db, { code, deviceName: 'bench', orgId: randomUUID(), schemaVersion: DESKTOP_SCHEMA_VERSION }, Date.now());
      if (!r.ok) throw new Error(r.code);
      const device = new TestDevice({ url: hub.url, clock: { now: () => Date.now() } }, r.orgId);
      device.deviceId = r.deviceId;
      device.key = r.deviceKey;
      await pushOperators(device, [{ id: 'user-bench', name: 'Bench' }]);

      // Conversations made in the store (the proof of work is not what is measured), tokens signed as the hub signs.
      const key = await visitorKey(opened.db);
      const tokens: { conversationId: string; token: string }[] = [];
      for (let i = 0; i < VISITORS; i++) {
        const conv = await opened.db.transaction().execute((trx) => startConversation(trx, { orgId: r.orgId, answers: { name: `Visitor ${i}` }, ip: '198.18.0.1', page: 'https://bench.example/', language: 'en', now: Date.now() }));
        tokens.push({ conversationId: conv.id, token: signVisitor(key, { orgId: r.orgId, conversationId: conv.id, expiresAt: Date.now() + VISITOR_TOKEN_MS }) });
      }
      const op = await ChatClient.operator(hub.url, device, 'user-bench');
      op.send({ t: 'list' });
      const list = await op.next((f) => f.t === 'conversations');
      op.send({ t: 'resume', after: list.rev as number });

      let t0 = performance.now();
      for (let i = 0; i < VISITORS; i += 50) {
        const batch = tokens.slice(i, i + 50).map((t, k) =>
          ChatClient.open(`${hub.url}/chat/v1/visitor?token=${encodeURIComponent(t.token)}`, { 'x-forwarded-for': `198.18.${Math.floor((i + k) / 250)}.${(i + k) % 250}` }),
        );
        sockets.push(...(await Promise.all(batch)));
      }
      const connectMs = performance.now() - t0;
      for (const s of sockets) s.send({ t: 'resume', after: list.rev as number });
      await Promise.all(sockets.map((s) => s.next((f) => f.t === 'hello', 60_000)));
      log(`${VISITORS} visitor sockets open in ${connectMs.toFixed(0)} ms`);

      // Operator → visitor: one reply to each, paced; the visitor's receipt time less the send time.
      const toVisitor: number[] = [];
      const sent = new Map<string, number>();
      const step = Math.floor(VISITORS / MEASURED);
      const picked = Array.from({ length: MEASURED }, (_, k) => k * step);
      const received = picked.map((i) =>
        sockets[i]!.next((f: Frame) => f.t === 'message' && f.author === 'operator', 60_000).then(() => toVisitor.push(performance.now() - sent.get(tokens[i]!.conversationId)!)),
      );
      t0 = performance.now();
      for (const i of picked) {
        sent.set(tokens[i]!.conversationId, performance.now());
        op.send({ t: 'reply', clientId: `bench-reply-${i}`, conversationId: tokens[i]!.conversationId, text: `Hello, visitor ${i}`, quoteSeq: null });
        await new Promise((res) => setTimeout(res, PACE_MS));
      }
      await Promise.all(received).catch((err: unknown) => {
        throw new Error(`${String(err)}; operator acks ${op.frames.filter((f) => f.t === 'ack').length}, hub log ${JSON.stringify(hub.logs.slice(-3)).slice(0, 600)}, errors ${JSON.stringify(op.frames.filter((f) => f.t === 'error').slice(0, 3))}`);
      });
      const replyWall = performance.now() - t0;

      // Visitor → operator: each writes once, paced.
      const toOperator: number[] = [];
      const byConversation = new Map(tokens.map((t, i) => [t.conversationId, i]));
      const visitorSent: number[] = [];
      let got = 0;
      let done: () => void = () => undefined;
      const all = new Promise<void>((res) => (done = res));
      op.ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as Frame;
        if (f.t !== 'message' || f.author !== 'visitor') return;
        toOperator.push(performance.now() - visitorSent[byConversation.get(String(f.conversationId))!]!);
        if (++got === MEASURED) done();
      });
      for (const i of picked) {
        visitorSent[i] = performance.now();
        sockets[i]!.send({ t: 'send', clientId: `bench-visitor-${i}`, text: `Question ${i}` });
        await new Promise((res) => setTimeout(res, PACE_MS));
      }
      await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error(`operator got ${got} of ${MEASURED}`)), 60_000))]);
      const load = os.loadavg()[0]!.toFixed(1);
      log(`replies delivered in ${replyWall.toFixed(0)} ms; load average ${load}`);
      log(`p99 operator → visitor ${percentile(toVisitor, 99).toFixed(1)} ms, visitor → operator ${percentile(toOperator, 99).toFixed(1)} ms`);
      const note = (d: number[]) => `p99 ${percentile(d, 99).toFixed(1)} ms; ${VISITORS} visitor sockets open on one hub process (PostgreSQL), ${MEASURED} messages each way, one every ${PACE_MS} ms; load average ${load} on ${os.cpus().length} cores`;
      results.addSamples('chat: operator reply → visitor, delivery', toVisitor, 50, { note: note(toVisitor) });
      results.addSamples('chat: visitor message → operator, delivery', toOperator, 50, { note: note(toOperator) });
      results.addValue('chat: 1,000 visitor sockets opened', 'ms', connectMs, null, '50 at a time, each a signed token and a block-list check');
    } finally {
      for (const s of sockets) s.ws.terminate();
      await opened.close();
      await hub.stop();
      await pg.stop();
    }
  },
};
