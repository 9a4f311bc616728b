import type { LocaleInput } from '@fullcalendar/react';
import enGb from '@fullcalendar/react/locales/en-gb';
import hyAm from '@fullcalendar/react/locales/hy-am';
import lt from '@fullcalendar/react/locales/lt';
import lv from '@fullcalendar/react/locales/lv';
import ro from '@fullcalendar/react/locales/ro';
import ru from '@fullcalendar/react/locales/ru';
import type { Language } from '../../shared/i18n/languages';

/** FullCalendar's words and week start in each of the six languages. */
export const FC_LOCALES: Record<Language, LocaleInput> = { en: enGb, lv, lt, ru, ro, hy: hyAm };
