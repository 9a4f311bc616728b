import { Textarea } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useZoneNote } from '../../app/format';
import { DateTimeField } from './DateFields';
import { FieldCol, MarkedCol, type SectionProps } from './formFields';

/** When the visit is (on the branch's clock, named when it is not the computer's) and what it is about. */
export function ScheduleFields({ form }: Pick<SectionProps, 'form'>) {
  const { t } = useTranslation();
  const [timeZone, start] = useWatch({ control: form.control, name: ['timeZone', 'startAt'] });
  const zoneNote = useZoneNote(timeZone);
  return (
    <>
      <FieldCol
        form={form}
        name="startAt"
        span={3}
        render={(f) => (
          <DateTimeField {...f} label={t('interventions.form.startAt')} description={zoneNote && <span data-testid="f-zone-note">{zoneNote}</span>} timeZone={timeZone} data-testid="f-start" />
        )}
      />
      <FieldCol
        form={form}
        name="endAt"
        span={3}
        render={(f) => (
          <DateTimeField
            {...f}
            label={t('interventions.form.endAt')}
            description={zoneNote && '\u00a0'}
            timeZone={timeZone}
            baseDate={start && !start.startsWith('!') ? start.slice(0, 10) : undefined}
            data-testid="f-end"
          />
        )}
      />
      <MarkedCol name="notes" span={6}>
        <Textarea label={t('interventions.col.notes')} autosize minRows={1} maxRows={5} maxLength={4000} {...form.register('notes')} error={form.formState.errors.notes?.message} data-testid="f-notes" />
      </MarkedCol>
    </>
  );
}
