import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Language } from '../../shared/i18n/languages';
import { DATE_FORMAT, DATE_TIME_FORMAT } from '../../shared/rules/dateFormat';
import { wallClock, zoneCity, zonesDiffer } from '../../shared/rules/zonedTime';

/** The computer's own zone: a branch's times are labelled with theirs when its clock differs from this one. */
export function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Dates, times and numbers through Intl in the user's locale: one object per locale, so memos may depend on it. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = LOCALES[(i18n.language as Language) ?? 'en'] ?? 'en-GB';
  // One object per language: screens may keep it in their memoized column definitions.
  return useMemo(() => formatFor(locale), [locale]);
}

/** The formatter of one locale (what `useFormat` gives a screen), for code outside React. */
export function formatFor(locale: string) {
  const wallF = new Intl.DateTimeFormat(locale, { ...DATE_TIME_FORMAT, timeZone: 'UTC' });
  /** A wall clock (`YYYY-MM-DDTHH:MM`, no zone) as the user's locale writes it. */
  const wall = (w: string | null | undefined) => (w ? wallF.format(Date.parse(`${w}:00Z`)) : '');
  return {
    locale,
    date: (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(locale, DATE_FORMAT).format(new Date(iso)) : ''),
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, DATE_TIME_FORMAT).format(new Date(iso)) : '',
    wall,
    /**
     * A branch's time on the branch's clock, with the branch's place beside it when this computer's clock differs
     * (`labelled` false: the zone is said elsewhere, as in a column header).
     */
    zoned: (iso: string | null | undefined, tz: string, labelled = true) => {
      if (!iso) return '';
      const text = wall(wallClock(iso, tz));
      return labelled && zonesDiffer(tz, deviceZone(), Date.parse(iso)) ? `${text} ${zoneCity(tz)}` : text;
    },
    number: (n: number) => new Intl.NumberFormat(locale).format(n),
    month: (ym: string) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${ym}-01T00:00:00Z`)),
  };
}

export type Format = ReturnType<typeof formatFor>;

/** "Times in Europe/Riga" where a branch's clock differs from this computer's now; null where they agree. */
export function useZoneNote(tz: string | null | undefined): string | null {
  const { t } = useTranslation();
  if (!tz || !zonesDiffer(tz, deviceZone(), Date.now())) return null;
  return t('interventions.zoneNote', { zone: tz });
}
