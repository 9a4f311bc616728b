import { z } from 'zod';
import { procedure, type Access } from './contract';
import { empty, id, language, okOutput, password, requiredText, role, text } from './common';

export const sessionUser = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  login: z.string(),
  name: z.string(),
  role,
  language,
  branchIds: z.array(id),
  /** The profile's language, when this session speaks another (picked on the login screen): the user may keep it. */
  savedLanguage: language.optional(),
});
export type SessionUser = z.infer<typeof sessionUser>;

/** A write that checks a password: it hashes outside any transaction, so its ~100 ms of CPU never holds the connection. */
const checkingPassword = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access) =>
  procedure({ input, output, access, writes: true, ownTransactions: true });

export const authApi = {
  'auth.login': checkingPassword(
    /** `language`: picked on the login screen; this session speaks it, the profile keeps its own until told. */
    z.strictObject({ login: requiredText(64), password: password(1), language: language.optional() }),
    sessionUser,
    { public: true },
  ),
  'auth.logout': procedure({ input: empty, output: okOutput, access: { session: true }, writes: true }),
  /** Null when not logged in (or the session expired), so the renderer can show the login screen. */
  'auth.me': procedure({ input: empty, output: sessionUser.nullable(), access: { public: true }, writes: false }),
  'auth.setLanguage': procedure({ input: z.strictObject({ language }), output: sessionUser, access: { session: true }, writes: true }),
  'auth.changePassword': checkingPassword(z.strictObject({ current: password(1), next: password(8) }), okOutput, { session: true }),
} as const;

export const setupApi = {
  'setup.status': procedure({
    input: empty,
    output: z.object({ needsSetup: z.boolean() }),
    access: { public: true },
    writes: false,
  }),
  /** First start only: creates the organization, its first branch and the owner, and logs the owner in. */
  'setup.run': procedure({
    input: z.strictObject({
      orgName: requiredText(200),
      country: z.string().regex(/^[A-Z]{2}$/),
      timeZone: text(64).min(1),
      orgPhone: text(32).optional(),
      languages: z.array(language).min(1).max(6),
      branchName: requiredText(200),
      ownerName: requiredText(200),
      ownerLogin: requiredText(64).regex(/^[a-zA-Z0-9._@-]+$/),
      ownerPassword: password(8),
      ownerLanguage: language,
    }),
    output: sessionUser,
    access: { public: true },
    writes: true,
  }),
  /** First start only: loads the demo organization; the logins are printed and returned. `language`: the one its reference lists and notes are written in (the wizard's); `interventions`: how busy its call centre is (3,000 unless told; 0: no call centre, its lists empty). */
  'setup.demo': procedure({
    input: z.strictObject({ language: language.optional(), interventions: z.number().int().min(0).max(3000).optional() }),
    output: z.object({ logins: z.array(z.object({ login: z.string(), password: z.string(), role })) }),
    access: { public: true },
    writes: true,
  }),
} as const;
