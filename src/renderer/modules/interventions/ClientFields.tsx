import { useMemo } from 'react';
import { Grid, Select, TextInput } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { useApiQuery } from '../../app/apiQuery';
import { FieldCol, type SectionProps } from './formFields';
import { ClientSelect } from './selects';
import type { ClientLinks } from './useFormLinks';

/** The form's first rows: branch (when the clerk has several) and who calls, with what is known of them. */
export function ClientFields({ form, readOnly, detail: d, branches, links }: SectionProps & { branches: Output<'branches.list'>; links: ClientLinks }) {
  const { t } = useTranslation();
  const clientId = useWatch({ control: form.control, name: 'clientId' });
  const client = useApiQuery('clients.get', { id: clientId ?? '' }, { enabled: !!clientId });
  const clientInfo = useMemo(() => {
    const c = client.data;
    if (!c) return d && clientId === d.clientId ? d.clientInfo : '';
    const a = c.addresses[0];
    return [c.fiscalCode, c.phones[0]?.number, c.emails[0]?.address, a ? [a.street, a.locality, a.county, a.country].filter(Boolean).join(', ') : null].filter(Boolean).join(' · ');
  }, [client.data, d, clientId]);
  const col = { form, readOnly };

  return (
    <>
      {branches.length > 1 && (
        <FieldCol
          {...col}
          name="branchId"
          span={12}
          render={(f) => <Select {...f} label={t('fields.branchId')} data={branches.map((b) => ({ value: b.id, label: b.name }))} allowDeselect={false} w={240} data-testid="f-branch" />}
        />
      )}
      <FieldCol
        {...col}
        name="clientId"
        span={5}
        render={(f) => (
          <ClientSelect
            {...f}
            onChange={(v) => {
              if (v === f.value) return;
              f.onChange(v);
              links.clientChanged();
            }}
            label={t('interventions.col.client')}
            withAsterisk
            data-autofocus
            valueLabel={d && f.value === d.clientId ? d.clientInfo.split(' · ')[0] : undefined}
            placeholder={t('interventions.form.clientHint')}
            data-testid="f-client"
          />
        )}
      />
      <Grid.Col span={7}>
        <TextInput label={t('interventions.form.clientInfo')} value={clientInfo} readOnly tabIndex={-1} variant="filled" data-testid="f-client-info" />
      </Grid.Col>
    </>
  );
}
