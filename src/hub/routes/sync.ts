import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { driftTooLarge, parseHlc } from '../../shared/sync/hlc';
import { syncRequest, type syncResponse } from '../../shared/sync/protocol';
import { authenticated, deviceOf, checkVersions, parse, type HubContext } from '../context';
import { HubRefusal } from '../errors';
import { pullCells, servesBranch, storeBatch } from '../store/cells';
import { clearReset } from '../store/repair';

/** A device's "last seen" is written at most this often: an idle round trip stays a read, a push writes only cells. */
const SEEN_EVERY_MS = 60_000;

/**
 * `POST /hub/v1/sync`: push, then pull. Every refusal comes before the first write — key, body, protocol, schema,
 * clock, branches — and the cells and the batch id are stored in one transaction, so an interrupted request leaves
 * nothing half-stored and its replay is acknowledged without a second write.
 */
export function syncRoute(app: FastifyInstance, ctx: HubContext): void {
  app.post('/hub/v1/sync', authenticated(ctx), async (request) => {
    const device = deviceOf(request);
    const body = parse(syncRequest, request.body);
    checkVersions(ctx, body.protocol, body.schemaVersion);
    // The pattern admits a 30 February or a 99th minute; parseHlc refuses what does not read back to itself.
    const stamps = body.cells.map((c, i) => {
      try {
        return parseHlc(c.hlc);
      } catch {
        throw new HubRefusal('hub.bad_request', { field: `cells.${i}.hlc` });
      }
    });
    const hubNow = ctx.now();
    if (driftTooLarge(body.deviceNow, hubNow, ctx.maxDriftMs)) {
      throw new HubRefusal('hub.clock_drift', { minutes: Math.round(Math.abs(body.deviceNow - hubNow) / 60_000) });
    }
    // A stamp from beyond the allowed drift would drag every replica's clock after it (HLC receive refuses it).
    const future = stamps.find((h) => h.millis - hubNow > ctx.maxDriftMs);
    if (future) throw new HubRefusal('hub.clock_drift', { minutes: Math.round((future.millis - hubNow) / 60_000) });
    const foreign = body.cells.find((c) => !servesBranch(device, c.branchId));
    if (foreign) throw new HubRefusal('hub.wrong_branch', { branchId: foreign.branchId ?? '' });

    // The push commits on its own (the organization's push lock held only while storing); the pull follows, so a
    // pull failing after a stored push costs a replay of the batch id, which stores nothing.
    let accepted = 0;
    const seenLongAgo = device.last_seen_at === null || hubNow - device.last_seen_at >= SEEN_EVERY_MS || device.schema_version !== body.schemaVersion;
    if (body.cells.length || seenLongAgo) {
      accepted = await ctx.db.transaction().execute(async (trx) => {
        // Before the push lock, which is held from its first statement to the commit.
        if (seenLongAgo) await trx.updateTable('hub_device').set({ last_seen_at: hubNow, schema_version: body.schemaVersion }).where('id', '=', device.id).execute();
        const stored = body.cells.length ? await storeBatch(trx, ctx.engine, device, body.batchId, body.cells, hubNow) : 0;
        if (stored > 0) await ctx.signal.inTransaction(trx, device.org_id);
        return stored;
      });
      if (accepted > 0) ctx.signal.afterCommit(device.org_id);
    }
    let resetAsked = device.reset_requested_at;
    if (body.resetDone !== undefined && resetAsked !== null && (await clearReset(ctx.db, device.id, body.resetDone))) resetAsked = null;
    const result = { accepted, ...(await pullCells(ctx.db, device, body.cursor, body.pullLimit)) };
    request.log.info({ deviceId: device.id, pushed: body.cells.length, accepted: result.accepted, pulled: result.cells.length, more: result.more }, 'sync');
    // Told after its push was stored: the device rebuilds from what the hub holds, its own changes included.
    const answer: z.infer<typeof syncResponse> = { hubNow, ...result, ...(resetAsked !== null ? { reset: resetAsked } : {}) };
    return answer;
  });
}
