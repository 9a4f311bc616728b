import type { TFunction } from 'i18next';
import { get, useFormContext, type FieldValues } from 'react-hook-form';
import { REMINDER_OFFSET } from '../../../shared/api/reminders';

/** Offsets offered as one keystroke away; any other `Nm`/`Nh`/`Nd` may be typed. */
export const OFFSET_SUGGESTIONS = ['15m', '30m', '1h', '2h', '3h', '1d', '2d', '3d', '7d'];

const UNIT = { m: 'minute', h: 'hour', d: 'day' } as const;

/** "1d" → "1 d before" in the reader's language; anything else as it is. */
export function offsetLabel(t: TFunction, offset: string): string {
  const m = REMINDER_OFFSET.exec(offset);
  return m ? t(`remindersUi.offset.${UNIT[m[2] as keyof typeof UNIT]}`, { n: m[1] }) : offset;
}

/** The translated message at a nested path of the form (`trunk.host`, `policy.offsets.1`), or of any item below it. */
export function useNestedError<T extends FieldValues>() {
  const { formState } = useFormContext<T>();
  return (path: string): string | undefined => {
    const e = get(formState.errors, path) as { message?: string } | Array<{ message?: string } | undefined> | undefined;
    if (Array.isArray(e)) return e.find((x) => x?.message)?.message;
    return e?.message;
  };
}
