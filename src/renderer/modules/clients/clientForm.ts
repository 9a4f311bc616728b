/**
 * The client form's values and how they become the contract's input: every text box holds a string,
 * blank rows are dropped before validating, and an empty optional value becomes what the contract expects.
 */
import type { FieldValues, Resolver } from 'react-hook-form';
import { api, type ParsedInput } from '../../../shared/api';
import type { ClientDetail } from '../../../shared/api/clients';
import type { Language } from '../../../shared/i18n/languages';
import { contractResolver } from '../../components/form';

export type ClientKind = ClientDetail['kind'];
export type ClientInput = ParsedInput<'clients.create'>;

export interface PhoneRow {
  number: string;
  label: string;
}
export interface EmailRow {
  address: string;
  label: string;
}
export interface AddressRow {
  label: string;
  street: string;
  locality: string;
  county: string;
  postalCode: string;
  country: string;
}
export interface ContactRow {
  id: string | null;
  name: string;
  position: string;
  phone: string;
  email: string;
}

export interface ClientFormValues extends FieldValues {
  kind: ClientKind;
  name: string;
  fiscalCode: string;
  preferredLanguage: Language | null;
  responsibleId: string | null;
  notes: string;
  phones: PhoneRow[];
  emails: EmailRow[];
  addresses: AddressRow[];
  contacts: ContactRow[];
}

/** Top-level fields of the form: a refusal from main naming one of them is shown at that field. */
export const CLIENT_FIELDS = ['kind', 'name', 'fiscalCode', 'preferredLanguage', 'responsibleId', 'notes', 'phones', 'emails', 'addresses', 'contacts'] as const;

/** Most clients have at most this many of each; the contract's caps. */
export const MAX_ROWS = { phones: 10, emails: 10, addresses: 10, contacts: 50 } as const;

export const emptyPhone = (): PhoneRow => ({ number: '', label: '' });
export const emptyEmail = (): EmailRow => ({ address: '', label: '' });
export const emptyAddress = (country: string): AddressRow => ({ label: '', street: '', locality: '', county: '', postalCode: '', country });
export const emptyContact = (): ContactRow => ({ id: null, name: '', position: '', phone: '', email: '' });

/** A new client starts with one phone, one e-mail and one address row ready to type into; blank ones are dropped on save. */
export function newClientValues(country: string): ClientFormValues {
  return {
    kind: 'person',
    name: '',
    fiscalCode: '',
    preferredLanguage: null,
    responsibleId: null,
    notes: '',
    phones: [emptyPhone()],
    emails: [emptyEmail()],
    addresses: [emptyAddress(country)],
    contacts: [],
  };
}

export function valuesFromDetail(c: ClientDetail, country: string): ClientFormValues {
  return {
    kind: c.kind,
    name: c.name,
    fiscalCode: c.fiscalCode ?? '',
    preferredLanguage: c.preferredLanguage,
    responsibleId: c.responsibleId,
    notes: c.notes ?? '',
    phones: c.phones.length ? c.phones.map((p) => ({ number: p.number, label: p.label ?? '' })) : [emptyPhone()],
    emails: c.emails.length ? c.emails.map((e) => ({ address: e.address, label: e.label ?? '' })) : [emptyEmail()],
    addresses: c.addresses.length
      ? c.addresses.map((a) => ({ label: a.label ?? '', street: a.street, locality: a.locality, county: a.county ?? '', postalCode: a.postalCode ?? '', country: a.country }))
      : [emptyAddress(country)],
    contacts: c.contacts.map((k) => ({ id: k.id, name: k.name, position: k.position ?? '', phone: k.phone ?? '', email: k.email ?? '' })),
  };
}

const blank = (...values: string[]) => values.every((v) => v.trim() === '');

