import type { Output } from '../../../shared/api';

/** The SMS settings form's values: the contract's shape, with the secrets as typed (blank keeps) and their "forget" boxes. */
export type Settings = Output<'sms.settings'>;
export interface SmsForm {
  enabled: boolean;
  provider: Settings['provider'];
  sender: string;
  twilio: { baseUrl: string; accountSid: string; authToken: string; forget: boolean };
  http: Omit<Settings['http'], 'hasSecret'> & { secret: string; forget: boolean };
}
/** Fields a refusal from main may name (`twilio.baseUrl` lands on its input). */
export const SMS_FIELDS = ['enabled', 'provider', 'sender', 'twilio', 'http'];

export function toForm(s: Settings): SmsForm {
  return {
    enabled: s.enabled,
    provider: s.provider,
    sender: s.sender,
    twilio: { baseUrl: s.twilio.baseUrl, accountSid: s.twilio.accountSid, authToken: '', forget: false },
    http: { method: s.http.method, url: s.http.url, headers: s.http.headers, format: s.http.format, bodyTemplate: s.http.bodyTemplate, secret: '', forget: false },
  };
}

/** Blank keeps the stored secret; the box forgets it; anything typed replaces it. */
const secret = (typed: string, forget: boolean) => (forget ? null : typed === '' ? undefined : typed);

export function toInput(v: SmsForm) {
  return {
    enabled: v.enabled,
    provider: v.provider,
    sender: v.sender,
    twilio: { baseUrl: v.twilio.baseUrl, accountSid: v.twilio.accountSid, authToken: secret(v.twilio.authToken, v.twilio.forget) },
    http: {
      method: v.http.method,
      url: v.http.url,
      headers: v.http.headers.filter((h) => h.name.trim() !== '' || h.value.trim() !== ''),
      format: v.http.format,
      bodyTemplate: v.http.bodyTemplate,
      secret: secret(v.http.secret, v.http.forget),
    },
  };
}
