import type { FastifyInstance } from 'fastify';
import { registerRequest, type registerResponse } from '../../shared/sync/protocol';
import type { z } from 'zod';
import { checkVersions, parse, type HubContext } from '../context';
import { HubRefusal } from '../errors';
import { redeemCode } from '../store/devices';

/** `POST /hub/v1/register`: a one-time code for a device id and key. Rate-limited per client address first of all. */
export function registerRoute(app: FastifyInstance, ctx: HubContext): void {
  app.post('/hub/v1/register', async (request, reply) => {
    const limited = ctx.registerLimiter.take(request.ip, ctx.now());
    if (!limited.ok) {
      reply.header('retry-after', String(limited.retryAfterS));
      throw new HubRefusal('hub.rate_limited', { seconds: limited.retryAfterS });
    }
    const body = parse(registerRequest, request.body);
    checkVersions(ctx, body.protocol, body.schemaVersion);
    const result = await redeemCode(ctx.db, body, ctx.now());
    if (!result.ok) throw new HubRefusal(result.code);
    request.log.info({ deviceId: result.deviceId, orgId: result.orgId, branches: result.branchIds.length }, 'device registered');
    const answer: z.infer<typeof registerResponse> = { deviceId: result.deviceId, deviceKey: result.deviceKey, orgId: result.orgId, branchIds: result.branchIds };
    return answer;
  });
}
