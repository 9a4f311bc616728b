import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { migrations as desktopMigrations } from '../../migrations/index';
import { DEFAULT_MAX_DRIFT_MS } from '../shared/sync/hlc';
import type { HubContext } from './context';
import type { Engine } from './db/migrations';
import { migrateHub, openHubDb, reachable, type HubDb, type HubStorage } from './db/open';
import { HubRefusal } from './errors';
import { tokenBucket } from './rateLimit';
import { DEFAULT_PUBLIC_LIMITS, publicLimits, type PublicLimitOptions } from './public/limits';
import { proofOfWork, type PowOptions } from './public/pow';
import { intakeRoute } from './routes/intake';
import { cellsRoute } from './routes/cells';
import { fieldRoute } from './routes/field';
import { registerRoute } from './routes/register';
import { syncRoute } from './routes/sync';
import { waitRoute } from './routes/wait';
import { chatRoute } from './routes/chat';
import { portalRoute } from './routes/portal';
import { chatService } from './chat/service';
import { escalationTimer } from './chat/escalation';
import { staffCache } from './chat/staff';
import { chatSignal } from './chat/signal';
import { visitorKey } from './chat/token';
import { cellSignal } from './signal';
import { pruneBatches } from './store/cells';
import { plainHttpRefused } from './transport';

/** The desktop schema this build serves: the number of desktop migrations, as the desktop counts them. */
export const DESKTOP_SCHEMA_VERSION = Object.keys(desktopMigrations).length;

export interface HubOptions {
  storage: HubStorage;
  now?: () => number;
  maxDriftMs?: number;
  schemaVersion?: number;
  /** Serve plain HTTP to any address (default: only to loopback; TLS belongs to the proxy in front). */
  allowHttp?: boolean;
  /** Believe the proxy's X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy?: boolean;
  /** Fastify's logger: JSON lines (default off, as in tests). */
  logger?: FastifyServerOptions['logger'];
  /** The largest request body (default 32 MB: a full batch of ordinary cells fits many times over). */
  bodyLimit?: number;
  /** Registrations per client address: a burst, then so many a minute (default 10, then 10 a minute). */
  registerLimit?: { capacity: number; perMinute: number };
  /** The web form's public limits and proof of work (tests make the work small). */
  webForm?: { limits?: PublicLimitOptions; pow?: Partial<Omit<PowOptions, 'now'>> };
  /** Batch ids are kept this many days (default 30), pruned at start and every hour. */
  batchDays?: number;
  /** The website chat's public limits (default: the web form's), and messages per conversation (10, then 30 a minute). */
  chat?: { limits?: PublicLimitOptions; perConversation?: { capacity: number; perMinute: number }; escalateEveryMs?: number };
  /** The client portal's public limits (default: the web form's). */
  portal?: { limits?: PublicLimitOptions };
}

export interface Hub {
  app: FastifyInstance;
  db: HubDb;
  engine: Engine;
  /** Stops the long polls, the LISTEN connection, the server and the pool. */
  close(): Promise<void>;
  /** One pass of this process's chat silence watch now (it also runs on its own timer); how many conversations it moved. */
  chatEscalation(): Promise<number>;
}

