import { useMemo } from 'react';
import { Checkbox, Grid, Input, SegmentedControl, Select, TextInput } from '@mantine/core';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { PRIORITIES } from '../../../shared/api/interventions';
import { useApiQuery } from '../../app/apiQuery';
import { Choice, type SectionProps } from './formFields';
import { PRIORITY_COLOR, priorityLabel } from './model';
import { ClientSelect, KeySelect } from './selects';
import type { ClientLinks } from './useFormLinks';

/** The form's first rows: branch (when the clerk has several), who calls (client, contact) and how urgent it is. */
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
  const contactOptions = useMemo(() => (client.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.position ? `${c.name} (${c.position})` : c.name })), [client.data]);

  return (
    <>
      {branches.length > 1 && (
        <Grid.Col span={12}>
          <Choice
            form={form}
            name="branchId"
            readOnly={readOnly}
            render={(f) => (
              <Select {...f} label={t('fields.branchId')} data={branches.map((b) => ({ value: b.id, label: b.name }))} allowDeselect={false} w={240} data-testid="f-branch" />
            )}
          />
        </Grid.Col>
      )}
      <Grid.Col span={5}>
        <Choice
          form={form}
          name="clientId"
          readOnly={readOnly}
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
      </Grid.Col>
      <Grid.Col span={7}>
        <TextInput label={t('interventions.form.clientInfo')} value={clientInfo} readOnly tabIndex={-1} variant="filled" data-testid="f-client-info" />
      </Grid.Col>

      <Grid.Col span={4}>
        <Controller
          control={form.control}
          name="priority"
          render={({ field }) => (
            <Input.Wrapper size="xs" label={t('interventions.col.priority')}>
              <SegmentedControl
                fullWidth
                size="xs"
                value={field.value}
                onChange={(v) => field.onChange(v)}
                color={PRIORITY_COLOR[field.value]}
                data={PRIORITIES.map((pr) => ({ value: pr, label: priorityLabel(t, pr) }))}
                disabled={readOnly}
                data-testid="f-priority"
              />
            </Input.Wrapper>
          )}
        />
      </Grid.Col>
      <Grid.Col span={2} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 10 }}>
        <Controller
          control={form.control}
          name="confirmedReal"
          render={({ field }) => (
            <Checkbox ref={field.ref} label={t('interventions.form.confirmedReal')} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} data-testid="f-confirmed-real" />
          )}
        />
      </Grid.Col>
      <Grid.Col span={6}>
        <Choice
          form={form}
          name="contactId"
          readOnly={readOnly}
          render={(f) => <KeySelect {...f} disabled={f.disabled || !clientId} label={t('interventions.col.contact')} data={contactOptions} data-testid="f-contact" />}
        />
      </Grid.Col>
    </>
  );
}
