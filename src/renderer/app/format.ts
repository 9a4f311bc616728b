import { useTranslation } from 'react-i18next';
import { LOCALES, type Language } from '../../shared/i18n/languages';
import { DATE_FORMAT, DATE_TIME_FORMAT } from '../../shared/rules/dateFormat';
import { wallClock, zoneCity, zonesDiffer } from '../../shared/rules/zonedTime';

let zone: string | undefined;
/** The computer's own zone: a branch's times are labelled with theirs when its clock differs from this one. */
export function deviceZone(): string {
  // Asked for every time cell drawn; a computer's zone does not change under a page (a new one reloads the app).
  zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return zone;
}

/** Dates, times and numbers through Intl in the user's locale: one object per locale, so memos may depend on it. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = LOCALES[(i18n.language as Language) ?? 'en'] ?? 'en-GB';
  return formatFor(locale);
}

const formats = new Map<string, Format>();

/**
 * The formatter of one locale (what `useFormat` gives a screen, and code outside React), made once per locale: a
 * screen may keep it in its memoized column definitions, and a grid cell drawn uses formatters already built (building
 * an Intl formatter costs more than formatting a thousand dates with it).
 */
export function formatFor(locale: string): Format {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = makeFormat(locale)));
  return f;
}

/** Made when first used: building an Intl formatter is the slow part, and a screen needs only some of them. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function makeFormat(locale: string) {
  const wallF = once(() => new Intl.DateTimeFormat(locale, { ...DATE_TIME_FORMAT, timeZone: 'UTC' }));
  const dateF = once(() => new Intl.DateTimeFormat(locale, DATE_FORMAT));
  const dateTimeF = once(() => new Intl.DateTimeFormat(locale, DATE_TIME_FORMAT));
  const numberF = once(() => new Intl.NumberFormat(locale));
  const monthF = once(() => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
  /** A wall clock (`YYYY-MM-DDTHH:MM`, no zone) as the user's locale writes it. */
  const wall = (w: string | null | undefined) => (w ? wallF().format(Date.parse(`${w}:00Z`)) : '');
  return {
    locale,
    date: (iso: string | null | undefined) => (iso ? dateF().format(new Date(iso)) : ''),
    dateTime: (iso: string | null | undefined) => (iso ? dateTimeF().format(new Date(iso)) : ''),
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
    number: (n: number) => numberF().format(n),
    month: (ym: string) => monthF().format(new Date(`${ym}-01T00:00:00Z`)),
  };
}

export type Format = ReturnType<typeof makeFormat>;

/** "Times in Europe/Riga" where a branch's clock differs from this computer's now; null where they agree. */
export function useZoneNote(tz: string | null | undefined): string | null {
  const { t } = useTranslation();
  if (!tz || !zonesDiffer(tz, deviceZone(), Date.now())) return null;
  return t('interventions.zoneNote', { zone: tz });
}
