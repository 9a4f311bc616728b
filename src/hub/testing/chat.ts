import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import WebSocket from 'ws';
import type { TestDevice } from './device';
import { pushDirectory } from './webForm';

/** A chat test hub's options: a small proof of work. */
export const CHAT_TEST_OPTIONS = { webForm: { pow: { maxNumber: 2000 } } };

/** Pushes the organization's users (active), so operators' sockets may speak for them. */
export async function pushOperators(device: TestDevice, users: { id: string; name: string }[]): Promise<void> {
  await pushDirectory(device, { branches: [{ id: 'riga', name: 'Rīga' }], people: users.map((u) => ({ ...u, public: false, branchId: 'riga' })) });
}

/** A chat challenge solved as the widget does; the payload `start` carries. */
export async function chatProof(url: string, orgId: string): Promise<string> {
  const res = await fetch(`${url}/chat/v1/challenge/${orgId}`);
  if (!res.ok) throw new Error(`challenge refused: ${res.status}`);
  const c = (await res.json()) as Challenge;
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('the challenge has no answer');
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature })).toString('base64');
}

export async function startChat(url: string, orgId: string, answers: Record<string, string> = { name: 'Anna Bērziņa', email: 'anna@example.test' }, page = 'https://clinic.example/prices'): Promise<{ status: number; body: { conversationId: string; token: string; code?: string } }> {
  const altcha = await chatProof(url, orgId);
  const res = await fetch(`${url}/chat/v1/start/${orgId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ altcha, answers, page, language: 'lv' }) });
  return { status: res.status, body: (await res.json()) as { conversationId: string; token: string } };
}

export type Frame = Record<string, unknown> & { t: string };

/** A chat socket as a client holds it: every frame received, in order, and a way to wait for one. */
export class ChatClient {
  readonly frames: Frame[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<ChatClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    const client = new ChatClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  static visitor(url: string, token: string) {
    return ChatClient.open(`${url}/chat/v1/visitor?token=${encodeURIComponent(token)}`);
  }

  static operator(url: string, device: TestDevice, userId: string) {
    return ChatClient.open(`${url}/hub/v1/chat/operator?user=${encodeURIComponent(userId)}`, { authorization: `Bearer ${device.key}` });
  }

  send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame (already received or still to come) that matches. */
  next(pred: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const seen = this.frames.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({ pred, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  messages(conversationId?: string): Frame[] {
    return this.frames.filter((f) => f.t === 'message' && (!conversationId || f.conversationId === conversationId));
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Whether a socket upgrade is refused, and with which status. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
