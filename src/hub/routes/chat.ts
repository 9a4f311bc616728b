import fs from 'node:fs';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { blockListChange, CHAT_FIELDS, CHAT_FRAME_MAX, CHAT_TEXT_MAX, startRequest, type configResponse, type startResponse } from '../../shared/chat/protocol';
import { normalizeCidr } from '../chat/blockList';
import { operatorSocket } from '../chat/operatorSocket';
import type { ChatService } from '../chat/service';
import { chatTexts } from '../chat/texts';
import { readVisitor, signVisitor, VISITOR_TOKEN_MS } from '../chat/token';
import { visitorSocket } from '../chat/visitorSocket';
import { applyRoute, decideRoute } from '../chat/route';
import type { StaffCache } from '../chat/staff';
import { chatActionPullRequest, type chatActionPullResponse } from '../../shared/chat/actions';
import { onlineStatus } from '../../shared/chat/onlineStatus';
import { pullChatActions } from '../store/chatActions';
import { authenticated, deviceOf, parse, type HubContext } from '../context';
import { HubRefusal } from '../errors';
import type { PublicLimits } from '../public/limits';
import { openToSites, orgIdOf, pickLanguage, PUBLIC_ID } from '../public/page';
import type { ProofOfWork } from '../public/pow';
import type { RateLimiter } from '../rateLimit';
import { blockedNetworks, changeBlockList, isOrgUser, operatorsOnline, orgExists, startConversation } from '../store/chat';

/** The widget, read once and served as written (`widget.js` beside the chat's code). */
export const WIDGET_SCRIPT = fs.readFileSync(new URL('../chat/widget.js', import.meta.url), 'utf8');

export interface ChatRouteOptions {
  chat: ChatService;
  pow: ProofOfWork;
  /** Per address (every public request) and per organization (conversations started). */
  limits: PublicLimits;
  /** Messages a conversation may send: a burst, then so many a minute. */
  perConversation: RateLimiter;
  /** The organization's chat staff, briefly cached (the widget's status on every page view). */
  staff: StaffCache;
}

/**
 * The website chat on the hub: the widget's script and its public steps (settings, challenge, start), the visitor's
 * and the operator's sockets, and the device-authenticated block list. The widget's settings are the organization's
 * synced chat rows (`orgSettings.ts`), never a request of their own. Every public request is limited
 * per address first (no database read for a flood), then checked against the organization's block list.
 */
