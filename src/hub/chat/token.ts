import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HubDb } from '../db/open';

/**
 * The visitor's token: which conversation of which organization this browser holds, until when, signed with the
 * hub's own key (made once, shared by every hub process through the database). Nothing is stored per token; a
 * conversation closed by an operator refuses new messages whatever the token says.
 */
export interface VisitorClaim {
  orgId: string;
  conversationId: string;
  expiresAt: number;
}

const SECRET = 'chat_visitor_hmac';
/** A visitor may come back to the same conversation for a week (a reload, a new tab, the next day). */
export const VISITOR_TOKEN_MS = 7 * 86_400_000;

export async function visitorKey(db: HubDb): Promise<Buffer> {
  await db.insertInto('hub_secret').values({ name: SECRET, value: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const { value } = await db.selectFrom('hub_secret').select('value').where('name', '=', SECRET).executeTakeFirstOrThrow();
  return Buffer.from(value, 'hex');
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(`chat:${body}`).digest('base64url');

export function signVisitor(key: Buffer, claim: VisitorClaim): string {
  const body = Buffer.from(JSON.stringify([claim.orgId, claim.conversationId, claim.expiresAt])).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

export function readVisitor(key: Buffer, token: string, now: number): VisitorClaim | null {
  if (token.length > 600) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const want = Buffer.from(mac(key, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const [orgId, conversationId, expiresAt] = JSON.parse(Buffer.from(body, 'base64url').toString()) as [string, string, number];
    if (typeof orgId !== 'string' || typeof conversationId !== 'string' || typeof expiresAt !== 'number' || expiresAt <= now) return null;
    return { orgId, conversationId, expiresAt };
  } catch {
    return null;
  }
}
