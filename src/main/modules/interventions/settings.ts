import { me, type Ctx, type HandlersFor } from '../../api/context';
import { fail } from '../../api/errors';
import { DEFAULT_INTERVENTION_SETTINGS, interventionSettings, type InterventionSettings } from '../../../shared/api/interventionSettings';
import { settingRows } from './tables';

const KEY = 'settings';

export async function readSettings(ctx: Pick<Ctx, 'db' | 'user'>, orgId = me(ctx).orgId): Promise<InterventionSettings> {
  const row = await ctx.db.selectFrom('module_setting').select('value').where('org_id', '=', orgId).where('module', '=', 'interventions').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_INTERVENTION_SETTINGS;
  const parsed = interventionSettings.safeParse({ ...DEFAULT_INTERVENTION_SETTINGS, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : DEFAULT_INTERVENTION_SETTINGS;
}

/** Every write of the module asks first: a locked session refuses them all (`field`: where the refusal is shown). */
export async function assertWritable(ctx: Ctx, field?: string): Promise<void> {
  if ((await readSettings(ctx)).lockSession) throw fail.forbidden('module_session_locked', field);
}

export async function writeSettings(ctx: Ctx, next: InterventionSettings): Promise<InterventionSettings> {
  const user = me(ctx);
  const before = await readSettings(ctx);
  const value = JSON.stringify(next);
  const row = await ctx.db.selectFrom('module_setting').selectAll().where('org_id', '=', user.orgId).where('module', '=', 'interventions').where('key', '=', KEY).executeTakeFirst();
  const audit = { entityId: null, summary: 'settings', before, after: next, action: 'update' as const };
  if (row) await settingRows.in(ctx).update(row, { value }, { audit });
  else await settingRows.in(ctx).insert({ module: 'interventions', key: KEY, value }, { audit });
  return next;
}

export const settingsHandlers: HandlersFor<'interventions.settings' | 'interventions.setSettings'> = {
  async 'interventions.settings'(_input, ctx) {
    return readSettings(ctx);
  },
  async 'interventions.setSettings'(input, ctx) {
    return writeSettings(ctx, input);
  },
};