export async function chatRoute(app: FastifyInstance, ctx: HubContext, opts: ChatRouteOptions): Promise<void> {
  const { chat, pow, limits } = opts;
  await app.register(fastifyWebsocket, { options: { maxPayload: CHAT_FRAME_MAX } });

  async function guard(request: FastifyRequest, reply: FastifyReply, orgId: string, startsConversation = false): Promise<void> {
    openToSites(reply);
    limits.take(request, reply, startsConversation ? orgId : undefined);
    if (await chat.blocked(orgId, request.ip)) {
      request.log.info({ orgId, ip: request.ip }, 'chat: blocked address refused');
      throw new HubRefusal('hub.blocked');
    }
  }

  app.get('/chat/widget.js', async (request, reply) => {
    limits.take(request, reply);
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff');
    return WIDGET_SCRIPT;
  });

  app.options('/chat/v1/*', async (_request, reply) => {
    openToSites(reply);
    return reply.status(204).send();
  });

  app.get('/chat/v1/config/:orgId', async (request, reply) => {
    const orgId = orgIdOf(request.params);
    const lang = pickLanguage((request.query as { lang?: string }).lang);
    try {
      await guard(request, reply, orgId);
    } catch (err) {
      // The widget must say why in the visitor's language, and it has no texts yet.
      if (err instanceof HubRefusal) return reply.status(err.status).send({ ...err.body, texts: chatTexts(lang) });
      throw err;
    }
    if (!(await orgExists(ctx.db, orgId))) return reply.status(404).send({ ...new HubRefusal('hub.bad_request', { field: 'orgId' }).body, texts: chatTexts(lang) });
    const settings = await chat.settings(orgId);
    const online = await operatorsOnline(ctx.db, orgId, ctx.now());
    const staff = await opts.staff.get(orgId);
    const answer: z.infer<typeof configResponse> = {
      texts: chatTexts(lang),
      questionnaire: settings.questionnaire,
      logoUrl: settings.logoUrl,
      online,
      status: onlineStatus(staff.hours, ctx.now()),
      greeting: settings.greetings[lang]?.trim() || null,
      textMax: CHAT_TEXT_MAX,
    };
    reply.header('cache-control', 'no-store');
    return answer;
  });

  app.get('/chat/v1/challenge/:orgId', async (request, reply) => {
    await guard(request, reply, orgIdOf(request.params));
    reply.header('cache-control', 'no-store');
    return pow.challenge();
  });

  app.post('/chat/v1/start/:orgId', { bodyLimit: 8 * 1024, onRequest: async (request, reply) => guard(request, reply, orgIdOf(request.params), true) }, async (request) => {
    const orgId = orgIdOf(request.params);
    const body = parse(startRequest, request.body);
    if (!(await orgExists(ctx.db, orgId))) throw new HubRefusal('hub.bad_request', { field: 'orgId' }, 404);
    const { questionnaire } = await chat.settings(orgId);
    for (const f of CHAT_FIELDS) {
      if (questionnaire.require.includes(f) && !body.answers[f]) throw new HubRefusal('hub.bad_request', { field: `answers.${f}` });
    }
    if (body.answers.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.answers.email)) throw new HubRefusal('hub.bad_request', { field: 'answers.email' });
    const proof = await pow.check(body.altcha);
    if (!proof.ok) throw new HubRefusal('hub.challenge_failed');
    const answers = Object.fromEntries(CHAT_FIELDS.filter((f) => questionnaire.ask.includes(f) && body.answers[f]).map((f) => [f, body.answers[f]]));
    // Read before the write opens: who answers, and whether the visitor is a known client with a responsible person.
    const route = await decideRoute(ctx.db, orgId, answers, ctx.now());
    let conversationId = '';
    const stored = await chat.write(async (trx) => {
      if (!(await pow.spend(trx, proof.challenge, proof.expiresAt))) return { ok: false, code: 'chat.bad_frame' };
      const conv = await startConversation(trx, { orgId, answers, ip: request.ip, page: body.page, language: body.language, now: ctx.now() });
      await applyRoute(trx, conv, route, conv.rev, ctx.now());
      conversationId = conv.id;
      return { ok: true, seq: 0, rev: conv.rev, orgId, conversationId: conv.id };
    });
    opts.staff.forget(orgId);
    if (!stored.ok) throw new HubRefusal('hub.challenge_failed');
    request.log.info({ orgId, conversationId, route: route.decision.kind }, 'chat: conversation started');
    const answer: z.infer<typeof startResponse> = { conversationId, token: signVisitor(chat.visitorKey, { orgId, conversationId, expiresAt: ctx.now() + VISITOR_TOKEN_MS }) };
    return answer;
  });

  // The visitor's socket: the token is in the address (a browser's WebSocket sends no headers of its own).
  app.get('/chat/v1/visitor', {
    websocket: true,
    onRequest: async (request, reply) => {
      const claim = readVisitor(chat.visitorKey, String((request.query as { token?: string }).token ?? ''), ctx.now());
      if (!claim) throw new HubRefusal('hub.unauthorized');
      await guard(request, reply, claim.orgId);
      visitorClaims.set(request, claim);
    },
  }, (socket, request) => visitorSocket(chat, socket, visitorClaims.get(request)!, opts.perConversation));
  const visitorClaims = new WeakMap<FastifyRequest, ReturnType<typeof readVisitor> & object>();

  // The operator's socket: a device's key, as for sync, and the user of the desktop this socket speaks for.
  const deviceAuth = authenticated(ctx);
  const operators = new WeakMap<FastifyRequest, { orgId: string; userId: string; deviceId: string }>();
  app.get('/hub/v1/chat/operator', {
    websocket: true,
    onRequest: async (request) => {
      await deviceAuth.onRequest(request);
      const device = deviceOf(request);
      const userId = String((request.query as { user?: string }).user ?? '');
      if (!PUBLIC_ID.test(userId) || !(await isOrgUser(ctx.db, device.org_id, userId))) throw new HubRefusal('hub.bad_request', { field: 'user' }, 403);
      operators.set(request, { orgId: device.org_id, userId, deviceId: device.id });
    },
  }, (socket, request) => {
    const who = operators.get(request)!;
    operatorSocket(chat, socket, who.orgId, who.userId, who.deviceId);
  });

  // The desktop pulls what the chat asks of it (a linked task, a text message) after its cursor, as it pulls field actions.
  app.post('/hub/v1/chat/actions', deviceAuth, async (request) => {
    const device = deviceOf(request);
    const body = parse(chatActionPullRequest, request.body);
    const answer: z.infer<typeof chatActionPullResponse> = await pullChatActions(ctx.db, device, body.cursor, body.limit);
    return answer;
  });

  app.post('/hub/v1/chat/blocklist', { ...deviceAuth, bodyLimit: 64 * 1024 }, async (request) => {
    const device = deviceOf(request);
    const body = parse(blockListChange, request.body);
    const norm = (list: string[], field: string) =>
      list.map((cidr, i) => normalizeCidr(cidr) ?? (() => { throw new HubRefusal('hub.bad_request', { field: `${field}.${i}` }); })());
    const add = norm(body.add, 'add');
    const remove = norm(body.remove, 'remove');
    await changeBlockList(ctx.db, device.org_id, add, remove, ctx.now());
    chat.forgetBlocks(device.org_id);
    request.log.info({ orgId: device.org_id, added: add.length, removed: remove.length }, 'chat: block list changed');
    return { networks: await blockedNetworks(ctx.db, device.org_id) };
  });
}
