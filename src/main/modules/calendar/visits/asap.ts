import { sql, type SqlBool } from 'kysely';
import { me, type Ctx } from '../../../api/context';
import { fail } from '../../../api/errors';
import { branchesOfPerson, inScope } from '../../../api/scope';
import type { ParsedInput } from '../../../../shared/api';
import type { AsapOffer, VisitDetail } from '../../../../shared/api/visits';
import { daysEarlier, durationMin, rankAsap } from '../../../../shared/rules/asap';
import { loadChangeable, placeVisit } from './book';
import { assertBookable, busyWithin, resolveBranch } from './checks';
import { canonical, shift } from './read';

/** Offers shown at once: the clerk phones from the top. */
const MAX_OFFERS = 20;
/**
 * Fitting ASAP visits read per slot, furthest first (the ones that gain the most days, the ranking's first key): room
 * for the offers and for those skipped because their move would overlap something.
 */
const MAX_CANDIDATES = 200;

const performs = (performers: string | null, userId: string) => !!performers && (JSON.parse(performers) as string[]).includes(userId);

/**
 * ASAP clients for a freed slot of one employee: booked ASAP visits later than the slot that fit it, of the same
 * employee or of a service the slot's employee performs, in a branch the slot's employee works in; best fit first,
 * and only those whose move would not overlap anything else of the slot's employee. `freeing`: the visit whose slot
 * is offered while it still stands (a client said on a reminder call they will not come): it does not count as busy.
 */
export async function asapOffers(ctx: Ctx, input: ParsedInput<'visits.asapOffers'>, freeing?: string): Promise<AsapOffer[]> {
  const user = me(ctx);
  const slot = { userId: input.userId, start: canonical(input.start), end: canonical(input.end) };
  if (slot.end <= slot.start) throw fail.validation('end_before_start', 'end');
  if (user.role === 'employee' && input.userId !== user.id) throw fail.forbidden('visit_own_calendar', 'userId');
  const person = await branchesOfPerson(ctx.db, user.orgId, input.userId);
  if (!person) throw fail.notFound('user_not_found', 'userId');
  if (input.branchId) await resolveBranch(ctx, input.branchId, null);
  const rows = await ctx.db
    .selectFrom('visit as v')
    .innerJoin('branch as b', 'b.id', 'v.branch_id')
    .innerJoin('app_user as u', 'u.id', 'v.user_id')
    .innerJoin('client as c', 'c.id', 'v.client_id')
    .leftJoin('service as s', 's.id', 'v.service_id')
    .select(['v.id', 'v.user_id', 'u.name as user_name', 'v.client_id', 'c.name as client_name', 'c.primary_phone', 's.name as service_name', 's.performers', 'v.starts_at', 'v.ends_at', 'b.time_zone'])
    // The predicates of the partial index visit_asap, so only ASAP visits are read.
    .where(sql<SqlBool>`v.asap = 1 and v.status = 'booked' and v.deleted_at is null`)
    .where('v.kind', '=', 'visit')
    .where('v.starts_at', '>', slot.start)
    .where(inScope(user, { org: 'v.org_id', branch: 'v.branch_id' }))
    .$if(person.branches !== null, (q) => q.where('v.branch_id', 'in', person.branches!.length ? person.branches! : ['']))
    .$if(!!input.branchId, (q) => q.where('v.branch_id', '=', input.branchId!))
    .$if(!!input.serviceId, (q) => q.where('v.service_id', '=', input.serviceId!))
    .$if(user.role === 'employee', (q) => q.where('v.user_id', '=', user.id))
    // What fits, already in SQL (the rule checks it again): no longer than the slot; the slot employee's own, or a
    // service they perform.
    .where(sql<SqlBool>`(julianday(v.ends_at) - julianday(v.starts_at)) * 1440 <= ${durationMin(slot) + 0.5}`)
    .where(sql<SqlBool>`(v.user_id = ${slot.userId} or exists (select 1 from json_each(s.performers) p where p.value = ${slot.userId}))`)
    .orderBy('v.starts_at', 'desc')
    .limit(MAX_CANDIDATES)
    .execute();
  const candidates = rows.map((r) => ({ ...r, visitId: r.id, userId: r.user_id, start: r.starts_at, end: r.ends_at, tz: r.time_zone, slotUserPerforms: performs(r.performers, slot.userId) }));
  const ranked = rankAsap(candidates, slot);
  // The slot employee's time after the slot start, read once: a candidate is offered only if its move would fit.
  const longest = Math.max(0, ...ranked.map((c) => Date.parse(c.end) - Date.parse(c.start)));
  const busy = ranked.length ? await busyWithin(ctx, slot.userId, { start: slot.start, end: shift(slot.start, longest) }) : [];
  const offers: AsapOffer[] = [];
  for (const c of ranked) {
    if (offers.length >= MAX_OFFERS) break;
    const movedEnd = shift(slot.start, Date.parse(c.end) - Date.parse(c.start));
    if (busy.some((b) => b.id !== c.visitId && b.id !== freeing && b.starts_at < movedEnd && b.ends_at > slot.start)) continue;
    offers.push({
      visitId: c.visitId,
      clientId: c.client_id!,
      clientName: c.client_name,
      clientPhone: c.primary_phone,
      serviceName: c.service_name ?? null,
      userId: c.userId,
      userName: c.user_name,
      currentStart: c.start,
      durationMin: durationMin(c),
      daysEarlier: daysEarlier(c.start, slot.start, c.tz),
    });
  }
  return offers;
}

/** Moves the offered visit into the freed slot (same checks as a move), keeping its length; it is ASAP no more. */
export async function acceptAsap(ctx: Ctx, input: ParsedInput<'visits.acceptAsap'>): Promise<VisitDetail> {
  const before = await loadChangeable(ctx, input.id, input.version);
  await assertBookable(ctx, input.userId, before.branch_id);
  if (before.asap !== 1 || before.status !== 'booked') throw fail.validation('visit_not_asap', 'id');
  const start = canonical(input.start);
  if (start >= before.starts_at) throw fail.validation('visit_asap_not_earlier', 'start');
  if (input.userId !== before.user_id && before.service_id) {
    const service = await ctx.db.selectFrom('service').select('performers').where('id', '=', before.service_id).executeTakeFirst();
    if (!performs(service?.performers ?? null, input.userId)) throw fail.validation('visit_performer', 'userId');
  }
  const span = { start, end: shift(start, Date.parse(before.ends_at) - Date.parse(before.starts_at)) };
  return placeVisit(ctx, before, input.userId, span, input.outsideHoursConfirmed, { asap: 0 });
}
