import { LOCALES, type Language } from '../../shared/i18n/languages';
import { DATE_FORMAT, DATE_TIME_FORMAT } from '../../shared/rules/dateFormat';

/** A moment on the branch's clock (the zone the office works in), in the reader's language; '' when unreadable. */
export function dateTime(iso: string | null, lang: Language, zone: string | null): string {
  return formatted(iso, lang, zone, DATE_TIME_FORMAT);
}

/** A calendar day as stored ('2026-12-07'): no zone, it is the same day everywhere. */
export function day(value: string | null, lang: Language): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  return formatted(`${value}T12:00:00Z`, lang, 'UTC', DATE_FORMAT);
}

function formatted(iso: string | null, lang: Language, zone: string | null, format: Intl.DateTimeFormatOptions): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(LOCALES[lang], { ...format, ...(zone ? { timeZone: zone } : {}) }).format(d);
  } catch {
    return new Intl.DateTimeFormat(LOCALES[lang], format).format(d);
  }
}

/** A span on one clock: "07.12.2026 09:00 – 11:00" when it stays within the day. */
export function span(start: string | null, end: string | null, lang: Language, zone: string | null): string {
  const a = dateTime(start, lang, zone);
  const b = dateTime(end, lang, zone);
  if (!a) return b;
  if (!b) return a;
  const sameDay = formatted(start, lang, zone, DATE_FORMAT) === formatted(end, lang, zone, DATE_FORMAT);
  return sameDay ? `${a} – ${formatted(end, lang, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}` : `${a} – ${b}`;
}
