import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import * as contentDisposition from 'content-disposition';
import type { Core } from './core';
import { databaseAnswers } from './db/health';
import { ownReportFile } from './reports/files';
import { readableAttachment } from './modules/interventions/attachmentAccess';
import { followSession } from './api/events';
import { allowedHosts, originAllowed, refuseForeignHosts } from './web/hosts';
import { addSecurityHeaders, framedBySelf } from './web/security';
import { sessionHooks, sessionToken, setSessionCookie } from './web/session';

export { SESSION_COOKIE } from './web/session';
/** Web mode's policy, the renderer's one (helmet sends it, see web/security.ts). */
export { contentSecurityPolicy } from './csp';

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

const notFound = { ok: false, error: { code: 'not_found', key: 'errors.not_found' } } as const;

/** A file offered for download under its own name, any script (RFC 6266, with an ASCII fallback for old clients). */
function download(reply: FastifyReply, file: { path: string; name: string; mime: string; size?: number }, inline = false): FastifyReply {
  if (file.size !== undefined) reply.header('Content-Length', file.size);
  return reply
    .header('Content-Type', file.mime)
    .header('Content-Disposition', contentDisposition.create(file.name, { type: inline ? 'inline' : 'attachment' }))
    .header('Cache-Control', 'no-store')
    .send(fs.createReadStream(file.path));
}

/** Web mode: the renderer and the API on 127.0.0.1, for browsers, tests and later the hub. */
export async function startServer(core: Core, opts: ServerOptions = {}): Promise<WebServer> {
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  const host = opts.host ?? '127.0.0.1';
  // Filled once the port is known; no request arrives before.
  let hosts: ReadonlySet<string> = new Set();
  /** Same origin, and that origin one of our own names: a page from another site must not drive a clerk's session. */
  const allowedOrigin = (req: FastifyRequest) => originAllowed(req.headers.origin, req.headers.host, hosts);
  /** The CSRF rule of every call, checked before the body is even parsed. */
  const sameOrigin = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!allowedOrigin(req)) return reply.code(403).send({ ok: false, error: { code: 'forbidden', key: 'errors.bad_origin' } });
    return undefined;
  };
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket);
  const session = sessionHooks(app, core.sessions);

  // Headers first, so that every answer carries them, the refusals below too.
  await addSecurityHeaders(app);

  // DNS rebinding: a foreign name pointed at 127.0.0.1 reaches nothing here, not even the pages.
  refuseForeignHosts(app, () => hosts);

  // Malformed JSON, an oversize body, a wrong content type: the same translated refusal as any bad input.
  app.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) core.config.log('web request failed', err);
    const key = status === 413 ? 'errors.too_big_body' : status === 415 ? 'errors.wrong_type' : status < 500 ? 'errors.bad_request' : 'errors.internal';
    return reply.code(status).send({ ok: false, error: { code: status < 500 ? 'validation' : 'internal', key } });
  });

  // The dispatcher resolves the session itself: a call may open one (auth.login) or answer without (setup.status).
  app.post<{ Params: { name: string } }>('/api/call/:name', { onRequest: sameOrigin }, async (req, reply) => {
    const out = await core.dispatch({ name: req.params.name, input: req.body ?? {}, sessionToken: sessionToken(req), source: req.ip });
    if (out.sessionToken !== undefined) setSessionCookie(reply, out.sessionToken);
    return reply.header('Cache-Control', 'no-store').send(out.result);
  });

  // For monitors and the start test: the process answers and its database reads. Says nothing about the data.
  app.get('/api/health', async (_req, reply) => {
    databaseAnswers(core.sqlite);
    return reply.header('Cache-Control', 'no-store').send({ ok: true });
  });

  // Reports and exports made by this user, downloaded once the procedure has answered with their id.
  // `?view=preview`: the print preview shows the user's own PDF inside the app's page (web/security.ts framedBySelf).
  app.get<{ Params: { fileId: string }; Querystring: { view?: string } }>('/api/files/:fileId', { preHandler: session.requireUser }, async (req, reply) => {
    const file = ownReportFile(core.config.dataDir, req.params.fileId, req.user!);
    if (!file) return reply.code(404).send(notFound);
    const preview = req.query.view === 'preview' && file.mime === 'application/pdf';
    if (preview) framedBySelf(reply);
    return download(reply, file, preview);
  });

  // Timeline files: served only to users of the organization (and branch) whose intervention holds the file.
  app.get<{ Params: { sha: string } }>('/api/attachments/:sha', { preHandler: session.requireUser }, async (req, reply) => {
    const file = await readableAttachment(core.db, core.config.attachmentsDir, req.params.sha, req.user!);
    return file ? download(reply, { ...file, mime: 'application/octet-stream' }) : reply.code(404).send(notFound);
  });

  // A socket refused after the upgrade (close code 4401), so the page's reconnect logic can tell "log in again"
  // from a network failure; a foreign origin's session is not even looked up (that would slide it).
  const socketUser = async (req: FastifyRequest) => (allowedOrigin(req) ? session.findUser(req) : undefined);
  app.get('/api/events', { websocket: true, preHandler: socketUser }, async (socket, req) => {
    const user = req.user;
    const token = sessionToken(req);
    if (!user || !token) {
      socket.close(4401, 'unauthenticated');
      return;
    }
    const off = followSession(core.bus, core.sessions, { user, token }, {
      open: () => socket.readyState === socket.OPEN,
      send: (e) => socket.send(JSON.stringify({ name: e.name, payload: e.payload })),
      ended: () => socket.close(4401, 'session ended'),
    });
    socket.on('close', off);
  });

  if (opts.rendererDir && fs.existsSync(path.join(opts.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(opts.rendererDir), index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send(notFound);
    });
  }

  const address = await app.listen({ host, port: opts.port ?? 0 });
  hosts = allowedHosts(host, (app.server.address() as { port: number }).port, opts.allowHosts);
  return {
    url: address.replace('[::1]', 'localhost'),
    close: () => app.close(),
  };
}
