import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { waitRequest, type waitResponse } from '../../shared/sync/protocol';
import { authenticated, deviceOf, parse, type HubContext } from '../context';
import type { HubDevice } from '../db/schema';
import { hasCellsAfter } from '../store/cells';

/**
 * Waits until this device has cells to pull after `cursor`, the timeout passes, the client goes away or the hub
 * stops. It listens before it looks, so a push landing between the two is never missed.
 */
async function cellsArrive(ctx: HubContext, device: HubDevice, cursor: number, timeoutMs: number, gone: AbortSignal): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const off = ctx.signal.subscribe(device.org_id, wake);
    const onGone = () => wake();
    gone.addEventListener('abort', onGone);
    let timer: NodeJS.Timeout | undefined;
    try {
      if (await hasCellsAfter(ctx.db, device, cursor)) return true;
      const left = until - Date.now();
      if (left <= 0 || gone.aborted || ctx.signal.closed) return false;
      timer = setTimeout(wake, left);
      await woken;
      if (gone.aborted || ctx.signal.closed) return false;
    } finally {
      off();
      gone.removeEventListener('abort', onGone);
      clearTimeout(timer);
    }
  }
}

/** `POST /hub/v1/wait`: the long poll a device keeps open while online, so a change elsewhere reaches it at once. */
export function waitRoute(app: FastifyInstance, ctx: HubContext): void {
  app.post('/hub/v1/wait', authenticated(ctx), async (request, reply) => {
    const device = deviceOf(request);
    const body = parse(waitRequest, request.body);
    const gone = new AbortController();
    // The response closes early only when the client went away: stop waiting for it.
    reply.raw.once('close', () => gone.abort());
    const changed = await cellsArrive(ctx, device, body.cursor, body.timeoutMs, gone.signal);
    const answer: z.infer<typeof waitResponse> = { changed, cursor: body.cursor };
    return answer;
  });
}
