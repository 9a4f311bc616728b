import { z } from 'zod';
import { procedure } from './contract';
import { byId, countryCode, email, empty, id, language, okOutput, optionalId, optionalText, password, phoneInput, requiredText, role, text } from './common';

export const orgRow = z.object({
  id,
  name: z.string(),
  phone: z.string().nullable(),
  country: z.string(),
  timeZone: z.string(),
  languages: z.array(language),
  updatedAt: z.string(),
});

export const branchRow = z.object({
  id,
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  timeZone: z.string(),
  managerId: id.nullable(),
  updatedAt: z.string(),
});
export type BranchRow = z.infer<typeof branchRow>;

const branchFields = {
  name: requiredText(200),
  address: optionalText(300),
  /** Caller ID for this branch's reminder calls. */
  phone: phoneInput.nullable().optional(),
  timeZone: text(64).min(1),
  managerId: optionalId,
};

export const userRow = z.object({
  id,
  login: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role,
  language,
  branchIds: z.array(id),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type UserRow = z.infer<typeof userRow>;

/** A colleague as the pickers and lists show them: the name, nothing private (no login, e-mail or language). */
export const colleagueRow = z.object({ id, name: z.string(), active: z.boolean() });
export type ColleagueRow = z.infer<typeof colleagueRow>;

const userFields = {
  name: requiredText(200),
  email: email.nullable().optional(),
  role,
  language,
  branchIds: z.array(id).max(200),
};

export const organizationApi = {
  'org.get': procedure({ input: empty, output: orgRow, access: { module: 'organization', action: 'read' }, writes: false }),
  'org.update': procedure({
    input: z.strictObject({
      name: requiredText(200),
      phone: phoneInput.nullable().optional(),
      country: countryCode,
      timeZone: text(64).min(1),
      languages: z.array(language).min(1).max(6),
    }),
    output: orgRow,
    access: { module: 'organization', action: 'write' },
    writes: true,
  }),
  'branches.list': procedure({ input: empty, output: z.array(branchRow), access: { module: 'organization', action: 'read' }, writes: false }),
  'branches.create': procedure({ input: z.strictObject(branchFields), output: branchRow, access: { module: 'organization', action: 'write' }, writes: true }),
  'branches.update': procedure({
    input: z.strictObject({ id, ...branchFields }),
    output: branchRow,
    access: { module: 'organization', action: 'write' },
    writes: true,
  }),
  'branches.delete': procedure({ input: byId, output: okOutput, access: { module: 'organization', action: 'delete' }, writes: true }),

  'users.list': procedure({
    input: z.strictObject({ includeInactive: z.boolean().optional() }),
    output: z.array(userRow),
    access: { module: 'users', action: 'read' },
    writes: false,
  }),
  'users.create': procedure({
    input: z.strictObject({ ...userFields, login: requiredText(64).regex(/^[a-zA-Z0-9._@-]+$/), password: password(8) }),
    output: userRow,
    access: { module: 'users', action: 'write' },
    writes: true,
  }),
  'users.update': procedure({ input: z.strictObject({ id, ...userFields }), output: userRow, access: { module: 'users', action: 'write' }, writes: true }),
  'users.setPassword': procedure({
    input: z.strictObject({ id, password: password(8) }),
    output: okOutput,
    access: { module: 'users', action: 'write' },
    writes: true,
  }),
  'users.setActive': procedure({
    input: z.strictObject({ id, active: z.boolean() }),
    output: userRow,
    access: { module: 'users', action: 'delete' },
    writes: true,
  }),
  /** The colleagues a user works with (their branches'; everyone for owners and admins), by name: for pickers. */
  'users.directory': procedure({
    input: z.strictObject({
      includeInactive: z.boolean().optional(),
      /** Only people who see this branch: whom a branch's document may be given to. */
      branchId: id.optional(),
    }),
    output: z.array(colleagueRow),
    access: { session: true },
    writes: false,
  }),
} as const;
