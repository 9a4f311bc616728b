import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SmsGateway } from './gateway';
import { httpGateway } from './httpGateway';
import { loadStoredSms, secretContext, tokenContext, type Sealer } from './settings';
import { twilioGateway } from './twilio';

/** What the outbox sender needs for one organization's messages: its gateway, secrets opened only here, and the sender name. */
export interface SmsAccount {
  gateway: SmsGateway;
  from: string;
}

/**
 * The organization's gateway, or null until SMS settings are saved. Queued messages are delivered whether or not
 * bookings still queue new ones (`enabled`): what was acknowledged goes out.
 */
export async function loadSmsAccount(db: Kysely<DB>, orgId: string, secrets: Sealer): Promise<SmsAccount | null> {
  const s = await loadStoredSms(db, orgId);
  if (!s) return null;
  if (s.provider === 'twilio') {
    if (!s.twilio.authTokenSealed) return null;
    const authToken = secrets.decrypt(s.twilio.authTokenSealed, tokenContext(orgId));
    return { gateway: twilioGateway({ baseUrl: s.twilio.baseUrl, accountSid: s.twilio.accountSid, authToken }), from: s.sender };
  }
  const secret = s.http.secretSealed ? secrets.decrypt(s.http.secretSealed, secretContext(orgId)) : null;
  return { gateway: httpGateway({ ...s.http, secret }), from: s.sender };
}
