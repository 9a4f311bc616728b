import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { cellsRequest, type cellsResponse } from '../../shared/sync/protocol';
import { authenticated, checkVersions, deviceOf, parse, type HubContext } from '../context';
import { currentCells } from '../store/cells';

/**
 * `POST /hub/v1/cells`: the hub's current cells a device may see, page by page, for the device's check against the
 * hub (`planora sync check`). Reads only; the same key, version and branch rules as a sync.
 */
export function cellsRoute(app: FastifyInstance, ctx: HubContext): void {
  app.post('/hub/v1/cells', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(cellsRequest, request.body);
    checkVersions(ctx, body.protocol, body.schemaVersion);
    const answer: z.infer<typeof cellsResponse> = await currentCells(ctx.db, device, body.after, body.limit);
    return answer;
  });
}
