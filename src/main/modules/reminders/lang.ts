import type { Ctx } from '../../api/context';

/** The organization's first language: what a client without a preference is spoken and written to in. */
export async function orgLanguage(ctx: Pick<Ctx, 'db'>, orgId: string): Promise<string> {
  const row = await ctx.db.selectFrom('org').select('languages').where('id', '=', orgId).executeTakeFirstOrThrow();
  return ((JSON.parse(row.languages) as unknown[])[0] as string | undefined) ?? 'en';
}

export async function clientLanguage(ctx: Pick<Ctx, 'db'>, clientId: string | null): Promise<string | null> {
  if (!clientId) return null;
  return (await ctx.db.selectFrom('client').select('preferred_language').where('id', '=', clientId).executeTakeFirst())?.preferred_language ?? null;
}
