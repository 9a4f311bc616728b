import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Language } from '../../shared/i18n/languages';
import { isLanguage } from './templates';

/** The organization's first language: what a client without a preference is written to (and spoken to) in. */
export async function orgLanguage(ctx: { db: Kysely<DB> }, orgId: string): Promise<Language> {
  const row = await ctx.db.selectFrom('org').select('languages').where('id', '=', orgId).executeTakeFirst();
  try {
    const first = (JSON.parse(row?.languages ?? '[]') as unknown[])[0];
    return isLanguage(first) ? first : 'en';
  } catch {
    return 'en';
  }
}
