import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../shared/api/auth';

export const SESSION_COOKIE = 'planora_sid';

declare module 'fastify' {
  interface FastifyRequest {
    /** The user of the request's session cookie, set by the `findUser`/`requireUser` hooks of the routes that need it. */
    user: SessionUser | null;
  }
}

export interface SessionHooks {
  /** Resolves the cookie's session into `req.user` (null without one): for a route that answers its own way, the event socket. */
  findUser(req: FastifyRequest): Promise<void>;
  /** The same, and a 401 before the handler runs when there is no open session. */
  requireUser(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
}

export const sessionToken = (req: FastifyRequest): string | null => req.cookies[SESSION_COOKIE] ?? null;

/** Plain http on loopback: no `Secure` yet (the hub will run behind TLS). */
export function setSessionCookie(reply: FastifyReply, token: string | null): void {
  if (token) reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: false });
  else reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The one way web mode turns a cookie into a user; the cookie plugin must be registered first. */
export function sessionHooks(app: FastifyInstance, sessions: { resolve(token: string): Promise<SessionUser | null> }): SessionHooks {
  app.decorateRequest('user', null);
  const findUser = async (req: FastifyRequest) => {
    const token = sessionToken(req);
    req.user = token ? await sessions.resolve(token) : null;
  };
  return {
    findUser,
    async requireUser(req, reply) {
      await findUser(req);
      if (!req.user) return reply.code(401).send({ ok: false, error: { code: 'unauthenticated', key: 'errors.session_expired' } });
      return undefined;
    },
  };
}
