import type { Ctx } from '../../api/context';
import { reversedDigits } from '../../../shared/rules/phone';
import { clientFromContact } from '../clients';

export interface Requester {
  name: string;
  /** Lower-case e-mail address, or null. */
  email: string | null;
  /** E.164, or null. */
  phone: string | null;
  /** The intake, for the new client's audit line ("e-mail", "web form"). */
  via: string;
  /** The language they wrote in, kept on a new client for the e-mails it gets. */
  language?: string | null;
}

/**
 * The client a request came from, as every intake finds it: by e-mail first, then by phone (the oldest client that
 * has it); someone unknown becomes a new client, which the task marks for review.
 */
export async function requesterClient(ctx: Ctx, orgId: string, who: Requester): Promise<{ id: string; isNew: boolean }> {
  if (who.email) {
    const known = await ctx.db
      .selectFrom('client_email as e')
      .innerJoin('client as c', 'c.id', 'e.client_id')
      .select('c.id')
      .where('e.org_id', '=', orgId)
      .where('e.address_key', '=', who.email)
      .where('e.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.created_at')
      .executeTakeFirst();
    if (known) return { id: known.id, isNew: false };
  }
  if (who.phone) {
    const known = await ctx.db
      .selectFrom('client_phone as p')
      .innerJoin('client as c', 'c.id', 'p.client_id')
      .select('c.id')
      .where('p.org_id', '=', orgId)
      .where('p.digits_rev', '=', reversedDigits(who.phone))
      .where('p.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null)
      .orderBy('c.created_at')
      .executeTakeFirst();
    if (known) return { id: known.id, isNew: false };
  }
  return { id: await clientFromContact(ctx, orgId, who), isNew: true };
}
