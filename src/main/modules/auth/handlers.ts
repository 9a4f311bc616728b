import { me, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { loadSessionUser } from '../../auth/sessions';
import { changePassword, login, logout, setOwnLanguage } from './service';
import { isEmpty, runSetup } from './setup';
import { seedDemo } from '../../demo/seed';

type Names = 'auth.login' | 'auth.logout' | 'auth.me' | 'auth.setLanguage' | 'auth.changePassword' | 'setup.status' | 'setup.run' | 'setup.demo';

export const authHandlers: HandlersFor<Names> = {
  async 'auth.login'(input, ctx) {
    return login(ctx, input.login, input.password, input.language);
  },
  async 'auth.logout'(_input, ctx) {
    await logout(ctx);
    return { ok: true as const };
  },
  async 'auth.me'(_input, ctx) {
    return ctx.user;
  },
  async 'auth.setLanguage'(input, ctx) {
    const user = me(ctx);
    await setOwnLanguage(ctx, input.language);
    const updated = await loadSessionUser(ctx.db, user.id);
    if (!updated) throw fail.notFound('user_not_found');
    return updated;
  },
  async 'auth.changePassword'(input, ctx) {
    await changePassword(ctx, me(ctx).id, input.current, input.next);
    return { ok: true as const };
  },
  async 'setup.status'(_input, ctx) {
    return { needsSetup: await isEmpty(ctx) };
  },
  async 'setup.run'(input, ctx) {
    return runSetup(ctx, input);
  },
  async 'setup.demo'(input, ctx) {
    if (!(await isEmpty(ctx))) throw fail.conflict('already_set_up');
    return { logins: await seedDemo(ctx, input.language, input.interventions) };
  },
};
