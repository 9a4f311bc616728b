import { z } from 'zod';
import { ROLES } from '../permissions';
import { LANGUAGES } from '../i18n/languages';

/** Every string in the contract has a length cap: oversize input is refused before any handler runs. */
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const id = z.uuid();
export const optionalId = z.uuid().nullable().optional();
export const language = z.enum(LANGUAGES);
export const role = z.enum(ROLES);
/** Raw phone as typed; the service normalizes it to E.164 against the organization's country. */
export const phoneInput = z.string().trim().min(1).max(32);
export const email = z.email().max(254);
/** IANA time zone name; the service checks it is known to the runtime. */
export const timeZone = z.string().min(1).max(64).regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$|^UTC$/);
export const isoInstant = z.iso.datetime({ offset: false });
export const isoDate = z.iso.date();
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const countryCode = z.string().regex(/^[A-Z]{2}$/);

export const pageInput = {
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(10_000_000).default(0),
};

export const empty = z.strictObject({});
export const okOutput = z.object({ ok: z.literal(true) });

export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int() });
}
