import type { z } from 'zod';
import {
  cellsRequest,
  cellsResponse,
  HUB_ERRORS,
  HUB_PROTOCOL,
  hubError,
  registerRequest,
  registerResponse,
  syncRequest,
  syncResponse,
  waitRequest,
  waitResponse,
  type HubErrorCode,
} from '../../../shared/sync/protocol';
import { intakeRequest, intakeResponse } from '../../../shared/sync/intake';
import { chatActionPullRequest, chatActionPullResponse } from '../../../shared/chat/actions';
import { fieldPhotoRequest, fieldPhotoResponse, fieldPullRequest, fieldPullResponse, linkRequest, linkResponse, linkRevokeRequest, linkRevokeResponse } from '../../../shared/sync/field';
import { portalLinkRequest, portalLinkResponse, portalRevokeRequest, portalRevokeResponse } from '../../../shared/sync/portal';

/**
 * Why a call to the hub did not succeed, as the desktop tells it. `offline`: no answer (no network, the hub down, a
 * timeout, a proxy's 5xx) — try again later with backoff. `refused`: the hub answered with one of its `hub.*` codes —
 * retrying the same request changes nothing until a person acts (update the app, set the clock, a new code).
 */
export class HubProblem extends Error {
  constructor(
    readonly kind: 'offline' | 'refused',
    readonly key: string,
    readonly code: HubErrorCode | null = null,
    readonly params?: Record<string, string | number>,
  ) {
    super(`${kind}: ${code ?? key}`);
    this.name = 'HubProblem';
  }
  get problem(): { key: string; params?: Record<string, string | number> } {
    return this.params ? { key: this.key, params: this.params } : { key: this.key };
  }
}

function staleConnection(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } }).cause;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET';
}

/** Refusals the hub gives while it is overloaded or the request was malformed in passing: worth a later retry. */
const TRANSIENT: readonly HubErrorCode[] = ['hub.rate_limited'];

export const hubErrorKey = (code: HubErrorCode) => `errors.hub_${code.slice('hub.'.length)}`;

export interface HubClientOptions {
  /** Per request; a long poll adds its own wait to it. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface HubClient {
  register(input: Omit<z.input<typeof registerRequest>, 'protocol'>): Promise<z.infer<typeof registerResponse>>;
  sync(deviceKey: string, input: Omit<z.input<typeof syncRequest>, 'protocol'>): Promise<z.infer<typeof syncResponse>>;
  wait(deviceKey: string, input: z.input<typeof waitRequest>, signal?: AbortSignal): Promise<z.infer<typeof waitResponse>>;
  intake(deviceKey: string, input: Omit<z.input<typeof intakeRequest>, 'protocol'>): Promise<z.infer<typeof intakeResponse>>;
  cells(deviceKey: string, input: Omit<z.input<typeof cellsRequest>, 'protocol'>): Promise<z.infer<typeof cellsResponse>>;
  /** A signed link to a task's phone page for its employee. */
  mintLink(deviceKey: string, input: z.input<typeof linkRequest>): Promise<z.infer<typeof linkResponse>>;
  revokeLink(deviceKey: string, input: z.input<typeof linkRevokeRequest>): Promise<z.infer<typeof linkRevokeResponse>>;
  /** What employees did on their phone pages after `cursor`, for this device's branches. */
  fieldActions(deviceKey: string, input: z.input<typeof fieldPullRequest>): Promise<z.infer<typeof fieldPullResponse>>;
  /** A photo action's image; null when the hub no longer holds it (the action is then refused, not lost). */
  fieldPhoto(deviceKey: string, input: z.input<typeof fieldPhotoRequest>): Promise<z.infer<typeof fieldPhotoResponse> | null>;
  /** What the website chat asks of this desktop (a linked task) after `cursor`, for this device's branches. */
  chatActions(deviceKey: string, input: z.input<typeof chatActionPullRequest>): Promise<z.infer<typeof chatActionPullResponse>>;
  /** A signed link to a client's portal. */
  mintPortalLink(deviceKey: string, input: z.input<typeof portalLinkRequest>): Promise<z.infer<typeof portalLinkResponse>>;
  revokePortalLink(deviceKey: string, input: z.input<typeof portalRevokeRequest>): Promise<z.infer<typeof portalRevokeResponse>>;
}

