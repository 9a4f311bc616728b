import { Grid, Textarea } from '@mantine/core';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useZoneNote } from '../../app/format';
import { DateTimeField } from './DateFields';
import type { SectionProps } from './formFields';

/** When the visit is (on the branch's clock, named when it is not the computer's) and what it is about. */
export function ScheduleFields({ form }: Pick<SectionProps, 'form'>) {
  const { t } = useTranslation();
  const [timeZone, start] = useWatch({ control: form.control, name: ['timeZone', 'startAt'] });
  const zoneNote = useZoneNote(timeZone);
  const err = form.formState.errors;
  return (
    <>
      <Grid.Col span={3}>
        <Controller
          control={form.control}
          name="startAt"
          render={({ field }) => (
            <DateTimeField
              ref={field.ref}
              label={t('interventions.form.startAt')}
              description={zoneNote && <span data-testid="f-zone-note">{zoneNote}</span>}
              timeZone={timeZone}
              value={field.value}
              onChange={field.onChange}
              error={err.startAt?.message}
              data-testid="f-start"
            />
          )}
        />
      </Grid.Col>
      <Grid.Col span={3}>
        <Controller
          control={form.control}
          name="endAt"
          render={({ field }) => (
            <DateTimeField
              ref={field.ref}
              label={t('interventions.form.endAt')}
              description={zoneNote && '\u00a0'}
              timeZone={timeZone}
              value={field.value}
              onChange={field.onChange}
              baseDate={start && !start.startsWith('!') ? start.slice(0, 10) : undefined}
              error={err.endAt?.message}
              data-testid="f-end"
            />
          )}
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <Textarea label={t('interventions.col.notes')} autosize minRows={1} maxRows={5} maxLength={4000} {...form.register('notes')} error={err.notes?.message} data-testid="f-notes" />
      </Grid.Col>
    </>
  );
}
