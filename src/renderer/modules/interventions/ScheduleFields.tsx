import { Badge, Grid, Input, Tooltip } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useZoneNote } from '../../app/format';
import { DateTimeField } from './DateFields';
import { FieldCol, type SectionProps } from './formFields';
import { useShownStatus } from './formStatus';
import { STATUS_COLOR, statusLabel } from './model';
import { UserSelect } from './selects';

/** When the visit is (on the branch's clock, named when it is not the computer's), who does it, and the status that makes. */
export function ScheduleFields({ form, readOnly, detail: d }: SectionProps) {
  const { t } = useTranslation();
  const [timeZone, start, branchId] = useWatch({ control: form.control, name: ['timeZone', 'startAt', 'branchId'] });
  const zoneNote = useZoneNote(timeZone);
  const status = useShownStatus(form, d);
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
      <FieldCol form={form} readOnly={readOnly} name="takenById" span={4} render={(f) => <UserSelect {...f} label={t('interventions.col.takenBy')} description={zoneNote && '\u00a0'} branchId={branchId} data-testid="f-taken-by" />} />
      <Grid.Col span={2}>
        <Input.Wrapper size="xs" label={t('interventions.col.status')} description={zoneNote && '\u00a0'}>
          <div style={{ height: 30, display: 'flex', alignItems: 'center' }}>
            <Tooltip label={t('interventions.form.statusHint')} multiline w={260} withinPortal zIndex={500}>
              <Badge color={STATUS_COLOR[status]} variant="light" data-testid="f-status" data-status={status}>
                {statusLabel(t, status)}
              </Badge>
            </Tooltip>
          </div>
        </Input.Wrapper>
      </Grid.Col>
    </>
  );
}
