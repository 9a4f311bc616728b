import type { TFunction } from 'i18next';
import type { ApiError } from '../../shared/api/errors';
import { ApiCallError } from './api';

/** The message a person reads for a refusal: translated, naming the field when there is one. */
export function errorText(t: TFunction, err: unknown): string {
  const e: ApiError = err instanceof ApiCallError ? err.error : { code: 'internal', key: 'errors.internal' };
  const message = t(e.key, { ...(e.params ?? {}), defaultValue: t('errors.internal') });
  // A refusal about the record itself ("Someone else changed this record") reads better without a field label.
  if (!e.field || e.field === 'id' || e.field === 'version') return message;
  const last = e.field.split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? e.field;
  const label = t(`fields.${last}`, { defaultValue: '' });
  return label ? `${label}: ${message}` : message;
}

export function apiError(err: unknown): ApiError | null {
  return err instanceof ApiCallError ? err.error : null;
}
