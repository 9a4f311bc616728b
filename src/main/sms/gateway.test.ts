import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../mail/testing/smtpPeer';
import { classifyStatus, SmsSendError } from './gateway';
import { buildRequest, httpGateway, type HttpGatewayAccount } from './httpGateway';
import { twilioGateway } from './twilio';
import { startGatewayPeer, type GatewayPeer } from './testing/gatewayPeer';

const peers: GatewayPeer[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
});
async function peer(): Promise<GatewayPeer> {
  const p = await startGatewayPeer();
  peers.push(p);
  return p;
}

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TEXT = 'Vilnius: jūsų vizitas užregistruotas "antradienis" 11:30 & daugiau\nantra eilutė';

async function failureOf(p: Promise<unknown>): Promise<SmsSendError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SmsSendError);
  return e as SmsSendError;
}

describe('Twilio adapter', () => {
  it('posts the message form-encoded to the account’s Messages resource with basic auth, and answers the sid', async () => {
    const gw = await peer();
    const out = await twilioGateway({ baseUrl: `${gw.url}/`, accountSid: SID, authToken: 'tok-ā' }).send({ to: '+37060000001', text: TEXT, from: 'Klinika' });
    expect(out).toEqual({ providerRef: `SM${'1'.padStart(32, '0')}` });
    const [req] = gw.received;
    expect(req).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${SID}/Messages.json` });
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:tok-ā`).toString('base64')}`);
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req!.body))).toEqual({ To: '+37060000001', From: 'Klinika', Body: TEXT });
  });

  it('sends from a Messaging Service when the sender is its SID', async () => {
    const gw = await peer();
    const service = `MG${'a'.repeat(32)}`;
    await twilioGateway({ baseUrl: gw.url, accountSid: SID, authToken: 't' }).send({ to: '+37060000001', text: 'x', from: service });
    expect(Object.fromEntries(new URLSearchParams(gw.received[0]!.body))).toEqual({ To: '+37060000001', MessagingServiceSid: service, Body: 'x' });
  });

  it('a 400 is permanent and names Twilio’s code and words; a 503 and a 401 are retried', async () => {
    const gw = await peer();
    const twilio = twilioGateway({ baseUrl: gw.url, accountSid: SID, authToken: 't' });
    gw.answers.push({ status: 400, body: JSON.stringify({ code: 21211, message: "The 'To' number +3706 is not a valid phone number.", status: 400 }) });
    const bad = await failureOf(twilio.send({ to: '+3706', text: 'x', from: 'Klinika' }));
    expect(bad).toMatchObject({ retryable: false, accountLevel: false });
    expect(bad.message).toBe("HTTP 400 21211 The 'To' number +3706 is not a valid phone number.");
    gw.answers.push({ status: 503, body: 'Service Unavailable' }, { status: 401, body: '{"code": 20003, "message": "Authenticate"}' });
    expect(await failureOf(twilio.send({ to: '+37060000001', text: 'x', from: 'Klinika' }))).toMatchObject({ retryable: true, accountLevel: true, message: 'HTTP 503 Service Unavailable' });
    expect(await failureOf(twilio.send({ to: '+37060000001', text: 'x', from: 'Klinika' }))).toMatchObject({ retryable: true, accountLevel: true, message: 'HTTP 401 20003 Authenticate' });
  });

  it('a gateway that is not there is retried, in words', async () => {
    const port = await freePort();
    const e = await failureOf(twilioGateway({ baseUrl: `http://127.0.0.1:${port}`, accountSid: SID, authToken: 't' }).send({ to: '+37060000001', text: 'x', from: 'K' }));
    expect(e).toMatchObject({ retryable: true, accountLevel: true });
    expect(e.message).toMatch(/^cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });
});

const generic = (url: string, over: Partial<HttpGatewayAccount> = {}): HttpGatewayAccount => ({
  method: 'POST',
  url: `${url}/api/send?key={secret}`,
  headers: [{ name: 'Authorization', value: 'Bearer {secret}' }],
  format: 'json',
  bodyTemplate: '{"phone": "{to}", "sender": "{from}", "message": "{text}"}',
  secret: 'k3y/+ x',
  ...over,
});

describe('generic HTTP adapter', () => {
  it('fills a JSON template: quotes and line breaks in the text stay inside their string', async () => {
    const gw = await peer();
    gw.answers.push({ status: 200, body: '{"messageId": 778}' });
    expect(await httpGateway(generic(gw.url)).send({ to: '+37060000001', text: TEXT, from: 'Klinika' })).toEqual({ providerRef: '778' });
    const [req] = gw.received;
    expect(req).toMatchObject({ method: 'POST', path: '/api/send?key=k3y%2F%2B%20x' });
    expect(req!.headers.authorization).toBe('Bearer k3y/+ x');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({ phone: '+37060000001', sender: 'Klinika', message: TEXT });
  });

  it('fills a form template and a GET URL, each value escaped for where it lands', async () => {
    const gw = await peer();
    gw.answers.push({ status: 202, body: 'OK' }, { status: 200, body: 'OK' });
    const form = generic(gw.url, { method: 'PUT', format: 'form', bodyTemplate: 'to={to}&text={text}&from={from}', headers: [] });
    expect(await httpGateway(form).send({ to: '+37060000001', text: 'a&b=c', from: 'Klinika' })).toEqual({ providerRef: null });
    expect(gw.received[0]).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(Object.fromEntries(new URLSearchParams(gw.received[0]!.body))).toEqual({ to: '+37060000001', text: 'a&b=c', from: 'Klinika' });

    const get = generic(gw.url, { method: 'GET', url: `${gw.url}/send?to={to}&msg={text}`, headers: [] });
    await httpGateway(get).send({ to: '+37060000001', text: 'a&b=c ā', from: 'K' });
    expect(gw.received[1]).toMatchObject({ method: 'GET', body: '' });
    expect(Object.fromEntries(new URL(gw.received[1]!.path, gw.url).searchParams)).toEqual({ to: '+37060000001', msg: 'a&b=c ā' });
  });

  it('a header value keeps one line of sendable bytes whatever the text holds', () => {
    const req = buildRequest(generic('http://127.0.0.1:1', { headers: [{ name: 'X-Text', value: '{text}' }] }), { to: '+1', text: 'ā\r\nInjected: yes', from: 'K' });
    expect(req.headers['x-text']).toBe('%C4%81 Injected: yes');
  });

  it('classes answers: 2xx delivered, 429 and 5xx retried, other 4xx refused for good', () => {
    expect(classifyStatus(204, '')).toBeNull();
    expect(classifyStatus(429, 'slow down')).toMatchObject({ retryable: true, accountLevel: true });
    expect(classifyStatus(500, '')).toMatchObject({ retryable: true, message: 'HTTP 500' });
    expect(classifyStatus(422, '{"error":"bad number"}')).toMatchObject({ retryable: false, accountLevel: false });
    expect(classifyStatus(404, '')).toMatchObject({ retryable: false });
  });
});
