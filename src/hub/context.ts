import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HUB_PROTOCOL } from '../shared/sync/protocol';
import type { Engine } from './db/migrations';
import type { HubDb } from './db/open';
import type { HubDevice } from './db/schema';
import { HubRefusal } from './errors';
import type { RateLimiter } from './rateLimit';
import type { CellSignal } from './signal';
import { deviceByKey } from './store/devices';

/** What the routes share: the storage, the clock, the limits. */
export interface HubContext {
  db: HubDb;
  engine: Engine;
  signal: CellSignal;
  now: () => number;
  maxDriftMs: number;
  /** The desktop schema this hub serves (the number of desktop migrations). */
  schemaVersion: number;
  registerLimiter: RateLimiter;
}

/** Validates a body with the protocol's schema; the first problem is named in `params.field`. */
export function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  return refuse(issue && issue.path.length ? { field: issue.path.join('.') } : undefined);
}

function refuse(params?: Record<string, string>): never {
  throw new HubRefusal('hub.bad_request', params);
}

/**
 * The device behind `Authorization: Bearer <key>`, read on every request (no cache), so a revocation refuses the
 * very next request, on every hub process.
 */
async function authenticate(ctx: HubContext, request: FastifyRequest): Promise<HubDevice> {
  const header = request.headers.authorization;
  const key = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  if (key.length < 16 || key.length > 200) throw new HubRefusal('hub.unauthorized');
  const device = await deviceByKey(ctx.db, key);
  if (!device) throw new HubRefusal('hub.unauthorized');
  if (device.revoked_at !== null) throw new HubRefusal('hub.device_revoked');
  return device;
}

/** The protocol and schema handshake, in that order: a newer or older app is told clearly which it is. */
export function checkVersions(ctx: HubContext, protocol: number, schemaVersion: number): void {
  if (protocol !== HUB_PROTOCOL) throw new HubRefusal('hub.protocol', { hub: HUB_PROTOCOL });
  if (schemaVersion < ctx.schemaVersion) throw new HubRefusal('hub.update_app', { hub: ctx.schemaVersion, device: schemaVersion });
  if (schemaVersion > ctx.schemaVersion) throw new HubRefusal('hub.too_new', { hub: ctx.schemaVersion, device: schemaVersion });
}

const devices = new WeakMap<FastifyRequest, HubDevice>();

/**
 * Route options that authenticate before the body is even parsed: a request without a valid key costs one indexed
 * read, never the parsing of a large body, and is refused before anything else is looked at.
 */
export function authenticated(ctx: HubContext) {
  return {
    onRequest: async (request: FastifyRequest) => {
      devices.set(request, await authenticate(ctx, request));
    },
  };
}

/** The device an `authenticated` route's request came from. */
export function deviceOf(request: FastifyRequest): HubDevice {
  const device = devices.get(request);
  if (!device) throw new Error('route is not authenticated');
  return device;
}
