import { classifyStatus, sendRequest, type SmsGateway, type SmsMessage } from './gateway';

/**
 * Any SMS gateway with an HTTP API, described rather than coded: a method, a URL, headers and a body template
 * (JSON or form) with `{to}`, `{text}`, `{from}` and `{secret}` placeholders. Each value is escaped for where it
 * lands (URL, header, JSON string, form field), so a message's text can never change the request's shape.
 * Success is any 2xx.
 */
export interface HttpGatewayAccount {
  method: 'POST' | 'PUT' | 'GET';
  url: string;
  headers: { name: string; value: string }[];
  format: 'json' | 'form';
  bodyTemplate: string;
  secret: string | null;
}

type Values = Record<'to' | 'text' | 'from' | 'secret', string>;
const PLACEHOLDER = /\{(to|text|from|secret)\}/g;

export function fillTemplate(template: string, values: Values, escape: (v: string) => string): string {
  return template.replace(PLACEHOLDER, (_m, name: keyof Values) => escape(values[name]));
}

const inJson = (v: string) => JSON.stringify(v).slice(1, -1);
// Headers carry bytes, not text: a line break would start another header, and a letter beyond Latin-1 cannot be sent.
const inHeader = (v: string) => v.replace(/[\r\n]+/g, ' ').replace(/[^\t\x20-\x7e]/gu, (c) => encodeURIComponent(c));
const CONTENT_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' } as const;

/** The request one message makes: pure, so the settings form can check a template before anything is sent. */
export function buildRequest(account: HttpGatewayAccount, m: SmsMessage): { method: string; url: string; headers: Record<string, string>; body?: string } {
  const values: Values = { to: m.to, text: m.text, from: m.from, secret: account.secret ?? '' };
  const headers: Record<string, string> = {};
  for (const h of account.headers) headers[h.name.toLowerCase()] = fillTemplate(h.value, values, inHeader);
  const url = fillTemplate(account.url, values, encodeURIComponent);
  if (account.method === 'GET') return { method: 'GET', url, headers };
  headers['content-type'] ??= CONTENT_TYPES[account.format];
  const body = fillTemplate(account.bodyTemplate, values, account.format === 'json' ? inJson : encodeURIComponent);
  return { method: account.method, url, headers, body };
}

export function httpGateway(account: HttpGatewayAccount): SmsGateway {
  return {
    async send(m) {
      const res = await sendRequest(buildRequest(account, m));
      const failure = classifyStatus(res.status, res.body);
      if (failure) throw failure;
      return { providerRef: referenceIn(res.body) };
    },
  };
}

/** Gateways answer their message id under one of a few usual names; none is fine too. */
function referenceIn(body: string): string | null {
  try {
    const o = JSON.parse(body) as Record<string, unknown>;
    for (const k of ['id', 'messageId', 'message_id', 'sid', 'ref']) {
      const v = o[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v).slice(0, 200);
    }
  } catch {
    // Not JSON: a plain "OK" carries no reference.
  }
  return null;
}
