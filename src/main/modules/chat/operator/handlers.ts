import { sql } from 'kysely';
import { me, type Ctx, type HandlersFor } from '../../../api/context';
import { AppError, fail } from '../../../api/errors';
import type { SessionUser } from '../../../../shared/api/auth';
import { ChatRefused, type OperatorConnection } from './connection';
import { CHAT_OPERATORS } from './operators';
import { conversationOf, listConversations, listMessages, messageOf } from './archive';

type Names = 'chat.status' | 'chat.conversations' | 'chat.messages' | 'chat.reply' | 'chat.delete' | 'chat.transfer' | 'chat.escalate' | 'chat.targets' | 'chat.close' | 'chat.typing' | 'chat.clientHistory';

function refusal(key: string): AppError {
  return new AppError({ code: key === 'not_found' ? 'not_found' : 'conflict', key: `chatConsole.errors.${key}` });
}

/** The user's connection, connected; else a clear refusal (no hub registered, or the hub not reachable now). */
async function connected(ctx: Ctx): Promise<OperatorConnection> {
  const conn = await ctx.services.get(CHAT_OPERATORS).of(me(ctx));
  if (!conn) throw refusal('no_hub');
  if (conn.link !== 'connected') throw refusal('offline');
  return conn;
}

/** A change through the hub: answered only once stored there, and once the archive holds it too. */
async function change<T>(ctx: Ctx, fn: (c: OperatorConnection) => Promise<T>): Promise<T> {
  const conn = await connected(ctx);
  try {
    const r = await fn(conn);
    await conn.settled();
    return r;
  } catch (e) {
    if (e instanceof ChatRefused) throw refusal(e.key);
    throw e;
  }
}

async function conversationOfOrg(ctx: Ctx, user: SessionUser, conversationId: string) {
  const c = await ctx.db.selectFrom('chat_archive_conversation').select(['id', 'status']).where('id', '=', conversationId).where('org_id', '=', user.orgId).executeTakeFirst();
  if (!c) throw fail.notFound('not_found', 'conversationId');
  return c;
}

/** The last 8 digits: a visitor types a number in any form (+371 2…, 2…, with spaces). */
const phoneTail = (s: string) => s.replace(/\D/g, '').slice(-8);

