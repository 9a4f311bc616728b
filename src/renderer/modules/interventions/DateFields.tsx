import { forwardRef, useState, type KeyboardEvent } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { parseDate, parseDateTime, parseTime } from './dateInput';
import { wallClock } from '../../../shared/rules/zonedTime';

type Props = Omit<TextInputProps, 'value' | 'onChange'> & {
  /** YYYY-MM-DD (DateField) or YYYY-MM-DDTHH:MM wall-clock (DateTimeField); '' when empty. A value starting with "!" is text that is not a date. */
  value: string | null | undefined;
  onChange(value: string): void;
  /** The branch's zone: "t" and "+1" count from today on its calendar (the computer's when absent). */
  timeZone?: string;
};

/** Now as a Date whose local fields read the zone's wall clock: what the clerk-typed date rules count from. */
function nowIn(tz: string | undefined): Date {
  if (!tz) return new Date();
  const [date, time] = wallClock(Date.now(), tz).split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, h, min);
}

/** Marks typed text that is not a date, so validation names the field instead of dropping what was typed. */
export const INVALID = '!';

function useTypedDate(value: string | null | undefined, format: (v: string) => string, parse: (s: string) => string | null, onChange: (v: string) => void) {
  const shown = (v: string | null | undefined) => (!v ? '' : v.startsWith(INVALID) ? v.slice(1) : format(v));
  // While the box has the focus it shows what is typed; otherwise the value as the clerk's locale writes it.
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  const commit = () => {
    const s = text.trim();
    const v = s ? (parse(s) ?? `${INVALID}${s}`) : '';
    if (v !== (value ?? '')) onChange(v);
    setText(shown(v));
  };
  return {
    value: editing ? text : shown(value),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value),
    onFocus: (e: React.FocusEvent<HTMLInputElement>) => {
      setText(shown(value));
      setEditing(true);
      e.currentTarget.select();
    },
    onBlur: () => {
      setEditing(false);
      commit();
    },
    // Enter commits before the form's submit reads the value.
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Enter') commit();
    },
  };
}

/**
 * A date typed, not clicked: one tab stop, "27.11", "2711", "t", "+1" all work; shown in the clerk's locale.
 * (Native date inputs have one tab stop per segment and fight the dialogs' focus traps.)
 */
export const DateField = forwardRef<HTMLInputElement, Props>(function DateField({ value, onChange, timeZone, ...rest }, ref) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const typed = useTypedDate(value, (v) => fmt.date(`${v}T12:00:00Z`), (s) => parseDate(s, nowIn(timeZone)), onChange);
  return <TextInput ref={ref} placeholder={t('interventions.dateHint')} autoComplete="off" {...rest} {...typed} />;
});

/**
 * Date and time in one box: "27.11 10:30", "+1 9", "2711 1030"; a date alone takes `defaultTime`,
 * a time alone ("12:30") is on `baseDate` (the end of a visit on its start's day).
 */
export const DateTimeField = forwardRef<HTMLInputElement, Props & { defaultTime?: string; baseDate?: string }>(function DateTimeField(
  { value, onChange, defaultTime = '09:00', baseDate, timeZone, ...rest },
  ref,
) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const typed = useTypedDate(
    value,
    // The value is a wall clock already: shown as it is, never through this computer's zone.
    (v) => fmt.wall(v),
    (s) => {
      const time = /^\d{1,2}[:.]\d{2}$/.test(s) ? parseTime(s) : null;
      return time && baseDate ? `${baseDate}T${time}` : parseDateTime(s, defaultTime, nowIn(timeZone));
    },
    onChange,
  );
  return <TextInput ref={ref} placeholder={t('interventions.dateTimeHint')} autoComplete="off" {...rest} {...typed} />;
});
