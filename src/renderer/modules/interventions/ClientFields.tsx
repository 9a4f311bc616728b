import { useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Grid, Group, Select, TextInput, Tooltip } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { useCan } from '../../app/session';
import { QuickClientDialog } from '../clients/QuickClientDialog';
import { useAddressedClient } from './addressed';
import { FieldCol, type SectionProps } from './formFields';
import { ClientSelect } from './selects';
import type { ClientLinks } from './useFormLinks';

/** The form's first rows: branch (when the clerk has several) and who calls, with what is known of them, or a new client on the spot. */
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
  const qc = useQueryClient();
  const canAdd = useCan()('clients', 'write') && !readOnly;
  // A new document asked for from the client's card starts with that client, as if it had always been there.
  const preset = useAddressedClient();
  const { getValues, reset } = form;
  useEffect(() => {
    if (preset && !d && !getValues('clientId')) reset({ ...getValues(), clientId: preset });
  }, [preset, d, getValues, reset]);
  const closeNewClient = () => {
    links.setNewClient(null);
    // Back to the picker, as Esc leaves every dialog over the form.
    setTimeout(() => form.setFocus('clientId'));
  };

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
          <Group gap={4} wrap="nowrap" align="flex-start">
            <ClientSelect
              {...f}
              style={{ flex: 1 }}
              onChange={(v) => {
                if (v === f.value) return;
                f.onChange(v);
                links.clientChanged();
              }}
              label={t('interventions.col.client')}
              withAsterisk
              data-autofocus
              valueLabel={d && f.value === d.clientId ? d.clientInfo.split(' · ')[0] : client.data?.id === f.value ? client.data.name : undefined}
              placeholder={t('interventions.form.clientHint')}
              onCreate={canAdd ? (typed) => links.setNewClient(typed) : undefined}
              data-testid="f-client"
            />
            {canAdd && (
              <Tooltip label={`${t('clients.quick.title')} (Ins)`} withinPortal zIndex={400}>
                <ActionIcon variant="default" size="input-xs" mt={19} tabIndex={-1} aria-label={t('clients.quick.title')} onClick={() => links.setNewClient('')} data-testid="f-client-new">
                  +
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        )}
      />
      {links.newClient !== null && (
        <QuickClientDialog
          name={links.newClient}
          onClose={closeNewClient}
          onSaved={(c) => {
            // Named at once: the picker's search has not met this client yet.
            qc.setQueryData(apiQueryKey('clients.get', { id: c.id }), c);
            form.setValue('clientId', c.id, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
            links.clientChanged();
            closeNewClient();
          }}
        />
      )}
      <Grid.Col span={7}>
        <TextInput label={t('interventions.form.clientInfo')} value={clientInfo} readOnly tabIndex={-1} variant="filled" data-testid="f-client-info" />
      </Grid.Col>
    </>
  );
}
