/**
 * An SMS gateway: one message out, the provider's reference back. What went wrong is classed once, here, for the
 * outbox: a retryable failure waits and is tried again; a permanent one (the gateway refused this message) is not.
 */

export interface SmsMessage {
  /** E.164. */
  to: string;
  text: string;
  /** A number in E.164 or an alphanumeric sender name. */
  from: string;
}

export interface SmsGateway {
  send(message: SmsMessage): Promise<{ providerRef: string | null }>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    /** Worth trying again later (the gateway is down, busy, or the account must be fixed by an admin). */
    readonly retryable: boolean,
    /** About the account or the connection, not this message: the rest of the batch would fail the same way. */
    readonly accountLevel: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/** How long one request may take before it counts as the gateway being down. */
export const SEND_TIMEOUT_MS = 20_000;

/**
 * An HTTP answer classed: 2xx delivered; 408, 425, 429 and 5xx are the gateway's trouble (retry); 401 and 403 are
 * the account's (retry once an admin fixes it, and stop the batch); any other 4xx refuses this message for good.
 */
export function classifyStatus(status: number, body: string): SmsSendError | null {
  if (status >= 200 && status < 300) return null;
  const said = `HTTP ${status}${body.trim() ? ` ${body.trim().replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
  if (status === 401 || status === 403) return new SmsSendError(said, true, true);
  if (status === 408 || status === 425 || status === 429 || status >= 500) return new SmsSendError(said, true, true);
  return new SmsSendError(said, false, false);
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One request with Node's fetch; a connection that fails or times out is retryable, never a stack trace. */
export async function sendRequest(req: HttpRequest): Promise<{ status: number; body: string }> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      // A redirect would carry the credentials somewhere the admin never named.
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
    throw new SmsSendError(`cannot reach ${new URL(req.url).host}: ${why}`, true, true);
  }
  const body = await res.text().catch(() => '');
  return { status: res.status, body };
}
