import type { FastifyBaseLogger } from 'fastify';
import type { Transaction } from 'kysely';
import type { HubDb } from '../db/open';
import type { HubDB } from '../db/schema';
import { blockedNetworks, touchOperators, type Stored } from '../store/chat';
import { isBlocked } from './blockList';
import { routeWaiting } from './escalation';
import { readOrgChatSettings, type OrgChatSettings } from './orgSettings';
import type { ChatSignal } from './signal';

type Trx = Transaction<HubDB>;

/** What the chat's routes and sockets share in one hub process. */
export interface ChatService {
  db: HubDb;
  signal: ChatSignal;
  now: () => number;
  log: FastifyBaseLogger;
  visitorKey: Buffer;
  /** Runs a change in a transaction and announces it to every hub process once it is stored. */
  write(fn: (trx: Trx) => Promise<Stored>): Promise<Stored>;
  blocked(orgId: string, ip: string): Promise<boolean>;
  /** Forgets this process's copy of an organization's block list (after a change made here). */
  forgetBlocks(orgId: string): void;
  /** The organization's widget settings from its synced rows (re-read after a second: a desktop's push holds within it). */
  settings(orgId: string): Promise<OrgChatSettings>;
  /** Operators' sockets held by this process, per organization and user (their presence is heartbeated). */
  operatorJoined(orgId: string, userId: string): () => void;
  close(): void;
}

/** Block lists and settings are re-read after this long: a change made on another process holds within it. */
const CACHE_MS = 1000;
const HEARTBEAT_MS = 15_000;

export function chatService(db: HubDb, signal: ChatSignal, now: () => number, log: FastifyBaseLogger, visitorKey: Buffer): ChatService {
  const blocks = new Map<string, { at: number; networks: Promise<string[]> }>();
  const settings = new Map<string, { at: number; value: Promise<OrgChatSettings> }>();
  const operators = new Map<string, number>();
  // The real clock, not the injected one: a cache's age is about this process, not about the hub's notion of time.
  const age = (at: number) => Date.now() - at;
  const who = (key: string) => {
    const [orgId, userId] = key.split('\u0000') as [string, string];
    return { orgId, userId };
  };
  const beat = () => void touchOperators(db, [...operators.keys()].map(who), now()).catch((err: unknown) => log.warn({ err }, 'chat: operator heartbeat failed'));
  const heartbeat = setInterval(beat, HEARTBEAT_MS);
  heartbeat.unref();

  const service: ChatService = {
    db,
    signal,
    now,
    log,
    visitorKey,
    async write(fn) {
      const r = await db.transaction().execute(async (trx) => {
        const stored = await fn(trx);
        if (stored.ok) await signal.changed(trx, stored.orgId, stored.conversationId);
        return stored;
      });
      if (r.ok) signal.afterCommit(r.orgId, r.conversationId);
      return r;
    },
    async blocked(orgId, ip) {
      let entry = blocks.get(orgId);
      if (!entry || age(entry.at) > CACHE_MS) {
        entry = { at: Date.now(), networks: blockedNetworks(db, orgId) };
        blocks.set(orgId, entry);
        if (blocks.size > 10_000) blocks.delete(blocks.keys().next().value!);
      }
      return isBlocked(ip, await entry.networks);
    },
    forgetBlocks: (orgId) => void blocks.delete(orgId),
    async settings(orgId) {
      let entry = settings.get(orgId);
      if (!entry || age(entry.at) > CACHE_MS) {
        entry = { at: Date.now(), value: readOrgChatSettings(db, orgId) };
        settings.set(orgId, entry);
        if (settings.size > 10_000) settings.delete(settings.keys().next().value!);
      }
      return entry.value;
    },
    operatorJoined(orgId, userId) {
      const key = `${orgId}\u0000${userId}`;
      operators.set(key, (operators.get(key) ?? 0) + 1);
      // Someone connected: conversations that waited for anyone are routed now.
      void touchOperators(db, [{ orgId, userId }], now())
        .then(() => routeWaiting(service, orgId))
        .catch((err: unknown) => log.warn({ err }, 'chat: operator presence failed'));
      let left = false;
      return () => {
        if (left) return;
        left = true;
        const n = (operators.get(key) ?? 1) - 1;
        if (n <= 0) operators.delete(key);
        else operators.set(key, n);
      };
    },
    close: () => clearInterval(heartbeat),
  };
  return service;
}

/**
 * Runs `read` so that it never overlaps itself: calls while it runs fold into one more run after it. A socket's
 * deliveries go through one of these, so its frames leave in cursor order.
 */
export function serial(read: () => Promise<void>, onError: (err: unknown) => void): () => void {
  let running = false;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        try {
          await read();
        } catch (err) {
          onError(err);
        }
      } while (again);
      running = false;
    })();
  };
}