/** Rows a person left empty (or emptied to remove them); the country alone does not make an address. */
export const isBlank = {
  phones: (r: PhoneRow) => blank(r.number, r.label),
  emails: (r: EmailRow) => blank(r.address, r.label),
  addresses: (r: AddressRow) => blank(r.label, r.street, r.locality, r.county, r.postalCode),
  contacts: (r: ContactRow) => blank(r.name, r.position, r.phone, r.email),
};

/** Form values → contract input (before the contract's own parsing): empty optionals become null. */
export function toInput(v: ClientFormValues): Record<string, unknown> {
  const orNull = (s: string) => (s.trim() === '' ? null : s);
  return {
    kind: v.kind,
    name: v.name,
    fiscalCode: orNull(v.fiscalCode),
    preferredLanguage: v.preferredLanguage ?? null,
    responsibleId: v.responsibleId || null,
    notes: orNull(v.notes),
    phones: v.phones.map((p) => ({ number: p.number, label: p.label })),
    emails: v.emails.map((e) => ({ address: e.address, label: e.label })),
    addresses: v.addresses.map((a) => ({ label: a.label, street: a.street, locality: a.locality, county: a.county, postalCode: a.postalCode, country: a.country })),
    contacts: v.contacts.map((k) => ({ ...(k.id ? { id: k.id } : {}), name: k.name, position: k.position, phone: orNull(k.phone), email: orNull(k.email) })),
  };
}

export const ROW_KEYS = ['phones', 'emails', 'addresses', 'contacts'] as const;
export type RowKey = (typeof ROW_KEYS)[number];
/** For each list, the form row index of each row that is sent. */
export type RowIndex = Record<RowKey, number[]>;

/** The values without blank rows, and where each kept row sits in the form. */
export function pruned(v: ClientFormValues): { values: ClientFormValues; index: RowIndex } {
  const index = { phones: [], emails: [], addresses: [], contacts: [] } as RowIndex;
  const keep = <K extends RowKey>(key: K): ClientFormValues[K] => {
    const rows = v[key] as ClientFormValues[K];
    return rows.filter((r, i) => {
      if ((isBlank[key] as (row: unknown) => boolean)(r)) return false;
      index[key].push(i);
      return true;
    }) as ClientFormValues[K];
  };
  return { values: { ...v, phones: keep('phones'), emails: keep('emails'), addresses: keep('addresses'), contacts: keep('contacts') }, index };
}

/** `phones.1.number` of what was sent → the path of that row in the form. */
export function formPath(field: string, index: RowIndex): string {
  const m = /^(phones|emails|addresses|contacts)\.(\d+)(.*)$/.exec(field);
  if (!m) return field;
  const original = index[m[1] as RowKey][Number(m[2])];
  return original === undefined ? field : `${m[1]}.${original}${m[3]}`;
}

/**
 * The contract's own schema checks the form, so the form says exactly what main would say.
 * Blank rows are left out first, and each error is put back on the row the person sees.
 */
export function clientResolver(): Resolver<ClientFormValues, unknown, ClientInput> {
  const base = contractResolver<FieldValues>(api['clients.create'].input);
  const resolver = async (values: ClientFormValues, ctx: unknown, opts: never) => {
    const { values: kept, index } = pruned(values);
    const r = await base(toInput(kept), ctx, opts);
    const errors = r.errors as Record<string, unknown>;
    for (const key of ROW_KEYS) {
      const list = errors[key];
      if (!Array.isArray(list)) continue;
      const moved: unknown[] = [];
      list.forEach((e, k) => {
        if (e) moved[index[key][k] ?? k] = e;
      });
      errors[key] = moved;
    }
    return r;
  };
  return resolver as never;
}

/**
 * A field path of `clients.checkDuplicates` (lists of plain numbers and addresses) → the matching path of `clients.create`:
 * `phones.1` → `phones.1.number`.
 */
export function createPath(field: string): string {
  return field.replace(/^phones\.(\d+)$/, 'phones.$1.number').replace(/^emails\.(\d+)$/, 'emails.$1.address');
}
