import { randomBytes } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { Kysely } from 'kysely';
import type { HubDb } from '../db/open';
import type { HubDB } from '../db/schema';

/**
 * Proof of work for the hub's public pages (the web form now, the chat later), with ALTCHA's classic SHA-256
 * challenge: the page asks for a challenge, the browser searches the number that hashes to it, and the answer is
 * accepted once. The key is the hub's own, made once and shared by every hub process through the database.
 */
export interface ProofOfWork {
  challenge(): Promise<Challenge>;
  /** Whether an answer is genuine and unexpired; `spend` then takes it for good. */
  check(payload: string): Promise<{ ok: true; challenge: string; expiresAt: number } | { ok: false }>;
  /** Marks an answer used inside the caller's transaction; false when it was used already (a replay). */
  spend(trx: Kysely<HubDB>, challenge: string, expiresAt: number): Promise<boolean>;
}

export interface PowOptions {
  /** The search space: the browser tries half of it on average (100,000: well under a second on a phone). */
  maxNumber: number;
  ttlMs: number;
  now: () => number;
}

const SECRET = 'web_form_hmac';

async function hubKey(db: HubDb): Promise<string> {
  await db.insertInto('hub_secret').values({ name: SECRET, value: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await db.selectFrom('hub_secret').select('value').where('name', '=', SECRET).executeTakeFirstOrThrow()).value;
}

export async function proofOfWork(db: HubDb, opts: PowOptions): Promise<ProofOfWork> {
  const hmacKey = await hubKey(db);
  return {
    challenge: () => createChallenge({ hmacKey, maxnumber: opts.maxNumber, expires: new Date(opts.now() + opts.ttlMs) }),
    async check(payload) {
      // The library would read the expiry against the machine's clock; the hub's own (injected) clock decides.
      if (!(await verifySolution(payload, hmacKey, false))) return { ok: false };
      const expiresAt = Number(extractParams(payload).expires) * 1000;
      if (!Number.isFinite(expiresAt) || expiresAt < opts.now()) return { ok: false };
      const { challenge } = JSON.parse(Buffer.from(payload, 'base64').toString()) as { challenge: string };
      return { ok: true, challenge, expiresAt };
    },
    async spend(trx, challenge, expiresAt) {
      await trx.deleteFrom('hub_challenge').where('expires_at', '<', opts.now()).execute();
      const r = await trx.insertInto('hub_challenge').values({ challenge, expires_at: expiresAt }).onConflict((oc) => oc.column('challenge').doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}
