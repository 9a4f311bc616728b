import type { Ctx } from '../../api/context';

export { orgLanguage } from '../../mail';

export async function clientLanguage(ctx: Pick<Ctx, 'db'>, clientId: string | null): Promise<string | null> {
  if (!clientId) return null;
  return (await ctx.db.selectFrom('client').select('preferred_language').where('id', '=', clientId).executeTakeFirst())?.preferred_language ?? null;
}
