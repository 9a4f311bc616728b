import type { Ctx } from '../../api/context';
import type { SessionUser } from '../../../shared/api/auth';
import { enqueueMail, enqueueSms, isLanguage } from '../../mail';
import { translate } from '../../reports';
import { smsText } from '../../sms/texts';
import { LOCALES } from '../../../shared/i18n/languages';
import { asapOffers, isMobile } from '../calendar';
import type { JobDeps } from './jobCtx';

/**
 * What the reminder calls tell people besides the calendar's colour: the admins, once on the day the cap is reached;
 * the branch's clerks, the moment a client presses 2 (the freed slot with the ASAP clients who fit it); the client,
 * by text message when that is the reminder's channel or every call failed.
 */

/** The first time the organization's day reaches its cap: one e-mail to each owner and admin with an address. */
export async function noteCapReached(ctx: Ctx, orgId: string, day: string, cap: number): Promise<boolean> {
  const told = await ctx.db.selectFrom('reminder_cap_notice').select('day').where('org_id', '=', orgId).where('day', '=', day).executeTakeFirst();
  if (told) return false;
  await ctx.db.insertInto('reminder_cap_notice').values({ org_id: orgId, day, notified_at: new Date(ctx.clock.now()).toISOString() }).execute();
  const org = await ctx.db.selectFrom('org').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
  const admins = await ctx.db
    .selectFrom('app_user')
    .select(['email', 'language'])
    .where('org_id', '=', orgId)
    .where('role', 'in', ['owner', 'admin'])
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .where('email', 'is not', null)
    .execute();
  for (const a of admins) {
    const params = { org: org.name, cap, day };
    await enqueueMail(ctx, {
      orgId,
      to: a.email!,
      subject: translate(a.language, 'reminders.capMail.subject', params),
      body: translate(a.language, 'reminders.capMail.body', params),
      refEntity: 'reminder_cap',
      refId: null,
    });
  }
  return true;
}

/** The reminder by text message, in the client's language (else the organization's), on the branch's clock. */
export async function queueReminderSms(ctx: Ctx, input: { orgId: string; visitId: string; to: string; lang: string; branch: string; start: string; zone: string }): Promise<boolean> {
  if (!isMobile(input.to)) return false;
  const lang = isLanguage(input.lang) ? input.lang : 'en';
  const at = new Date(input.start);
  const date = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: 'long', timeZone: input.zone }).format(at);
  const time = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: input.zone }).format(at);
  await enqueueSms(ctx, { orgId: input.orgId, to: input.to, text: smsText(lang, 'reminder', { branch: input.branch, date, time }), refEntity: 'visit', refId: input.visitId });
  return true;
}

/**
 * A client pressed 2: the slot is offered at once to the branch's clerks with the ASAP clients who fit it, best first.
 * Read after the decline committed, as an administrator of the organization would see them (the job has no user).
 */
export async function offerFreedSlot(deps: JobDeps, orgId: string, visitId: string): Promise<void> {
  const v = await deps.db
    .selectFrom('visit as v')
    .leftJoin('client as c', 'c.id', 'v.client_id')
    .innerJoin('app_user as u', 'u.id', 'v.user_id')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .select(['v.id', 'v.branch_id', 'v.user_id', 'v.starts_at', 'v.ends_at', 'v.service_id', 'c.name as client_name', 'u.name as user_name', 'b.time_zone'])
    .where('v.id', '=', visitId)
    .executeTakeFirst();
  if (!v) return;
  const system: SessionUser = { id: '', orgId, orgName: '', login: '', name: '', role: 'admin', language: 'en', branchIds: [] };
  const ctx = { db: deps.db, user: system, clock: deps.clock, config: deps.config, services: deps.services } as unknown as Ctx;
  const offers = await asapOffers(ctx, { userId: v.user_id, start: v.starts_at, end: v.ends_at, branchId: v.branch_id, serviceId: null }, v.id);
  deps.publish({
    name: 'reminders.slotFreed',
    payload: { visitId: v.id, branchId: v.branch_id, clientName: v.client_name, start: v.starts_at, end: v.ends_at, userId: v.user_id, offers, userName: v.user_name, timeZone: v.time_zone },
    orgId,
    branchIds: [v.branch_id],
  });
}
