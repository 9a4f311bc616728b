import { sql } from 'kysely';
import type { Input } from '../../../shared/api';
import type { TestApp } from '../../testing/harness';
import type { GatewayPeer } from './gatewayPeer';

/** Helpers of the SMS tests: settings pointing at the local gateway, and the outbox's text messages. Tests only. */

export const TWILIO_SID = `AC${'5'.repeat(32)}`;
export const TWILIO_TOKEN = 'twilio-slepens-žetons';
export const HTTP_SECRET = 'gw-key-1234';

type SettingsInput = Input<'sms.setSettings'>;

const blankTwilio = { baseUrl: '', accountSid: '' };
const blankHttp = { method: 'POST' as const, url: 'https://sms.example.lt/send', headers: [], format: 'json' as const, bodyTemplate: '{"to": "{to}", "text": "{text}"}' };

export function twilioSettings(gw: GatewayPeer, over: Partial<SettingsInput> = {}): SettingsInput {
  return { enabled: true, provider: 'twilio', sender: 'Klinika', twilio: { baseUrl: gw.url, accountSid: TWILIO_SID, authToken: TWILIO_TOKEN }, http: blankHttp, ...over };
}

export function httpSettings(gw: GatewayPeer, over: Partial<SettingsInput> = {}): SettingsInput {
  return {
    enabled: true,
    provider: 'http',
    sender: 'Klinika',
    twilio: blankTwilio,
    http: {
      method: 'POST',
      url: `${gw.url}/sms/send`,
      headers: [{ name: 'X-Api-Key', value: '{secret}' }],
      format: 'json',
      bodyTemplate: '{"recipient": "{to}", "sender": "{from}", "message": "{text}"}',
      secret: HTTP_SECRET,
    },
    ...over,
  };
}

export function smsRows(app: TestApp) {
  return app.core.db.selectFrom('outbox').selectAll().where('channel', '=', 'sms').orderBy(sql`rowid`).execute();
}
