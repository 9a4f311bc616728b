import { useTranslation } from 'react-i18next';
import { LOCALES, type Language } from '../../shared/i18n/languages';

/** Dates, times and numbers through Intl in the user's locale. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = LOCALES[(i18n.language as Language) ?? 'en'] ?? 'en-GB';
  return {
    locale,
    date: (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'short' }).format(new Date(iso)) : ''),
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)) : '',
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    month: (ym: string) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${ym}-01T00:00:00Z`)),
  };
}
