import { me, type Ctx } from '../../api/context';
import { fail } from '../../api/errors';
import { isoNow } from '../../clock';
import type { ClientDetail, DuplicateMatch, clientFields } from '../../../shared/api/clients';
import { reversedDigits } from '../../../shared/rules/phone';
import { foldKey } from '../../../shared/rules/text';
import type { z } from 'zod';
import { recordAudit, syncedRows, type SyncedRows } from '../../api/funnel';
import { getUser } from '../organization';
import { normalizePhone, orgCountry } from '../../rules/phone';
import { CHILD_TABLES, loadClient, type ChildTable } from './repo';

type ClientInput = z.output<z.ZodObject<typeof clientFields>>;

/**
 * A client is one card over five tables: its rows go through the funnel without entries of their own, and the service
 * writes one entry for the card once every row is written (its snapshot holds phones, e-mails, addresses and contacts).
 */
const clientRows = syncedRows({ table: 'client', module: 'clients', announce: (ctx, w) => ctx.emit('clients.changed', { ids: [w.after.id] }) });
const childRows: { [T in ChildTable]: SyncedRows<T> } = {
  client_phone: syncedRows({ table: 'client_phone', module: 'clients' }),
  client_email: syncedRows({ table: 'client_email', module: 'clients' }),
  client_address: syncedRows({ table: 'client_address', module: 'clients' }),
  client_contact: syncedRows({ table: 'client_contact', module: 'clients' }),
};

/** The input with phones in E.164; each bad number is named by its field path. */
async function normalized(ctx: Ctx, input: ClientInput) {
  const country = await orgCountry(ctx.db, me(ctx).orgId);
  const phones = input.phones.map((p, i) => ({ number: normalizePhone(p.number, country, `phones.${i}.number`)!, label: p.label || null }));
  const contacts = input.contacts.map((k, i) => ({
    name: k.name,
    job_position: k.position || null,
    phone: normalizePhone(k.phone, country, `contacts.${i}.phone`),
    email: k.email ? k.email.toLowerCase() : null,
  }));
  const emails = input.emails.map((e) => ({ address: e.address, address_key: e.address.toLowerCase(), label: e.label || null }));
  const addresses = input.addresses.map((a) => ({
    label: a.label || null,
    street: a.street,
    locality: a.locality,
    county: a.county || null,
    postal_code: a.postalCode || null,
    country: a.country,
  }));
  if (input.responsibleId) await getUser(ctx, input.responsibleId, 'responsibleId');
  const fiscal = input.fiscalCode ? input.fiscalCode.toUpperCase().replace(/\s+/g, '') : null;
  return {
    row: {
      kind: input.kind,
      name: input.name,
      name_key: foldKey(input.name),
      fiscal_code: fiscal,
      preferred_language: input.preferredLanguage ?? null,
      notes: input.notes || null,
      responsible_id: input.responsibleId ?? null,
      primary_phone: phones[0]?.number ?? null,
      primary_email: emails[0]?.address ?? null,
      primary_locality: addresses[0]?.locality ?? null,
    },
    children: {
      client_phone: phones.map((p) => ({ ...p, digits_rev: reversedDigits(p.number) })),
      client_email: emails,
      client_address: addresses,
      client_contact: contacts,
    } satisfies Record<ChildTable, Record<string, unknown>[]>,
  };
}

/** Children are updated in place by position; surplus rows get a tombstone, so a syncing branch sees the removal. */
async function writeChildren(ctx: Ctx, clientId: string, children: Record<ChildTable, Record<string, unknown>[]>) {
  const quiet = { audit: false as const };
  for (const table of CHILD_TABLES) {
    const rows = (childRows[table] as SyncedRows<ChildTable>).in(ctx);
    const existing = await ctx.db.selectFrom(table).selectAll().where('client_id', '=', clientId).where('deleted_at', 'is', null).orderBy('position').execute();
    const wanted = children[table];
    for (let i = 0; i < Math.max(existing.length, wanted.length); i++) {
      const old = existing[i];
      const next = wanted[i];
      // A phone whose number was edited may exist after all: a reminder call's "not found" no longer holds.
      const unflag = table === 'client_phone' && old && next && (old as { number?: string }).number !== next.number ? { not_found_at: null } : {};
      if (old && next) await rows.update(old, { ...next, ...unflag, position: i }, quiet);
      else if (old) await rows.remove(old, quiet);
      else if (next) await rows.insert({ client_id: clientId, position: i, ...next } as never, quiet);
    }
  }
}

