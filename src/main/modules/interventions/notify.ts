import { me, type Ctx } from '../../api/context';
import { AppError } from '../../api/errors';
import type { InterventionDetail, Status } from '../../../shared/api/interventions';
import type { Language } from '../../../shared/i18n/languages';
import { enqueueMail, lastQueued, mailConfigured, orgLanguage, factsSection, fieldLine, isLanguage, renderInterventionMail, type ClientEvent, type FieldKey, type InterventionFacts, type MailAudience } from '../../mail';
import { getClient } from '../clients';
import { portalUrlForMail } from '../portal';
import { getBranch, getUser } from '../organization';
import { readSettings } from './settings';

export type InterventionChange = 'created' | 'updated' | 'confirmed' | 'finalized' | 'cancelled' | 'validated' | 'deleted';

/**
 * The seed's mails: at each change, to the people handling the intervention (taken by, responsible) who have an
 * e-mail, in their own language; and, with "send mail to client" on, to the client's first e-mail in the client's
 * language, "with the intervention's data at its allocation and finalization" (and when a visit they were told
 * about is moved or cancelled). Queued in the change's own transaction: the change and its mails commit together.
 */
export async function interventionChanged(ctx: Ctx, change: InterventionChange, detail: InterventionDetail, previous?: Status): Promise<void> {
  if (change === 'deleted') return;
  const { orgId } = me(ctx);
  if (!(await mailConfigured(ctx.db, orgId))) return;

  const recipients: Recipient[] = [];
  const handlerNames = new Map<string, string>();
  for (const userId of new Set([detail.takenById, detail.responsibleId].filter((v): v is string => !!v))) {
    const u = await softly(() => getUser(ctx, userId));
    if (!u) continue;
    handlerNames.set(u.id, u.name);
    if (u.active && u.email) recipients.push({ address: u.email, name: u.name, language: isLanguage(u.language) ? u.language : 'en', audience: { kind: 'handler', change } });
  }

  const event = clientEvent(change, detail.status, previous);
  if (event && (await readSettings(ctx, orgId)).sendMailToClient) {
    const client = await softly(() => getClient(ctx, detail.clientId));
    const address = client?.emails[0]?.address;
    if (client && address) {
      const told = event === 'cancelled' ? !!(await lastQueued(ctx.db, detail.id, address)) : true;
      if (told) recipients.push({ address, name: client.name, language: client.preferredLanguage ?? (await orgLanguage(ctx, orgId)), audience: { kind: 'client', event } });
    }
  }
  if (!recipients.length) return;

  const facts = await factsOf(ctx, detail, handlerNames);
  const seen = new Set<string>();
  for (const r of recipients) {
    // One mail per address: a handler who is also the client's contact gets the fuller, internal one.
    const key = r.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const portal = r.audience.kind === 'client' ? await portalUrlForMail(ctx, detail.clientId) : null;
    const mail = renderInterventionMail(r.language, facts, r.audience, r.name, portal);
    const last = await lastQueued(ctx.db, detail.id, r.address);
    if (last && !worthTelling(r, last.body, mail.body)) continue;
    await enqueueMail(ctx, { orgId, to: r.address, ...mail, refEntity: 'intervention', refId: detail.id });
  }
}

interface Recipient {
  address: string;
  name: string;
  language: Language;
  audience: MailAudience;
}

/** What the client is told again when it changes: when, who, where, what. */
const CLIENT_SCHEDULE_FIELDS: FieldKey[] = ['scheduled', 'takenBy', 'address', 'object'];

/** Whether a mail says something the reader's last mail about this intervention did not. */
function worthTelling(r: Recipient, lastBody: string, body: string): boolean {
  // An edit that changes nothing a handler reads (a classification, a contract) sends them nothing.
  if (r.audience.kind === 'handler') return r.audience.change !== 'updated' || factsSection(lastBody) !== factsSection(body);
  // The client hears of an allocation once, and again only for a new time, person or place.
  if (r.audience.kind === 'client' && r.audience.event === 'scheduled') return CLIENT_SCHEDULE_FIELDS.some((k) => fieldLine(lastBody, r.language, k) !== fieldLine(body, r.language, k));
  return true;
}

/** When the client hears about it: allocation (and a new time or person), finalization, cancellation. Not edits, confirmations or numbering. */
export function clientEvent(change: Exclude<InterventionChange, 'deleted'>, status: Status, _previous?: Status): ClientEvent | null {
  if (change === 'finalized') return 'finalized';
  if (change === 'cancelled') return 'cancelled';
  if ((change === 'created' || change === 'updated') && (status === 'allocated' || status === 'confirmed')) return 'scheduled';
  return null;
}

/** A person or client removed since (a tombstone) must not stop the change itself: they just get no mail. */
async function softly<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}

async function factsOf(ctx: Ctx, detail: InterventionDetail, handlerNames: Map<string, string>): Promise<InterventionFacts> {
  const user = me(ctx);
  const row = await ctx.db
    .selectFrom('intervention')
    .select(['client_name', 'client_phone', 'address', 'locality', 'county', 'country', 'type_id', 'object_product_id'])
    .where('id', '=', detail.id)
    .executeTakeFirstOrThrow();
  const type = row.type_id ? await ctx.db.selectFrom('nomenclature').select('name').where('id', '=', row.type_id).executeTakeFirst() : undefined;
  const product = row.object_product_id ? await ctx.db.selectFrom('product').select('name').where('id', '=', row.object_product_id).executeTakeFirst() : undefined;
  const branch = await softly(() => getBranch(ctx, detail.branchId));
  const tz = branch?.time_zone ?? (await ctx.db.selectFrom('org').select('time_zone').where('id', '=', user.orgId).executeTakeFirstOrThrow()).time_zone;
  const name = async (id: string | null) => (id ? (handlerNames.get(id) ?? (await softly(() => getUser(ctx, id)))?.name ?? null) : null);
  return {
    number: detail.number,
    docDate: detail.docDate,
    client: row.client_name,
    address: [row.address, row.locality, row.county, row.country].filter(Boolean).join(', ') || null,
    phone: row.client_phone,
    type: type?.name ?? null,
    object: product?.name ?? null,
    objectSerial: detail.objectSerial,
    startAt: detail.startAt,
    endAt: detail.endAt,
    status: detail.status,
    priority: detail.priority,
    takenBy: await name(detail.takenById),
    responsible: await name(detail.responsibleId),
    notes: detail.notes,
    cancelReason: detail.cancelReason,
    timeZone: tz,
    orgName: user.orgName,
  };
}
