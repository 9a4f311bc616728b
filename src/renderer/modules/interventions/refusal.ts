import type { TFunction } from 'i18next';
import { apiError, errorText } from '../../app/errors';

/**
 * A refusal from main as one sentence. When it names the record itself (`id`, `version`) the field label would only
 * add noise; otherwise the field's name leads ("Scheduled end: The end must be after the start").
 */
export function refusal(t: TFunction, err: unknown): string {
  const e = apiError(err);
  if (e && (!e.field || e.field === 'id' || e.field === 'version')) return t(e.key, { ...(e.params ?? {}), defaultValue: t('errors.internal') });
  return errorText(t, err);
}
