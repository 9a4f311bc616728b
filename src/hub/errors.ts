import type { HubError, HubErrorCode } from '../shared/sync/protocol';

const STATUS: Record<HubErrorCode, number> = {
  'hub.bad_request': 400,
  'hub.protocol': 400,
  'hub.code_invalid': 400,
  'hub.unauthorized': 401,
  'hub.device_revoked': 403,
  'hub.wrong_branch': 403,
  'hub.other_org': 409,
  'hub.too_new': 409,
  'hub.clock_drift': 409,
  'hub.update_app': 426,
  'hub.rate_limited': 429,
  'hub.https_required': 403,
  'hub.challenge_failed': 403,
  'hub.blocked': 403,
};

/** A refusal the routes throw; the error handler answers it as `{ code, key, params }` with its status. */
export class HubRefusal extends Error {
  readonly status: number;
  readonly body: HubError;
  constructor(code: HubErrorCode, params?: Record<string, string | number>, status?: number) {
    super(code);
    this.status = status ?? STATUS[code];
    this.body = { code, key: `errors.hub_${code.slice('hub.'.length)}`, ...(params ? { params } : {}) };
  }
}
