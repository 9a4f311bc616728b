import { classifyStatus, sendRequest, type SmsGateway } from './gateway';

/**
 * Twilio's Programmable Messaging REST API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` (or `MessagingServiceSid`), `Body`, HTTP basic auth AccountSid:AuthToken; 201 answers
 * the message's `sid`. The base URL is configurable so a test (or a regional edge) can stand in for api.twilio.com.
 */
export interface TwilioAccount {
  baseUrl: string;
  accountSid: string;
  authToken: string;
}

/** A Messaging Service's SID (MG + 32 hex) sends from the service's pool of numbers instead of one number. */
const MESSAGING_SERVICE = /^MG[0-9a-fA-F]{32}$/;

export function twilioGateway(account: TwilioAccount): SmsGateway {
  const url = `${account.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
  return {
    async send({ to, text, from }) {
      const form = new URLSearchParams({ To: to, [MESSAGING_SERVICE.test(from) ? 'MessagingServiceSid' : 'From']: from, Body: text });
      const res = await sendRequest({
        method: 'POST',
        url,
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      });
      const failure = classifyStatus(res.status, twilioReason(res.body));
      if (failure) throw failure;
      return { providerRef: jsonField(res.body, 'sid') };
    },
  };
}

/** Twilio's error body is JSON {code, message, more_info, status}: its code and words say more than the raw JSON. */
function twilioReason(body: string): string {
  const code = jsonField(body, 'code');
  const message = jsonField(body, 'message');
  return message ? `${code ? `${code} ` : ''}${message}` : body;
}

function jsonField(body: string, field: string): string | null {
  try {
    const v = (JSON.parse(body) as Record<string, unknown>)[field];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  } catch {
    return null;
  }
}