export async function findDuplicates(
  ctx: Ctx,
  q: { phones: string[]; emails: string[]; fiscalCode?: string | null; excludeId?: string | null },
): Promise<DuplicateMatch[]> {
  const orgId = me(ctx).orgId;
  const country = await orgCountry(ctx.db, orgId);
  const phones = q.phones.map((p, i) => normalizePhone(p, country, `phones.${i}`)).filter((p): p is string => !!p);
  const emails = q.emails.map((e) => e.toLowerCase());
  const exclude = q.excludeId ?? '';
  const out: DuplicateMatch[] = [];
  if (phones.length) {
    const rows = await ctx.db
      .selectFrom('client_phone as p')
      .innerJoin('client as c', 'c.id', 'p.client_id')
      .select(['p.number', 'c.id', 'c.name'])
      .where('p.org_id', '=', orgId)
      .where('p.digits_rev', 'in', phones.map(reversedDigits))
      .where('p.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null)
      .where('c.id', '!=', exclude)
      .execute();
    out.push(...rows.map((r) => ({ kind: 'phone' as const, value: r.number, clientId: r.id, clientName: r.name })));
  }
  if (emails.length) {
    const rows = await ctx.db
      .selectFrom('client_email as e')
      .innerJoin('client as c', 'c.id', 'e.client_id')
      .select(['e.address', 'c.id', 'c.name'])
      .where('e.org_id', '=', orgId)
      .where('e.address_key', 'in', emails)
      .where('e.deleted_at', 'is', null)
      .where('c.deleted_at', 'is', null)
      .where('c.id', '!=', exclude)
      .execute();
    out.push(...rows.map((r) => ({ kind: 'email' as const, value: r.address, clientId: r.id, clientName: r.name })));
  }
  const fiscal = q.fiscalCode?.toUpperCase().replace(/\s+/g, '');
  if (fiscal) {
    const rows = await ctx.db
      .selectFrom('client')
      .select(['id', 'name', 'fiscal_code'])
      .where('org_id', '=', orgId)
      .where('fiscal_code', '=', fiscal)
      .where('deleted_at', 'is', null)
      .where('id', '!=', exclude)
      .execute();
    out.push(...rows.map((r) => ({ kind: 'fiscalCode' as const, value: r.fiscal_code ?? fiscal, clientId: r.id, clientName: r.name })));
  }
  return out;
}

function duplicatesQuery(id: string | null, detail: { phones: { number: string }[]; emails: { address: string }[]; fiscalCode: string | null }) {
  return { excludeId: id, phones: detail.phones.map((p) => p.number), emails: detail.emails.map((e) => e.address), fiscalCode: detail.fiscalCode };
}

export async function createClient(ctx: Ctx, input: ClientInput): Promise<{ client: ClientDetail; duplicates: DuplicateMatch[] }> {
  const orgId = me(ctx).orgId;
  const { row, children } = await normalized(ctx, input);
  const { id } = await clientRows.in(ctx).insert(row, { audit: false });
  await writeChildren(ctx, id, children);
  const client = (await loadClient(ctx.db, orgId, id))!;
  await recordAudit(ctx, { module: 'clients', entity: 'client', entityId: id, action: 'create', summary: client.name, after: snapshot(client) });
  return { client, duplicates: await findDuplicates(ctx, duplicatesQuery(id, client)) };
}

export async function updateClient(ctx: Ctx, id: string, version: number, input: ClientInput): Promise<{ client: ClientDetail; duplicates: DuplicateMatch[] }> {
  const orgId = me(ctx).orgId;
  const rows = clientRows.in(ctx);
  const before = await rows.load(id, { key: 'client_not_found', field: 'id' });
  if (before.version !== version) throw fail.conflict('stale', 'version');
  const card = (await loadClient(ctx.db, orgId, id))!;
  const { row, children } = await normalized(ctx, input);
  await rows.update(before, row, { audit: false });
  await writeChildren(ctx, id, children);
  const client = (await loadClient(ctx.db, orgId, id))!;
  await recordAudit(ctx, { module: 'clients', entity: 'client', entityId: id, action: 'update', summary: client.name, before: snapshot(card), after: snapshot(client) });
  return { client, duplicates: await findDuplicates(ctx, duplicatesQuery(id, client)) };
}

export async function deleteClient(ctx: Ctx, id: string): Promise<void> {
  const rows = clientRows.in(ctx);
  const before = await rows.load(id, { key: 'client_not_found', field: 'id' });
  await rows.remove(before, { audit: { summary: before.name, before: null } });
}

/** What the audit log compares: the editable fields only. */
function snapshot(c: ClientDetail): Record<string, unknown> {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, contacts, ...rest } = c;
  return { ...rest, contacts: contacts.map(({ id: _k, ...k }) => k) };
}

