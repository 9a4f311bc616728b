import type { z } from 'zod';
import type { ApiError } from './errors';

/** One zod issue → one translated, field-named error. Shared so forms and main say the same thing. */
export function issueToError(issue: z.core.$ZodIssue): ApiError {
  const field = issue.path.map(String).join('.') || undefined;
  const base = { code: 'validation' as const, field };
  // Absent is "required", whatever kind of value was expected.
  if (issue.code !== 'unrecognized_keys' && 'input' in issue && issue.input === undefined) return { ...base, key: 'errors.required' };
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? { ...base, key: 'errors.required' }
        : { ...base, key: 'errors.wrong_type' };
    case 'too_big':
      return { ...base, key: issue.origin === 'string' ? 'errors.too_long' : 'errors.too_big', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { ...base, key: 'errors.required' };
      return { ...base, key: issue.origin === 'string' ? 'errors.too_short' : 'errors.too_small', params: { min: Number(issue.minimum) } };
    case 'unrecognized_keys':
      return { ...base, key: 'errors.unknown_field', field: [...issue.path.map(String), issue.keys[0]].join('.') };
    case 'invalid_format':
      return { ...base, key: issue.format === 'email' ? 'errors.email_invalid' : 'errors.invalid_format' };
    case 'invalid_value':
      return { ...base, key: 'errors.invalid_choice' };
    case 'custom':
      return { ...base, key: issue.message?.startsWith('errors.') ? issue.message : 'errors.invalid_format' };
    default:
      return { ...base, key: 'errors.invalid_format' };
  }
}
