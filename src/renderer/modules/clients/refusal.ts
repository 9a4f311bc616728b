import type { TFunction } from 'i18next';
import { apiError, errorText } from '../../app/errors';

/**
 * A refusal from main as one sentence. When it names the record itself (`id`, `version`: "Someone else changed this record")
 * the field label would only add noise, so the message stands alone.
 */
export function refusalText(t: TFunction, err: unknown): string {
  const e = apiError(err);
  if (e && (!e.field || e.field === 'id' || e.field === 'version')) return t(e.key, { ...(e.params ?? {}), defaultValue: t('errors.internal') });
  return errorText(t, err);
}
