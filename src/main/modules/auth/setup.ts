import type { Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { ParsedInput } from '../../../shared/api';
import type { SessionUser } from '../../../shared/api/auth';
import { loadSessionUser } from '../../auth/sessions';
import { checkTimeZone, createBranch, createOrg, createUser } from '../organization';

export async function isEmpty(ctx: Ctx): Promise<boolean> {
  return !(await ctx.db.selectFrom('org').select('id').limit(1).executeTakeFirst());
}

export { createOrg, type OrgInput as NewOrg } from '../organization';

export async function runSetup(ctx: Ctx, input: ParsedInput<'setup.run'>): Promise<SessionUser> {
  if (!(await isEmpty(ctx))) throw fail.conflict('already_set_up');
  checkTimeZone(input.timeZone);
  const orgId = await createOrg(ctx, { name: input.orgName, country: input.country, timeZone: input.timeZone, phone: input.orgPhone, languages: input.languages });
  const branch = await createBranch(ctx, { name: input.branchName, timeZone: input.timeZone }, { orgId });
  const owner = await createUser(
    ctx,
    { login: input.ownerLogin, password: input.ownerPassword, name: input.ownerName, role: 'owner', language: input.ownerLanguage, branchIds: [branch.id], email: null },
    { orgId },
  );
  const token = await ctx.sessions.create(ctx.db, owner.id);
  ctx.setSession(token);
  const user = await loadSessionUser(ctx.db, owner.id);
  if (!user) throw new Error('owner just created is missing');
  return user;
}
