import { useMemo } from 'react';
import { Checkbox, Grid, TextInput } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { seriesName } from '../../../shared/rules/series';
import { useApiQuery } from '../../app/apiQuery';
import { DateField } from './DateFields';
import { FieldCol, MarkedCol, type SectionProps } from './formFields';
import { KeySelect, UserSelect } from './selects';

/** The document's own fields, after the call: the client's contact, who answers for it, series and date, the object's serial. */
export function DocumentFields({ form, readOnly, detail: d }: SectionProps) {
  const { t } = useTranslation();
  const [clientId, branchId, timeZone, seriesId] = useWatch({ control: form.control, name: ['clientId', 'branchId', 'timeZone', 'seriesId'] });
  const client = useApiQuery('clients.get', { id: clientId ?? '' }, { enabled: !!clientId });
  const contactOptions = useMemo(() => (client.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.position ? `${c.name} (${c.position})` : c.name })), [client.data]);

  const series = useApiQuery('series.list', { docType: 'intervention' }, { staleTime: 60_000, retry: false });
  const seriesOptions = useMemo(() => {
    const list = (series.data ?? []).filter((s) => s.branchId === branchId && (s.active || s.id === seriesId)).map((s) => ({ value: s.id, label: seriesName(s.prefix) }));
    if (seriesId && !list.some((o) => o.value === seriesId) && d?.series) list.push({ value: seriesId, label: d.series });
    return list;
  }, [series.data, branchId, seriesId, d]);

  const col = { form, readOnly };

  return (
    <>
      <FieldCol {...col} name="contactId" span={4} render={(f) => <KeySelect {...f} disabled={f.disabled || !clientId} label={t('interventions.col.contact')} data={contactOptions} data-testid="f-contact" />} />
      <FieldCol {...col} name="responsibleId" span={4} render={(f) => <UserSelect {...f} label={t('interventions.form.responsible')} branchId={branchId} data-testid="f-responsible" />} />
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
      <MarkedCol name="objectSerial" span={3}>
        <TextInput label={t('interventions.col.objectSerial')} maxLength={100} {...form.register('objectSerial')} error={form.formState.errors.objectSerial?.message} data-testid="f-serial" />
      </MarkedCol>
      <FieldCol
        form={form}
        name="confirmedReal"
        span={3}
        style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 10 }}
        render={(f) => <Checkbox ref={f.ref} label={t('interventions.form.confirmedReal')} checked={f.value} onChange={(e) => f.onChange(e.currentTarget.checked)} data-testid="f-confirmed-real" />}
      />
    </>
  );
}