/** The hub's address without a trailing slash; a path prefix (a reverse proxy's) is kept. */
export function hubBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The desktop's HTTP client of the hub: JSON over Node's fetch, every body checked against the protocol's schemas on
 * the way out and on the way back, so a hub of another version is a clear problem rather than a half-applied batch.
 */
export function createHubClient(url: string, opts: HubClientOptions = {}): HubClient {
  const base = hubBase(url);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const doFetch = opts.fetch ?? fetch;

  async function post<O extends z.ZodType>(path: string, body: unknown, out: O, deviceKey: string | null, extraMs = 0, signal?: AbortSignal): Promise<z.infer<O>> {
    const send = () => {
      const timeout = AbortSignal.timeout(timeoutMs + extraMs);
      return doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(deviceKey ? { authorization: `Bearer ${deviceKey}` } : {}) },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
    };
    let res: Response;
    try {
      try {
        res = await send();
      } catch (e) {
        // A kept-alive connection the hub closed meanwhile (it restarted, a proxy timed it out) fails before the
        // request left: once more on a fresh one. Only for requests that may be repeated (a batch has its id).
        if (!deviceKey || !staleConnection(e)) throw e;
        res = await send();
      }
    } catch {
      throw new HubProblem('offline', 'errors.hub_offline');
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      // A proxy's error page, or the connection cut mid-answer.
      throw new HubProblem('offline', res.status >= 500 || res.status === 0 ? 'errors.hub_offline' : 'errors.hub_bad_answer');
    }
    if (!res.ok) {
      const refusal = hubError.safeParse(json);
      if (refusal.success) {
        const code = refusal.data.code;
        throw new HubProblem(TRANSIENT.includes(code) ? 'offline' : 'refused', hubErrorKey(code), code, refusal.data.params);
      }
      if (res.status >= 500 || res.status === 429) throw new HubProblem('offline', 'errors.hub_offline');
      throw new HubProblem('refused', 'errors.hub_bad_answer');
    }
    const parsed = out.safeParse(json);
    if (!parsed.success) throw new HubProblem('refused', 'errors.hub_bad_answer');
    return parsed.data;
  }

  return {
    register: (input) => post('/hub/v1/register', registerRequest.parse({ protocol: HUB_PROTOCOL, ...input }), registerResponse, null),
    sync: (deviceKey, input) => post('/hub/v1/sync', syncRequest.parse({ protocol: HUB_PROTOCOL, ...input }), syncResponse, deviceKey),
    wait: (deviceKey, input, signal) => post('/hub/v1/wait', waitRequest.parse(input), waitResponse, deviceKey, input.timeoutMs, signal),
    intake: (deviceKey, input) => post('/hub/v1/intake', intakeRequest.parse({ protocol: HUB_PROTOCOL, ...input }), intakeResponse, deviceKey),
    cells: (deviceKey, input) => post('/hub/v1/cells', cellsRequest.parse({ protocol: HUB_PROTOCOL, ...input }), cellsResponse, deviceKey),
    mintLink: (deviceKey, input) => post('/hub/v1/links', linkRequest.parse(input), linkResponse, deviceKey),
    revokeLink: (deviceKey, input) => post('/hub/v1/links/revoke', linkRevokeRequest.parse(input), linkRevokeResponse, deviceKey),
    fieldActions: (deviceKey, input) => post('/hub/v1/field/actions', fieldPullRequest.parse(input), fieldPullResponse, deviceKey),
    fieldPhoto: async (deviceKey, input) => (await post('/hub/v1/field/photo', fieldPhotoRequest.parse(input), fieldPhotoResponse.nullable(), deviceKey, 60_000)),
    chatActions: (deviceKey, input) => post('/hub/v1/chat/actions', chatActionPullRequest.parse(input), chatActionPullResponse, deviceKey),
    mintPortalLink: (deviceKey, input) => post('/hub/v1/portal/links', portalLinkRequest.parse(input), portalLinkResponse, deviceKey),
    revokePortalLink: (deviceKey, input) => post('/hub/v1/portal/links/revoke', portalRevokeRequest.parse(input), portalRevokeResponse, deviceKey),
  };
}

/** Every refusal code the hub may give, for the catalogs' test. */
export const HUB_PROBLEM_KEYS = [...HUB_ERRORS.map(hubErrorKey), 'errors.hub_offline', 'errors.hub_bad_answer'] as const;
