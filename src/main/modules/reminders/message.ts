import type { Ctx } from '../../api/context';
import { fromStoredWav, visitMessage } from '../../telephony/prompts';
import { orgLanguage } from './lang';

/**
 * The visit's message as the client hears it: the rendered clips of their language (else the organization's), with
 * the organization's own recordings in place of the phrases it recorded (its name among them).
 */
export async function recordingsOf(ctx: Pick<Ctx, 'db'>, orgId: string): Promise<Map<string, Int16Array>> {
  const rows = await ctx.db.selectFrom('prompt_recording').select(['lang', 'phrase', 'wav']).where('org_id', '=', orgId).where('deleted_at', 'is', null).execute();
  return new Map(rows.map((r) => [`${r.lang}/${r.phrase}`, fromStoredWav(r.wav)]));
}

export async function messageFor(ctx: Pick<Ctx, 'db'>, orgId: string, visit: { lang: string | null; start: string; zone: string }): Promise<{ lang: string; pcm: Int16Array }> {
  const org = await ctx.db.selectFrom('org').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  const fallbackLang = await orgLanguage(ctx, orgId);
  return visitMessage({ lang: visit.lang ?? fallbackLang, fallbackLang, orgName: org.name, start: Date.parse(visit.start), zone: visit.zone, recordings: await recordingsOf(ctx, orgId) });
}
