import { me, type Ctx, type HandlersFor } from '../../api/context';
import { createdStamps, newId } from '../../db/ids';
import { isoNow } from '../../clock';
import { DEFAULT_INTERVENTION_SETTINGS, interventionSettings, type InterventionSettings } from '../../../shared/api/interventionSettings';
import { recordAudit } from '../audit';

const KEY = 'settings';

export async function readSettings(ctx: Ctx, orgId = me(ctx).orgId): Promise<InterventionSettings> {
  const row = await ctx.db.selectFrom('module_setting').select('value').where('org_id', '=', orgId).where('module', '=', 'interventions').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_INTERVENTION_SETTINGS;
  const parsed = interventionSettings.safeParse({ ...DEFAULT_INTERVENTION_SETTINGS, ...JSON.parse(row.value) });
  return parsed.success ? parsed.data : DEFAULT_INTERVENTION_SETTINGS;
}

export async function writeSettings(ctx: Ctx, next: InterventionSettings): Promise<InterventionSettings> {
  const user = me(ctx);
  const before = await readSettings(ctx);
  const value = JSON.stringify(next);
  const now = isoNow(ctx.clock);
  await ctx.db
    .insertInto('module_setting')
    .values({ id: newId(ctx.clock), org_id: user.orgId, module: 'interventions', key: KEY, value, ...createdStamps(ctx.clock), deleted_at: null })
    .onConflict((oc) => oc.columns(['org_id', 'module', 'key']).doUpdateSet((eb) => ({ value, updated_at: now, version: eb('module_setting.version', '+', 1) })))
    .execute();
  await recordAudit(ctx, { module: 'interventions', entity: 'settings', entityId: null, action: 'update', summary: 'settings', before, after: next });
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
