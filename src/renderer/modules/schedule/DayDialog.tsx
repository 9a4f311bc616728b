import { useState } from 'react';
import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScheduleRow } from '../../../shared/api/schedule';
import { useApiMutation } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';
import { formatIntervals, parseIntervals } from './intervalsText';
import { WEEKDAYS, useWeekdayNames, type Weekday } from './weekdays';

interface Props {
  opened: boolean;
  row: ScheduleRow | null;
  day: Weekday;
  branchId: string;
  onClose(): void;
}

/** One person's hours on one weekday, typed as text, optionally copied to other days of the week; Enter saves. */
function DayBody(p: Props) {
  return p.row ? <DayForm {...p} row={p.row} /> : null;
}

function DayForm(p: Props & { row: ScheduleRow }) {
  const { t } = useTranslation();
  const names = useWeekdayNames();
  const row = p.row;
  const [text, setText] = useState(formatIntervals(row.week[p.day]));
  const [copyTo, setCopyTo] = useState<Weekday[]>([]);
  const [typed, setTyped] = useState<string | null>(null);
  const save = useApiMutation('schedule.setWeek', { onSuccess: () => p.onClose() });

  const submit = () => {
    const parsed = parseIntervals(text);
    if (!parsed.ok) return setTyped(t(parsed.key));
    setTyped(null);
    const week = { ...row.week };
    for (const d of [p.day, ...copyTo]) week[d] = parsed.intervals;
    save.mutate({ branchId: p.branchId, userId: row.userId, week, version: row.version });
  };
  // A refusal of the hours (main's own check of order and overlap) goes under them; any other above the buttons.
  const refusal = save.error ? errorText(t, save.error) : null;
  const onHours = !!apiError(save.error)?.field?.startsWith('week');
  const others = WEEKDAYS.filter((d) => d !== p.day);
  const pick = (days: readonly Weekday[]) => setCopyTo(days.filter((d) => d !== p.day));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="day-dialog"
    >
      <Stack gap="xs">
        <TextInput
          label={t('schedule.intervals')}
          description={t('schedule.intervalsHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={typed ?? (onHours ? refusal : null)}
          data-autofocus
          data-testid="day-intervals"
        />
        <Checkbox.Group label={t('schedule.copyTo')} value={copyTo} onChange={(v) => setCopyTo(v as Weekday[])}>
          <Group gap="xs" mt={4}>
            {others.map((d) => (
              <Checkbox key={d} value={d} label={names[d].short} data-testid={`day-copy-${d}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="xs">
          <Button size="compact-xs" variant="light" onClick={() => pick(['1', '2', '3', '4', '5'])} data-testid="day-copy-workdays">
            {t('schedule.workdays')}
          </Button>
          <Button size="compact-xs" variant="light" onClick={() => pick(WEEKDAYS)}>
            {t('schedule.wholeWeek')}
          </Button>
        </Group>
        <DialogFailure message={onHours ? null : refusal} testId="day-refusal" />
        <DialogButtons onCancel={p.onClose} label={t('common.save')} onConfirm={submit} busy={save.isPending} testId="day-save" />
        <button type="submit" hidden />
      </Stack>
    </form>
  );
}

export const DayDialog = freshDialog((_t, p: Props) => (p.row ? `${p.row.userName}: ${dayName(p.day)}` : ''), 'md', DayBody);

/** The dialog's title names the day in the reader's language. */
function dayName(d: Weekday): string {
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, Number(d))));
}