/** For other modules: a live client of the caller's organization, or a refusal naming `field`. */
export async function getClient(ctx: Ctx, id: string, field = 'clientId'): Promise<ClientDetail> {
  const c = await loadClient(ctx.db, me(ctx).orgId, id);
  if (!c) throw fail.notFound('client_not_found', field);
  return c;
}

/**
 * A reminder call found the number does not exist (404/604 from the trunk): the phone is flagged so it is not dialled
 * again. Editing the number clears the flag (the clerk fixed it). A job writes it: the change names no user.
 */
export async function flagPhoneNotFound(ctx: Ctx, clientId: string, number: string): Promise<void> {
  const phones = await ctx.db.selectFrom('client_phone').selectAll().where('client_id', '=', clientId).where('number', '=', number).where('deleted_at', 'is', null).execute();
  for (const p of phones.filter((p) => !p.not_found_at)) {
    await childRows.client_phone.in(ctx).update(p, { not_found_at: isoNow(ctx.clock) }, { audit: { entity: 'client', entityId: clientId, action: 'update', summary: `phone ${number} does not exist (reminder call)` } });
  }
}

/**
 * A client for a request from someone unknown (the tasks module's intakes, which write as the system, not a user):
 * the name they gave (else their address or number), their e-mail and phone (an E.164 one); the dispatcher completes
 * the card later. `via` names the intake in the audit.
 */
export async function clientFromContact(ctx: Ctx, orgId: string, contact: { name: string; email: string | null; phone: string | null; via: string; language?: string | null }): Promise<string> {
  const email = contact.email?.trim() || null;
  const phone = contact.phone?.trim() || null;
  const name = contact.name.trim() || email || phone || '?';
  const row = { org_id: orgId, kind: 'person', name, name_key: foldKey(name), fiscal_code: null, preferred_language: contact.language ?? null, notes: null, responsible_id: null, primary_phone: phone, primary_email: email, primary_locality: null };
  const { id } = await clientRows.in(ctx).insert(row, { audit: false });
  if (email) await childRows.client_email.in(ctx).insert({ org_id: orgId, client_id: id, position: 0, address: email, address_key: email.toLowerCase(), label: null }, { audit: false });
  if (phone) await childRows.client_phone.in(ctx).insert({ org_id: orgId, client_id: id, position: 0, number: phone, digits_rev: reversedDigits(phone), label: null, not_found_at: null }, { audit: false });
  const after = { name, emails: email ? [email] : [], ...(phone ? { phones: [phone] } : {}) };
  await recordAudit(ctx, { module: 'clients', entity: 'client', entityId: id, action: 'create', summary: `${name} (${contact.via})`, after, orgId, userId: null });
  return id;
}
