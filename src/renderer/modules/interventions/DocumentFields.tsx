import { useMemo } from 'react';
import { Badge, Grid, Input, TextInput, Tooltip } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { seriesName } from '../../../shared/rules/series';
import { useApiQuery } from '../../app/apiQuery';
import { NomenclatureSelect } from '../nomenclature/NomenclatureSelect';
import { DateField } from './DateFields';
import { FieldCol, MarkedCol, type SectionProps } from './formFields';
import { useShownStatus } from './formStatus';
import { STATUS_COLOR, statusLabel } from './model';
import { ObjectSelect } from './ObjectSelect';
import { KeySelect, UserSelect } from './selects';
import type { ClientLinks } from './useFormLinks';

/** The document itself (type, series, date, object) and who answers for it and does it, with the status it will have. */
export function DocumentFields({ form, readOnly, detail: d, links }: SectionProps & { links: ClientLinks }) {
  const { t } = useTranslation();
  const [clientId, branchId, timeZone, seriesId] = useWatch({ control: form.control, name: ['clientId', 'branchId', 'timeZone', 'seriesId'] });
  const status = useShownStatus(form, d);

  const series = useApiQuery('series.list', { docType: 'intervention' }, { staleTime: 60_000, retry: false });
  const seriesOptions = useMemo(() => {
    const list = (series.data ?? []).filter((s) => s.branchId === branchId && (s.active || s.id === seriesId)).map((s) => ({ value: s.id, label: seriesName(s.prefix) }));
    if (seriesId && !list.some((o) => o.value === seriesId) && d?.series) list.push({ value: seriesId, label: d.series });
    return list;
  }, [series.data, branchId, seriesId, d]);

  const col = { form, readOnly };

  return (
    <>
      <FieldCol {...col} name="typeId" span={4} render={(f) => <NomenclatureSelect {...f} kind="intervention_type" label={t('interventions.col.type')} data-testid="f-type" />} />
      <FieldCol
        {...col}
        name="seriesId"
        span={2}
        render={(f) => <KeySelect {...f} disabled={f.disabled || !!d?.valid} label={t('interventions.col.series')} data={seriesOptions} placeholder={t('interventions.form.seriesAuto')} data-testid="f-series" />}
      />
      <FieldCol
        form={form}
        name="docDate"
        span={2}
        render={(f) => <DateField {...f} label={t('interventions.col.docDate')} timeZone={timeZone} withAsterisk readOnly={!!d?.valid} data-testid="f-doc-date" />}
      />
      <FieldCol
        {...col}
        name="objectProductId"
        span={4}
        render={(f) => <ObjectSelect {...f} onChange={links.pickObject} label={t('interventions.col.object')} clientId={clientId} excludeId={d?.id ?? null} data-testid="f-object" />}
      />

      <FieldCol {...col} name="responsibleId" span={4} render={(f) => <UserSelect {...f} label={t('interventions.form.responsible')} branchId={branchId} data-testid="f-responsible" />} />
      <Grid.Col span={2}>
        <Input.Wrapper size="xs" label={t('interventions.col.status')}>
          <div style={{ height: 30, display: 'flex', alignItems: 'center' }}>
            <Tooltip label={t('interventions.form.statusHint')} multiline w={260} withinPortal zIndex={500}>
              <Badge color={STATUS_COLOR[status]} variant="light" data-testid="f-status" data-status={status}>
                {statusLabel(t, status)}
              </Badge>
            </Tooltip>
          </div>
        </Input.Wrapper>
      </Grid.Col>
      <FieldCol {...col} name="takenById" span={4} render={(f) => <UserSelect {...f} label={t('interventions.col.takenBy')} branchId={branchId} data-testid="f-taken-by" />} />
      <MarkedCol name="objectSerial" span={2}>
        <TextInput label={t('interventions.col.objectSerial')} maxLength={100} {...form.register('objectSerial')} error={form.formState.errors.objectSerial?.message} data-testid="f-serial" />
      </MarkedCol>
    </>
  );
}
