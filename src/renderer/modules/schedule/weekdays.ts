import { useMemo } from 'react';
import { useFormat } from '../../app/format';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Monday…Sunday in the reader's language, short and long (2024-01-01 was a Monday). */
export function useWeekdayNames(): Record<Weekday, { short: string; long: string }> {
  const { locale } = useFormat();
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    const at = (d: Weekday) => new Date(Date.UTC(2024, 0, Number(d)));
    return Object.fromEntries(WEEKDAYS.map((d) => [d, { short: short.format(at(d)), long: long.format(at(d)) }])) as Record<Weekday, { short: string; long: string }>;
  }, [locale]);
}
