import { solveChallenge } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import WebSocket from 'ws';
import type { TestDevice } from './device';
import { pushDirectory } from './webForm';

// Browser specs reach the client through its own module (it imports nothing of the server).
export * from './chatClient';

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

/** The desktop's chat settings as a desktop pushes them: the `chat_setting` row (its id the organization's). */
export interface PushedChatSettings {
  questionnaire?: Record<string, 'off' | 'asked' | 'required'>;
  topics?: string[];
  greetings?: Record<string, string>;
  logoUrl?: string | null;
  /** Operators' photos by user id (their `chat_operator` rows). */
  photos?: Record<string, string | null>;
}

export async function pushChatSettings(device: TestDevice, s: PushedChatSettings): Promise<void> {
  const org = device.orgId!;
  const cells = [device.cell('chat_setting', org, 'org_id', org), device.cell('chat_setting', org, 'deleted_at', null)];
  if (s.questionnaire) cells.push(device.cell('chat_setting', org, 'questionnaire', JSON.stringify(s.questionnaire)));
  if (s.topics) cells.push(device.cell('chat_setting', org, 'topics', JSON.stringify(s.topics)));
  if (s.greetings) cells.push(device.cell('chat_setting', org, 'greetings', JSON.stringify(s.greetings)));
  if (s.logoUrl !== undefined) cells.push(device.cell('chat_setting', org, 'logo_url', s.logoUrl));
  for (const [userId, url] of Object.entries(s.photos ?? {})) {
    cells.push(device.cell('chat_operator', userId, 'user_id', userId), device.cell('chat_operator', userId, 'photo_url', url));
  }
  const r = await device.sync(cells);
  if (r.status !== 200) throw new Error(`push refused: ${JSON.stringify(r.body)}`);
}