export const chatConsoleHandlers: HandlersFor<Names> = {
  'chat.status': async (_input, ctx) => {
    const user = me(ctx);
    const conn = await ctx.services.get(CHAT_OPERATORS).of(user);
    return { link: conn ? conn.link : 'no_hub', userId: user.id };
  },
  'chat.conversations': async (input, ctx) => listConversations(ctx.db, me(ctx).orgId, input.closed),
  // Scoped to the organization by the query itself: a conversation of nobody's has no messages.
  'chat.messages': async (input, ctx) => listMessages(ctx.db, me(ctx).orgId, input.conversationId),
  'chat.reply': async (input, ctx) => {
    await conversationOfOrg(ctx, me(ctx), input.conversationId);
    if (input.quoteSeq !== null) {
      const quoted = await ctx.db.selectFrom('chat_archive_message').select('deleted_at').where('conversation_id', '=', input.conversationId).where('seq', '=', input.quoteSeq).executeTakeFirst();
      if (!quoted || quoted.deleted_at !== null) throw fail.validation('not_found', 'quoteSeq');
    }
    const ack = await change(ctx, (c) => c.request({ t: 'reply', conversationId: input.conversationId, text: input.text, quoteSeq: input.quoteSeq }));
    return { seq: ack.seq ?? 0 };
  },
  'chat.delete': async (input, ctx) => {
    const user = me(ctx);
    await conversationOfOrg(ctx, user, input.conversationId);
    const m = await ctx.db.selectFrom('chat_archive_message').select(['author', 'user_id', 'deleted_at']).where('conversation_id', '=', input.conversationId).where('seq', '=', input.seq).executeTakeFirst();
    if (!m || m.deleted_at !== null) throw fail.notFound('not_found', 'seq');
    // Only one's own words: the hub refuses the rest too, this says it before the round trip.
    if (m.author !== 'operator' || m.user_id !== user.id) throw refusal('not_yours');
    await change(ctx, (c) => c.request({ t: 'delete', conversationId: input.conversationId, seq: input.seq }));
    return { ok: true as const };
  },
  'chat.transfer': async (input, ctx) => {
    const user = me(ctx);
    await conversationOfOrg(ctx, user, input.conversationId);
    const to = await ctx.db.selectFrom('app_user').select(['id', 'role', 'active']).where('id', '=', input.userId).where('org_id', '=', user.orgId).executeTakeFirst();
    if (!to || !to.active) throw fail.validation('not_found', 'userId');
    await change(ctx, (c) => c.request({ t: 'transfer', conversationId: input.conversationId, userId: input.userId }));
    return { ok: true as const };
  },
  'chat.escalate': async (input, ctx) => {
    const user = me(ctx);
    await conversationOfOrg(ctx, user, input.conversationId);
    if (input.userId !== null) {
      const to = await ctx.db.selectFrom('app_user').select(['id', 'active']).where('id', '=', input.userId).where('org_id', '=', user.orgId).executeTakeFirst();
      if (!to || !to.active) throw fail.validation('not_found', 'userId');
    }
    await change(ctx, (c) => c.request({ t: 'escalate', conversationId: input.conversationId, userId: input.userId }));
    return { ok: true as const };
  },
  'chat.targets': async (input, ctx) => {
    const user = me(ctx);
    await conversationOfOrg(ctx, user, input.conversationId);
    const conn = await connected(ctx);
    let targets;
    try {
      targets = await conn.targets(input.conversationId);
    } catch (e) {
      if (e instanceof ChatRefused) throw refusal(e.key);
      throw e;
    }
    const ids = targets.map((t) => t.userId);
    const people = ids.length ? await ctx.db.selectFrom('app_user').select(['id', 'name']).where('org_id', '=', user.orgId).where('id', 'in', ids).execute() : [];
    const names = new Map(people.map((p) => [p.id, p.name]));
    // The hub's order is kept: it ranks who should take the conversation.
    return targets.filter((t) => names.has(t.userId)).map((t) => ({ ...t, name: names.get(t.userId)! }));
  },
  'chat.close': async (input, ctx) => {
    await conversationOfOrg(ctx, me(ctx), input.conversationId);
    await change(ctx, (c) => c.request({ t: 'close', conversationId: input.conversationId }));
    return { ok: true as const };
  },
  'chat.typing': async (input, ctx) => {
    await conversationOfOrg(ctx, me(ctx), input.conversationId);
    const conn = await ctx.services.get(CHAT_OPERATORS).of(me(ctx));
    conn?.typing(input.conversationId);
    return { ok: true as const };
  },
  'chat.clientHistory': async (input, ctx) => {
    const orgId = me(ctx).orgId;
    const client = await ctx.db.selectFrom('client').select('id').where('id', '=', input.clientId).where('org_id', '=', orgId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!client) throw fail.notFound('not_found', 'clientId');
    const phones = (await ctx.db.selectFrom('client_phone').select('number').where('client_id', '=', client.id).where('deleted_at', 'is', null).execute()).map((p) => phoneTail(p.number)).filter((p) => p.length >= 6);
    const emails = (await ctx.db.selectFrom('client_email').select('address_key').where('client_id', '=', client.id).where('deleted_at', 'is', null).execute()).map((e) => e.address_key);
    const rows = await ctx.db
      .selectFrom('chat_archive_conversation')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('started_at', '>', 0)
      .where((eb) =>
        eb.or([
          eb('client_id', '=', client.id),
          ...(emails.length ? [eb(sql<string>`lower(json_extract(answers, '$.email'))`, 'in', emails)] : []),
          ...(phones.length ? [eb(sql<string>`json_extract(answers, '$.phone')`, 'is not', null)] : []),
        ]),
      )
      .orderBy('started_at', 'desc')
      .limit(200)
      .execute();
    const mine = rows.map(conversationOf).filter((c) => c.clientId === client.id || (c.answers.email && emails.includes(c.answers.email.toLowerCase())) || (c.answers.phone && phones.includes(phoneTail(c.answers.phone))));
    const conversations = [];
    for (const c of mine.slice(0, 50)) {
      const messages = await ctx.db.selectFrom('chat_archive_message').selectAll().where('conversation_id', '=', c.id).orderBy('seq').execute();
      conversations.push({ conversation: c, messages: messages.map(messageOf) });
    }
    return { conversations };
  },
};
