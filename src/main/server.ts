import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { Core } from './core';
import { ownReportFile } from './reports/files';
import { readableAttachment } from './modules/interventions/attachmentAccess';
import { mayReceive } from './api/events';
import { allowedHosts, originAllowed, refuseForeignHosts } from './web/hosts';

export const SESSION_COOKIE = 'planora_sid';

export interface ServerOptions {
  host?: string;
  port?: number;
  /** The built renderer (dist/renderer); omitted in API-only tests. */
  rendererDir?: string;
  /** Host names besides loopback that may reach web mode (`--allow-host`), e.g. a name in the hosts file. */
  allowHosts?: string[];
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // ag-grid and the component library set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy());
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });
}

/** Web mode: the renderer and the API on 127.0.0.1 (DESIGN.md), for browsers, tests and later the hub. */
export async function startServer(core: Core, opts: ServerOptions = {}): Promise<WebServer> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  const host = opts.host ?? '127.0.0.1';
  // Filled once the port is known; no request arrives before.
  let hosts: ReadonlySet<string> = new Set();
  /** Same origin, and that origin one of our own names: a page from another site must not drive a clerk's session. */
  const allowedOrigin = (req: FastifyRequest) => originAllowed(req.headers.origin, req.headers.host, hosts);
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket);
  const secureCookie = false; // plain http on loopback; the hub will run behind TLS

  const tokenOf = (req: FastifyRequest) => req.cookies[SESSION_COOKIE] ?? null;
  const setToken = (reply: FastifyReply, token: string | null) => {
    if (token) reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie });
    else reply.clearCookie(SESSION_COOKIE, { path: '/' });
  };

  // DNS rebinding: a foreign name pointed at 127.0.0.1 reaches nothing here, not even the pages.
  refuseForeignHosts(app, () => hosts);

  addSecurityHeaders(app);

  // Malformed JSON, an oversize body, a wrong content type: the same translated refusal as any bad input.
  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) core.config.log('web request failed', err);
    const key = status === 413 ? 'errors.too_big_body' : status === 415 ? 'errors.wrong_type' : status < 500 ? 'errors.bad_request' : 'errors.internal';
    return reply.code(status).send({ ok: false, error: { code: status < 500 ? 'validation' : 'internal', key } });
  });

  app.post<{ Params: { name: string } }>('/api/call/:name', async (req, reply) => {
    if (!allowedOrigin(req)) return reply.code(403).send({ ok: false, error: { code: 'forbidden', key: 'errors.bad_origin' } });
    const out = await core.dispatch({ name: req.params.name, input: req.body ?? {}, sessionToken: tokenOf(req), source: req.ip });
    if (out.sessionToken !== undefined) setToken(reply, out.sessionToken);
    return reply.header('Cache-Control', 'no-store').send(out.result);
  });

  // For monitors and the start test: the process answers and its database reads. Says nothing about the data.
  app.get('/api/health', async (_req, reply) => {
    core.sqlite.prepare('select 1').get();
    return reply.header('Cache-Control', 'no-store').send({ ok: true });
  });

  // Reports and exports made by this user, downloaded once the procedure has answered with their id.
  app.get<{ Params: { fileId: string } }>('/api/files/:fileId', async (req, reply) => {
    const token = tokenOf(req);
    const user = token ? await core.sessions.resolve(token) : null;
    if (!user) return reply.code(401).send({ ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } });
    const file = ownReportFile(core.config.dataDir, req.params.fileId, user);
    if (!file) return reply.code(404).send({ ok: false, error: { code: 'not_found', key: 'errors.not_found' } });
    return reply
      .header('Content-Type', file.mime)
      .header('Content-Length', file.size)
      .header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Cache-Control', 'no-store')
      .send(fs.createReadStream(file.path));
  });

  // Timeline files: served only to users of the organization (and branch) whose intervention holds the file.
  app.get<{ Params: { sha: string } }>('/api/attachments/:sha', async (req, reply) => {
    const token = tokenOf(req);
    const user = token ? await core.sessions.resolve(token) : null;
    if (!user) return reply.code(401).send({ ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } });
    const file = await readableAttachment(core.db, core.config.attachmentsDir, req.params.sha, user);
    if (!file) return reply.code(404).send({ ok: false, error: { code: 'not_found', key: 'errors.not_found' } });
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('Cache-Control', 'no-store')
      .send(fs.createReadStream(file.path));
  });

  app.get('/api/events', { websocket: true }, async (socket, req) => {
    const token = tokenOf(req);
    const user = allowedOrigin(req) && token ? await core.sessions.resolve(token) : null;
    if (!user) {
      socket.close(4401, 'unauthenticated');
      return;
    }
    // Each push first asks whether the socket's session is still open (logout, a password change, another login in
    // this browser, expiry all end it); in order, so a later event never overtakes an earlier one.
    let pushing = Promise.resolve();
    const off = core.bus.on((e) => {
      if (!mayReceive(user, e)) return;
      pushing = pushing.then(async () => {
        if (socket.readyState !== socket.OPEN) return;
        if (await core.sessions.isOpen(token!)) socket.send(JSON.stringify({ name: e.name, payload: e.payload }));
        else socket.close(4401, 'session ended');
      });
    });
    socket.on('close', off);
  });

  if (opts.rendererDir && fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.rendererDir), index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send({ ok: false, error: { code: 'not_found', key: 'errors.not_found' } });
    });
  }

  const address = await app.listen({ host, port: opts.port ?? 0 });
  hosts = allowedHosts(host, (app.server.address() as { port: number }).port, opts.allowHosts);
  return {
    url: address.replace('[::1]', 'localhost'),
    close: () => app.close(),
  };
}
