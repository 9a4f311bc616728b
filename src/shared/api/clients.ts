import { z } from 'zod';
import { procedure } from './contract';
import { byId, email, id, language, nullableStrings, okOutput, optionalId, optionalMultilineText, optionalText, pageInput, pageOf, phoneInput, requiredText, text, versioned } from './common';

export const CLIENT_KINDS = ['person', 'company'] as const;

const phoneItem = z.strictObject({ number: phoneInput, label: text(40).optional() });
const emailItem = z.strictObject({ address: email, label: text(40).optional() });
const addressItem = z.strictObject({
  label: text(40).optional(),
  street: text(200),
  locality: text(100),
  county: text(100).optional(),
  postalCode: text(20).optional(),
  country: z.string().regex(/^[A-Z]{2}$/),
});
const contactItem = z.strictObject({
  id: optionalId,
  name: requiredText(200),
  position: text(100).optional(),
  phone: phoneInput.nullable().optional(),
  email: email.nullable().optional(),
});

export const clientFields = {
  kind: z.enum(CLIENT_KINDS),
  name: requiredText(200),
  fiscalCode: optionalText(32),
  preferredLanguage: language.nullable().optional(),
  notes: optionalMultilineText(4000),
  responsibleId: optionalId,
  phones: z.array(phoneItem).max(10),
  emails: z.array(emailItem).max(10),
  addresses: z.array(addressItem).max(10),
  contacts: z.array(contactItem).max(50),
};

export const clientDetail = z.object({
  id,
  kind: z.enum(CLIENT_KINDS),
  name: z.string(),
  fiscalCode: z.string().nullable(),
  preferredLanguage: language.nullable(),
  notes: z.string().nullable(),
  responsibleId: id.nullable(),
  /** `notFoundAt`: a reminder call found the number does not exist (cleared when the number is changed). */
  phones: z.array(z.object({ number: z.string(), label: z.string().nullable(), notFoundAt: z.string().optional() })),
  emails: z.array(z.object({ address: z.string(), label: z.string().nullable() })),
  addresses: z.array(
    z.object({
      label: z.string().nullable(),
      street: z.string(),
      locality: z.string(),
      county: z.string().nullable(),
      postalCode: z.string().nullable(),
      country: z.string(),
    }),
  ),
  contacts: z.array(
    z.object({ id, name: z.string(), position: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  ),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClientDetail = z.infer<typeof clientDetail>;

export const clientListRow = z.object({
  id,
  kind: z.enum(CLIENT_KINDS),
  name: z.string(),
  ...nullableStrings('fiscalCode', 'phone', 'email', 'locality', 'responsibleName'),
  updatedAt: z.string(),
});
export type ClientListRow = z.infer<typeof clientListRow>;

export const duplicateMatch = z.object({
  kind: z.enum(['phone', 'email', 'fiscalCode']),
  value: z.string(),
  clientId: id,
  clientName: z.string(),
});
export type DuplicateMatch = z.infer<typeof duplicateMatch>;

export const CLIENT_SORTS = ['name', 'fiscalCode', 'updatedAt'] as const;

export const clientsApi = {
  'clients.list': procedure({
    input: z.strictObject({
      search: text(100).optional(),
      sort: z.enum(CLIENT_SORTS).optional(),
      desc: z.boolean().optional(),
      ...pageInput,
    }),
    output: pageOf(clientListRow),
    access: { module: 'clients', action: 'read' },
    writes: false,
  }),
  'clients.get': procedure({ input: byId, output: clientDetail, access: { module: 'clients', action: 'read' }, writes: false }),
  /** Phones, e-mails or fiscal code that already belong to another client: the form warns before saving. */
  'clients.checkDuplicates': procedure({
    input: z.strictObject({
      excludeId: optionalId,
      phones: z.array(phoneInput).max(10),
      emails: z.array(email).max(10),
      fiscalCode: optionalText(32),
    }),
    output: z.array(duplicateMatch),
    access: { module: 'clients', action: 'read' },
    writes: false,
  }),
  'clients.create': procedure({
    input: z.strictObject(clientFields),
    output: z.object({ client: clientDetail, duplicates: z.array(duplicateMatch) }),
    access: { module: 'clients', action: 'write' },
    writes: true,
  }),
  'clients.update': procedure({
    input: z.strictObject({ ...versioned, ...clientFields }),
    output: z.object({ client: clientDetail, duplicates: z.array(duplicateMatch) }),
    access: { module: 'clients', action: 'write' },
    writes: true,
  }),
  'clients.delete': procedure({ input: byId, output: okOutput, access: { module: 'clients', action: 'delete' }, writes: true }),
} as const;
