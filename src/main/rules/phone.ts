import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { fail } from '../api/errors';
import { toE164 } from '../../shared/rules/phone';

/** Main's side of the phone rule (`src/shared/rules/phone.ts`): a number that cannot be read is refused, naming its field. */
export function normalizePhone(raw: string | null | undefined, country: string, field: string): string | null {
  if (raw == null || raw.trim() === '') return null;
  const e164 = toE164(raw, country);
  if (!e164) throw fail.validation('phone_invalid', field, { value: raw });
  return e164;
}

export async function orgCountry(db: Kysely<DB>, orgId: string): Promise<string> {
  const row = await db.selectFrom('org').select('country').where('id', '=', orgId).executeTakeFirstOrThrow();
  return row.country;
}
