import type { FieldValues, Resolver, UseFormSetError, Path } from 'react-hook-form';
import type { z } from 'zod';
import i18next from 'i18next';
import { issueToError } from '../../shared/api/validation';
import { apiError } from '../app/errors';

/**
 * react-hook-form resolver from a contract schema: the form checks exactly what main will check,
 * with the same translated messages.
 */
export function contractResolver<T extends FieldValues, O = T>(schema: z.ZodType): Resolver<T, unknown, O> {
  return async (values) => {
    const r = schema.safeParse(values, { reportInput: true });
    if (r.success) return { values: r.data as O, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of r.error.issues) {
      const e = issueToError(issue);
      const field = e.field ?? 'root';
      if (!errors[field]) errors[field] = { type: e.code, message: i18next.t(e.key, e.params ?? {}) };
    }
    return { values: {}, errors: nest(errors) as never };
  };
}

/** "phones.0.number" → { phones: [{ number: err }] }, the shape react-hook-form reads. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const [path, err] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = err;
      else node = node[p] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {};
    });
  }
  return out;
}

/** Puts a refusal from main on its field; returns false when it names no field of this form. */
export function applyServerError<T extends FieldValues>(err: unknown, setError: UseFormSetError<T>, fields: readonly string[]): boolean {
  const e = apiError(err);
  if (!e?.field) return false;
  const top = e.field.split('.')[0]!;
  if (!fields.includes(top)) return false;
  setError(e.field as Path<T>, { type: e.code, message: i18next.t(e.key, e.params ?? {}) });
  return true;
}
