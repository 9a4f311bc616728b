import type { Kysely } from 'kysely';
import { me, type Ctx } from '../../../api/context';
import type { DB } from '../../../db/schema';
import { syncedRows } from '../../../api/funnel';
import { DEFAULT_ESCALATE_MINUTES } from '../../../../shared/rules/tasks/notices';

const KEY = 'notices';
const settingRows = syncedRows({ table: 'module_setting', module: 'tasks', entity: 'settings' });

export type NoticeSettings = { escalateMinutes: number };

/** The organization's minutes before an unacknowledged urgent task escalates (default 15). */
export async function escalateMinutes(db: Kysely<DB>, orgId: string): Promise<number> {
  return (await readNoticeSettings(db, orgId)).escalateMinutes;
}

export async function readNoticeSettings(db: Kysely<DB>, orgId: string): Promise<NoticeSettings> {
  const row = await db.selectFrom('module_setting').select('value').where('org_id', '=', orgId).where('module', '=', 'tasks').where('key', '=', KEY).where('deleted_at', 'is', null).executeTakeFirst();
  const v = row ? (JSON.parse(row.value) as Partial<NoticeSettings>) : {};
  return { escalateMinutes: typeof v.escalateMinutes === 'number' && v.escalateMinutes > 0 ? v.escalateMinutes : DEFAULT_ESCALATE_MINUTES };
}

export async function saveNoticeSettings(ctx: Ctx, next: NoticeSettings): Promise<NoticeSettings> {
  const orgId = me(ctx).orgId;
  const before = await readNoticeSettings(ctx.db, orgId);
  const row = await ctx.db.selectFrom('module_setting').selectAll().where('org_id', '=', orgId).where('module', '=', 'tasks').where('key', '=', KEY).where('deleted_at', 'is', null).executeTakeFirst();
  const audit = { entityId: null, summary: 'notices', before, after: next, action: 'update' as const };
  const value = JSON.stringify(next);
  if (row) await settingRows.in(ctx).update(row, { value }, { audit });
  else await settingRows.in(ctx).insert({ module: 'tasks', key: KEY, value }, { audit });
  return next;
}