/** Opens the storage, brings its tables up to date, listens for cross-process notices and builds the routes. */
export async function createHub(opts: HubOptions): Promise<Hub> {
  const opened = openHubDb(opts.storage);
  await migrateHub(opened);
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 32 * 1024 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // Authorization headers never reach a log line: Fastify's request serializer writes method, url, host and address.
  });
  const signal = cellSignal(opened.engine, opened.pgUrl, (msg, err) => app.log.warn({ err }, msg));
  await signal.start();
  const ctx: HubContext = {
    db: opened.db,
    engine: opened.engine,
    signal,
    now: opts.now ?? Date.now,
    maxDriftMs: opts.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS,
    schemaVersion: opts.schemaVersion ?? DESKTOP_SCHEMA_VERSION,
    registerLimiter: tokenBucket(opts.registerLimit ?? { capacity: 10, perMinute: 10 }),
  };

  app.setErrorHandler((err, request, reply) => {
    if (err instanceof HubRefusal) return reply.status(err.status).send(err.body);
    const status = (err as { statusCode?: number }).statusCode;
    // Fastify's own refusals (not JSON, too large, wrong content type) are bad requests in the protocol's words.
    if (status !== undefined && status >= 400 && status < 500) return reply.status(status).send(new HubRefusal('hub.bad_request', undefined, status).body);
    request.log.error({ err }, 'hub request failed');
    return reply.status(500).send({ error: 'internal' });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(new HubRefusal('hub.bad_request', undefined, 404).body));

  // Health probes come from the load balancer, often in plain HTTP from its own network; they carry no data.
  const probes = new Set(['/health', '/ready']);
  const transport = { allowHttp: opts.allowHttp ?? false, trustProxy: opts.trustProxy ?? false };
  app.addHook('onRequest', async (request, reply) => {
    if (probes.has(request.url.split('?')[0]!)) return;
    if (plainHttpRefused(request, transport)) {
      request.log.warn({ remote: request.socket.remoteAddress }, 'plain HTTP refused');
      return reply.status(403).send(new HubRefusal('hub.https_required').body);
    }
  });

  app.get('/health', async () => ({ ok: true }));
  app.get('/ready', async (_request, reply) => {
    const ok = !signal.closed && (await reachable(opened.db));
    return reply.status(ok ? 200 : 503).send({ ready: ok, engine: opened.engine });
  });
  registerRoute(app, ctx);
  syncRoute(app, ctx);
  waitRoute(app, ctx);
  const pow = await proofOfWork(opened.db, { maxNumber: 100_000, ttlMs: 10 * 60_000, ...opts.webForm?.pow, now: ctx.now });
  intakeRoute(app, ctx, { pow, limits: publicLimits(opts.webForm?.limits ?? DEFAULT_PUBLIC_LIMITS, ctx.now) });
  cellsRoute(app, ctx);

  // Every process prunes (a delete of what is already gone removes nothing), so no process is the only one to.
  const batchMs = (opts.batchDays ?? 30) * 86_400_000;
  const prune = () =>
    void pruneBatches(opened.db, ctx.now() - batchMs).then(
      (n) => n > 0 && app.log.info({ removed: n }, 'old batch ids pruned'),
      (err: unknown) => app.log.warn({ err }, 'pruning batch ids failed'),
    );
  prune();
  const pruning = setInterval(prune, 3_600_000);
  pruning.unref();
  fieldRoute(app, ctx);
  portalRoute(app, ctx, publicLimits(opts.portal?.limits ?? DEFAULT_PUBLIC_LIMITS, ctx.now));

  const chatNotices = chatSignal(opened.engine, opened.pgUrl, (msg, err) => app.log.warn({ err }, msg));
  await chatNotices.start();
  const chat = chatService(opened.db, chatNotices, ctx.now, app.log, await visitorKey(opened.db));
  const escalation = escalationTimer(chat, opts.chat?.escalateEveryMs);
  await chatRoute(app, ctx, {
    chat,
    staff: staffCache(opened.db, ctx.now),
    pow,
    limits: publicLimits(opts.chat?.limits ?? DEFAULT_PUBLIC_LIMITS, ctx.now),
    perConversation: tokenBucket(opts.chat?.perConversation ?? { capacity: 10, perMinute: 30 }),
  });

  // Long polls would hold a closing server open for up to a minute: wake them first, they answer "no change".
  app.addHook('preClose', async () => {
    clearInterval(pruning);
    escalation.stop();
    chat.close();
    await signal.close();
    await chatNotices.close();
  });
  let closing: Promise<void> | null = null;
  return {
    app,
    db: opened.db,
    engine: opened.engine,
    chatEscalation: escalation.tick,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await signal.close();
        await chatNotices.close();
        await opened.close();
      })()),
  };
}
