import { z } from 'zod';
import { ROLES } from '../permissions';
import { LANGUAGES } from '../i18n/languages';

/**
 * Control characters (C0, DEL, C1) and lone UTF-16 surrogates: invisible, they break search, sorting,
 * printing and exports, and a NUL cuts the text short in C libraries. Tab and line breaks are text only
 * where a field holds several lines.
 */
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const CONTROL_CHAR_KEY = 'errors.control_char';

/** A length cap and no control characters: every string field of the contract is built here (the contract test checks it). */
const checked = (base: z.ZodString, max: number, multiLine: boolean) =>
  base.max(max).refine((s) => !(multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s), { message: CONTROL_CHAR_KEY });

/** Taken as sent (not trimmed): passwords, encoded payloads, saved settings. */
export const plainString = (max: number, multiLine = false) => checked(z.string(), max, multiLine);
/** Every string in the contract has a length cap: oversize input is refused before any handler runs. */
export const text = (max: number) => checked(z.string().trim(), max, false);
export const requiredText = (max: number) => text(max).min(1);
export const optionalText = (max: number) => text(max).nullable().optional();
/** Several lines (notes, reasons, timeline text): tab and line breaks allowed. */
export const multilineText = (max: number) => checked(z.string().trim(), max, true);
export const requiredMultilineText = (max: number) => multilineText(max).min(1);
export const optionalMultilineText = (max: number) => multilineText(max).nullable().optional();
export const password = (min: number) => plainString(256).min(min);

export const id = z.uuid();
export const optionalId = z.uuid().nullable().optional();
export const language = z.enum(LANGUAGES);
export const role = z.enum(ROLES);
/** Raw phone as typed; the service normalizes it to E.164 against the organization's country. */
export const phoneInput = requiredText(32);
export const email = z.email().max(254);
/** IANA time zone name; the service checks it is known to the runtime. */
export const timeZone = plainString(64).min(1).regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$|^UTC$/);
export const isoInstant = z.iso.datetime({ offset: false });
export const isoDate = z.iso.date();
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const countryCode = z.string().regex(/^[A-Z]{2}$/);

export const pageInput = {
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(10_000_000).default(0),
};

/** Names an existing row and the version the caller loaded: a write on a stale version is refused. */
export const versioned = { id, version: z.number().int().min(1) };
/** The input of a procedure that names one row and nothing else. */
export const byId = z.strictObject({ id });

/** Output columns that hold text or nothing, named together: list and grid rows have dozens of them. */
export function nullableStrings<const K extends string>(...names: K[]): { [P in K]: z.ZodNullable<z.ZodString> } {
  return Object.fromEntries(names.map((n) => [n, z.string().nullable()])) as { [P in K]: z.ZodNullable<z.ZodString> };
}

export const empty = z.strictObject({});
export const okOutput = z.object({ ok: z.literal(true) });

export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int() });
}
