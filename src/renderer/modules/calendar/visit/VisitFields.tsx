import { useMemo } from 'react';
import { Anchor, Checkbox, Grid, Group, NumberInput, Text, Textarea } from '@mantine/core';
import { useController, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ServiceRow } from '../../../../shared/api/schedule';
import { useZoneNote } from '../../../app/format';
import { DateTimeField } from '../../interventions/DateFields';
import { KeySelect, UserSelect } from '../../interventions/selects';
import { NomenclatureSelect } from '../../nomenclature/NomenclatureSelect';
import { servicesFor, withMainService } from './serviceRules';
import type { VisitFormValues, VisitInput } from './visitValues';


export type VisitFormApi = UseFormReturn<VisitFormValues, unknown, VisitInput>;

export interface VisitFieldsProps {
  form: VisitFormApi;
  readOnly: boolean;
  branchId: string;
  services: readonly ServiceRow[];
  /** null while it loads; 'break' for a break, which has no client. */
  client: { name: string; phone: string | null } | null | 'break';
  /** The client's name opens the client card. */
  onOpenClient(): void;
  /** An employee books only into their own calendar (main refuses any other). */
  employeeFixed: boolean;
  /** A new visit starts at the service: the slot already said who and when. */
  isNew: boolean;
}

/**
 * The visit window of seed 003 in the order the desk fills it: who comes, with whom, when and for how long, for
 * what, the PK and ASAP marks, where the client came from, and what the employee should know.
 */
export function VisitFields({ form, readOnly, branchId, services, client, onOpenClient, employeeFixed, isNew }: VisitFieldsProps) {
  const { t } = useTranslation();
  const { control } = form;
  const [timeZone, userId] = useWatch({ control, name: ['timeZone', 'userId'] });
  const zoneNote = useZoneNote(timeZone);
  const user = useBound(form, 'userId', readOnly);
  const start = useBound(form, 'start', readOnly);
  const duration = useBound(form, 'durationMin', readOnly);
  const service = useBound(form, 'serviceId', readOnly);
  const source = useBound(form, 'sourceId', readOnly);
  const offered = useMemo(() => servicesFor(services, userId, service.value), [services, userId, service.value]);
  const byId = useMemo(() => new Map(services.map((s) => [s.id, s])), [services]);

  // Another service brings its duration and takes the previous one's place among the lines.
  const pickService = (id: string | null) => {
    const next = id ? (byId.get(id) ?? null) : null;
    form.setValue('lines', withMainService(form.getValues('lines'), service.value, next), { shouldDirty: true });
    if (next) form.setValue('durationMin', next.durationMin, { shouldDirty: true });
    service.onChange(id);
  };

  return (
    <Grid gap={8}>
      <Grid.Col span={12}>
        <Group gap="xs" wrap="nowrap" data-testid="visit-client">
          <Text size="sm" c="dimmed">
            {t('visit.client')}:
          </Text>
          {client === 'break' ? (
            <Text size="sm">{t('visit.break')}</Text>
          ) : client ? (
            <Anchor component="button" type="button" size="sm" fw={600} onClick={onOpenClient} data-testid="visit-client-name">
              {client.name}
            </Anchor>
          ) : (
            <Text size="sm">…</Text>
          )}
          {client && client !== 'break' && client.phone && (
            <Anchor size="sm" href={`tel:${client.phone}`} data-testid="visit-client-phone">
              {client.phone}
            </Anchor>
          )}
        </Group>
      </Grid.Col>
      <Grid.Col span={5}>
        <UserSelect
          {...user}
          branchId={branchId}
          label={t('visit.employee')}
          disabled={readOnly || employeeFixed}
          clearable={false}
          data-testid="visit-employee"
        />
      </Grid.Col>
      <Grid.Col span={4}>
        <DateTimeField
          {...start}
          label={t('visit.start')}
          description={zoneNote}
          timeZone={timeZone}
          data-testid="visit-start"
        />
      </Grid.Col>
      <Grid.Col span={3}>
        <NumberInput
          {...duration}
          onChange={(v) => duration.onChange(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
          label={t('visit.duration')}
          description={zoneNote && '\u00a0'}
          min={5}
          max={1440}
          step={5}
          allowDecimal={false}
          suffix={` ${t('visit.min')}`}
          data-testid="visit-duration"
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <KeySelect
          {...service}
          onChange={pickService}
          label={t('visit.service')}
          data={offered.map((s) => ({ value: s.row.id, label: s.row.name }))}
          renderOption={({ option }) => {
            const s = offered.find((o) => o.row.id === option.value);
            return (
              <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
                <Text size="xs" fw={s?.performs ? 600 : undefined} truncate>
                  {option.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {s ? `${s.row.durationMin} ${t('visit.min')}${s.performs ? '' : ` · ${t('visit.notPerformer')}`}` : ''}
                </Text>
              </Group>
            );
          }}
          data-autofocus={isNew || undefined}
          data-testid="visit-service"
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <NomenclatureSelect
          {...source}
          kind="visit_source"
          onChange={(v) => source.onChange(v)}
          label={t('visit.source')}
          data-testid="visit-source"
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Group gap="lg">
          <Checkbox label={t('visit.firstConsultation')} {...form.register('firstConsultation')} disabled={readOnly} data-testid="visit-pk" />
          <Checkbox label={t('visit.asap')} description={t('visit.asapHint')} {...form.register('asap')} disabled={readOnly} data-testid="visit-asap" />
        </Group>
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea
          label={t('visit.notes')}
          autosize
          minRows={2}
          maxRows={4}
          maxLength={2000}
          {...form.register('notes')}
          error={form.formState.errors.notes?.message}
          disabled={readOnly}
          data-testid="visit-notes"
        />
      </Grid.Col>
    </Grid>
  );
}

/** One field's wiring for an input that takes it by props: value, change, blur, focus on a refusal, its message. */
function useBound<N extends FieldPath<VisitFormValues>>(form: VisitFormApi, name: N, readOnly: boolean) {
  const { field, fieldState } = useController({ control: form.control, name });
  return { ref: field.ref, value: field.value, onChange: field.onChange, onBlur: field.onBlur, error: fieldState.error?.message, disabled: readOnly };
}
