import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { me, type Ctx } from '../../../api/context';
import { recordAudit } from '../../../api/funnel';
import { enqueueSms, isLanguage, orgLanguage } from '../../../mail';
import { smsEnabled } from '../../../sms/settings';
import { visitMessage, type VisitMessage } from '../../../sms/texts';

/**
 * The client's text message about their visit ("your visit is booked for …", "… moved to …"), queued in the
 * caller's transaction so the booking and its message commit together. Only while the organization has SMS on,
 * only for a booked visit of a client that is still to come, only to a mobile number: a client without one is skipped, and the visit's
 * audit says so (it is not an error: the booking stands).
 */
export type VisitSmsOutcome = 'queued' | 'disabled' | 'not_a_visit' | 'past' | 'no_mobile';

/** Mobile, or a number that may be either (North America): a landline cannot receive a text. */
export function isMobile(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

export async function queueVisitSms(ctx: Ctx, visitId: string, kind: VisitMessage): Promise<VisitSmsOutcome> {
  const { orgId } = me(ctx);
  if (!(await smsEnabled(ctx.db, orgId))) return 'disabled';
  const visit = await ctx.db
    .selectFrom('visit')
    .innerJoin('branch', 'branch.id', 'visit.branch_id')
    .leftJoin('service', 'service.id', 'visit.service_id')
    .select(['visit.id', 'visit.kind', 'visit.status', 'visit.client_id', 'visit.starts_at', 'visit.branch_id', 'branch.name as branchName', 'branch.time_zone', 'service.name as serviceName'])
    .where('visit.id', '=', visitId)
    .where('visit.org_id', '=', orgId)
    .where('visit.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!visit || visit.kind !== 'visit' || visit.status !== 'booked' || !visit.client_id) return 'not_a_visit';
  // A visit entered after the fact (this morning's walk-in) is no news to the client.
  if (Date.parse(visit.starts_at) <= ctx.clock.now()) return 'past';

  const client = await ctx.db.selectFrom('client').select(['preferred_language', 'primary_phone']).where('id', '=', visit.client_id).where('org_id', '=', orgId).executeTakeFirst();
  const phones = await ctx.db
    .selectFrom('client_phone')
    .select('number')
    .where('client_id', '=', visit.client_id)
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .execute();
  const to = [client?.primary_phone, ...phones.map((p) => p.number)].find((n): n is string => !!n && isMobile(n));
  if (!to) {
    await recordAudit(ctx, { module: 'calendar', entity: 'visit', entityId: visit.id, action: 'status', branchId: visit.branch_id, summary: 'SMS not sent: the client has no mobile phone' });
    return 'no_mobile';
  }
  const lang = isLanguage(client?.preferred_language) ? client.preferred_language : await orgLanguage(ctx, orgId);
  const text = visitMessage(lang, kind, { branch: visit.branchName, start: visit.starts_at, timeZone: visit.time_zone, service: visit.serviceName });
  await enqueueSms(ctx, { orgId, to, text, refEntity: 'visit', refId: visit.id });
  return 'queued';
}
