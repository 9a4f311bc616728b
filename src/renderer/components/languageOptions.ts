import { LANGUAGES, LANGUAGE_NAMES } from '../../shared/i18n/languages';

/** The six languages for a picker, each in its own name. Kept apart from the form fields: the login needs only this. */
export const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }));
