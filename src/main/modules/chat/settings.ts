import type { z } from 'zod';
import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import type { ChatOperator, ChatOrgSettings, ChatSettings, chatOperatorInput, chatOrgInput, Questionnaire } from '../../../shared/api/chatSettings';
import { QUESTIONNAIRE_FIELDS } from '../../../shared/api/chatSettings';
import type { ChatStrategy } from '../../../shared/chat/routing';
import { foldKey } from '../../../shared/rules/text';
import { can, type Role } from '../../../shared/permissions';
import { chatOperatorRows, chatSettingRows } from './settingsTables';

/** What a new organization starts with: the experienced answer first; name and a way to reach the visitor asked. */
export const DEFAULT_QUESTIONNAIRE: Questionnaire = { name: 'required', phone: 'asked', email: 'asked', topic: 'off' };
export const DEFAULT_LEVEL = 3;

function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

async function orgSettings(ctx: Ctx): Promise<ChatOrgSettings> {
  const row = await ctx.db.selectFrom('chat_setting').selectAll().where('id', '=', me(ctx).orgId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) return { version: 0, strategy: 'experienced_first', escalateAfterMinutes: 5, maxChatsEach: 3, questionnaire: DEFAULT_QUESTIONNAIRE, topics: [], greetings: {}, logoUrl: null };
  // Fields a later version adds read as off until saved.
  const q = parse<Partial<Questionnaire>>(row.questionnaire, {});
  return {
    version: row.version,
    strategy: row.strategy as ChatStrategy,
    escalateAfterMinutes: row.escalate_after_minutes,
    maxChatsEach: row.max_chats_each,
    questionnaire: Object.fromEntries(QUESTIONNAIRE_FIELDS.map((f) => [f, q[f] ?? 'off'])) as Questionnaire,
    topics: parse<string[]>(row.topics, []),
    greetings: parse<Record<string, string>>(row.greetings, {}),
    logoUrl: row.logo_url,
  };
}

async function operators(ctx: Ctx): Promise<ChatOperator[]> {
  const orgId = me(ctx).orgId;
  const users = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'name', 'role', 'notice_phone'])
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute()
    // Only people whose role answers chats carry levels (an accountant does not).
    .then((all) => all.filter((u) => can(u.role as Role, 'chat', 'read')));
  const rows = await ctx.db.selectFrom('chat_operator').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).execute();
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  return users.map((u) => {
    const r = byUser.get(u.id);
    return {
      userId: u.id,
      name: u.name,
      role: u.role,
      version: r?.version ?? 0,
      experience: r?.experience_level ?? DEFAULT_LEVEL,
      cost: r?.cost_level ?? DEFAULT_LEVEL,
      smsOnStart: r?.sms_on_start === 1,
      phone: u.notice_phone,
      photoUrl: r?.photo_url ?? null,
    };
  });
}

/**
 * A picture's address as the widget will load it on the organization's site: https only (a site served over https
 * refuses anything else, and an address of another scheme could be a script), no spaces or quotes. Empty: none.
 */
function pictureUrl(value: string | null | undefined, field: string): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail.validation('chat_picture_https', field);
  }
  if (url.protocol !== 'https:' || !url.hostname || /[\s"'<>]/.test(value)) throw fail.validation('chat_picture_https', field);
  return value;
}

export async function getChatSettings(ctx: Ctx): Promise<ChatSettings> {
  return { org: await orgSettings(ctx), operators: await operators(ctx) };
}

/**
 * The organization's settings, whole. Refused, with nothing written: a questionnaire that asks neither phone nor
 * e-mail (the visitor could be neither recognised nor called back), a topic question without topics, a topic twice.
 */
export async function saveChatOrg(ctx: Ctx, input: z.output<typeof chatOrgInput>): Promise<ChatSettings> {
  const q = input.questionnaire;
  if (q.phone === 'off' && q.email === 'off') throw fail.validation('chat_contact_needed', 'questionnaire.phone');
  if (q.topic !== 'off' && input.topics.length === 0) throw fail.validation('chat_topics_needed', 'topics');
  const seen = new Set<string>();
  for (const [i, t] of input.topics.entries()) {
    const key = foldKey(t);
    if (seen.has(key)) throw fail.validation('chat_topic_twice', `topics.${i}`, { topic: t });
    seen.add(key);
  }
  const logoUrl = pictureUrl(input.logoUrl, 'logoUrl');
  const greetings = Object.fromEntries(Object.entries(input.greetings).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const values = {
    strategy: input.strategy,
    escalate_after_minutes: input.escalateAfterMinutes,
    max_chats_each: input.maxChatsEach,
    questionnaire: JSON.stringify(q),
    topics: JSON.stringify(input.topics),
    greetings: JSON.stringify(greetings),
    logo_url: logoUrl,
  };
  const orgId = me(ctx).orgId;
  const rows = chatSettingRows.in(ctx);
  const before = await ctx.db.selectFrom('chat_setting').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!before) {
    if (input.version !== 0) throw fail.conflict('stale', 'version');
    await rows.insert({ id: orgId, ...values });
  } else if (before.deleted_at !== null) {
    await rows.update(await rows.restore(before), values);
  } else await rows.update(before, values, { expect: input.version });
  return getChatSettings(ctx);
}

/** One employee's levels and text-message wish; a text message needs a number to go to. */
export async function saveChatOperator(ctx: Ctx, input: z.output<typeof chatOperatorInput>): Promise<ChatSettings> {
  const orgId = me(ctx).orgId;
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'notice_phone'])
    .where('id', '=', input.userId)
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!user) throw fail.notFound('user_not_found', 'userId');
  if (input.smsOnStart && !user.notice_phone) throw fail.validation('chat_sms_no_phone', 'smsOnStart');
  const photo = input.photoUrl === undefined ? undefined : pictureUrl(input.photoUrl, 'photoUrl');
  const rows = chatOperatorRows.in(ctx);
  const before = await ctx.db.selectFrom('chat_operator').selectAll().where('id', '=', user.id).executeTakeFirst();
  const values = {
    user_id: user.id,
    experience_level: input.experience,
    cost_level: input.cost,
    sms_on_start: input.smsOnStart ? 1 : 0,
    photo_url: photo === undefined ? (before?.photo_url ?? null) : photo,
  };
  if (!before) {
    if (input.version !== 0) throw fail.conflict('stale', 'version');
    await rows.insert({ id: user.id, ...values });
  } else if (before.deleted_at !== null) {
    await rows.update(await rows.restore(before), values);
  } else await rows.update(before, values, { expect: input.version });
  return getChatSettings(ctx);
}
