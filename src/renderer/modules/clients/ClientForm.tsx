import { DiscardDialog } from '../../components/DiscardDialog';
import { useEffect, useEffectEvent } from 'react';
import { Alert, Button, Center, Drawer, Group, Kbd, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '../../../shared/api/clients';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { RecordFailure } from '../../components/FormDialog';
import { useRecordDrawer } from '../../components/recordForm';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { CLIENT_FIELDS, clientResolver, formPath, newClientValues, pruned, valuesFromDetail, type ClientFormValues, type ClientInput } from './clientForm';
import { ClientIdentityFields } from './ClientIdentityFields';
import { ClientInterventions } from './ClientInterventions';
import { ClientPortal } from './ClientPortal';
import { ClientChatHistory } from '../chat/ClientChatHistory';
import { ClientRowSections } from './ClientRowSections';
import { DuplicateWarning } from './DuplicateWarning';
import { useClientSave } from './useClientSave';

export interface ClientFormProps {
  opened: boolean;
  /** null: a new client */
  clientId: string | null;
  readOnly: boolean;
  onClose(): void;
  onSaved(client: ClientDetail): void;
}

/**
 * One client in a drawer. Tab/Shift-Tab walk the fields, Enter or Ctrl+S saves, Esc closes (asking first when something was typed).
 * Before saving it asks main which phones, e-mails or fiscal code already belong to another client and warns.
 */
export function ClientForm(p: ClientFormProps) {
  const { t } = useTranslation();
  const org = useApiQuery('org.get', {});
  const detail = useApiQuery('clients.get', { id: p.clientId ?? '' }, { enabled: !!p.clientId, staleTime: 0 });
  const country = org.data?.country ?? 'LV';

  const form = useForm<ClientFormValues, unknown, ClientInput>({ resolver: clientResolver(), defaultValues: newClientValues(country), mode: 'onSubmit', reValidateMode: 'onChange' });
  // Read during render: react-hook-form only tracks the parts of formState a render has asked for.
  const { isDirty, isSubmitting } = form.formState;

  const drawer = useRecordDrawer({
    form,
    fields: CLIENT_FIELDS,
    record: detail,
    isNew: !p.clientId,
    toValues: (c: ClientDetail) => valuesFromDetail(c, country),
    readOnly: p.readOnly,
    onClose: p.onClose,
  });
  /** A refusal from main goes on its field in the row the person sees (blank rows are not sent). */
  const refuse = (err: unknown, fieldOf: (f: string) => string = (f) => f) => drawer.refuse(err, (f) => formPath(fieldOf(f), pruned(form.getValues()).index));
  const saving = useClientSave({ clientId: p.clientId, version: drawer.version, refuse, onSaved: p.onSaved });
  const asking = !!saving.pending || drawer.asking;

  // A new client: the address country is the organization's.
  const orgCountry = org.data?.country;
  const countryKnown = useEffectEvent((c: string) => {
    if (!p.clientId && !isDirty) form.reset(newClientValues(c));
  });
  useEffect(() => {
    if (orgCountry) countryKnown(orgCountry);
  }, [orgCountry, p.clientId]);

  const save = () => {
    if (p.readOnly || saving.saving || saving.checking || asking) return;
    void form.handleSubmit((input) => {
      drawer.clearFailure();
      saving.submit(input);
    })();
  };
  const requestClose = () => !asking && drawer.requestClose();
  useSaveShortcut(p.opened, save);

  const title = p.clientId ? (drawer.stored?.name ?? t('common.loading')) : t('clients.new');

  return (
    <>
      <Drawer.Root opened={p.opened} onClose={requestClose} position="right" size={900} closeOnEscape={!asking} zIndex={200}>
        <Drawer.Overlay />
        <Drawer.Content data-testid="client-form">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
            noValidate
            style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
          >
            <Drawer.Header py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              <Drawer.Title fw={700} data-testid="client-form-title">
                {title}
              </Drawer.Title>
              <Drawer.CloseButton aria-label={t('common.close')} tabIndex={-1} />
            </Drawer.Header>
            <Drawer.Body style={{ flex: 1, overflowY: 'auto', minHeight: 0 }} pt="xs">
              {!drawer.loaded ? (
                <Center h={200}>{detail.isError ? <Alert color="red">{errorText(t, detail.error)}</Alert> : <Loader size="sm" />}</Center>
              ) : (
                <fieldset disabled={p.readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                  <Stack gap={10}>
                    {p.readOnly && (
                      <Alert color="gray" p={6}>
                        {t('clients.readOnly')}
                      </Alert>
                    )}
                    <RecordFailure failure={drawer.failure} onReload={drawer.reload} testId="client-form-error" reloadTestId="client-reload" />
                    <ClientIdentityFields form={form} readOnly={p.readOnly} />
                    <ClientRowSections form={form} readOnly={p.readOnly} country={country} notFound={detail.data?.phones} />
                    <Textarea label={t('fields.notes')} autosize minRows={2} maxRows={6} {...form.register('notes')} error={form.formState.errors.notes?.message} data-testid="client-notes" />
                  </Stack>
                </fieldset>
              )}
              {p.clientId && drawer.loaded && <ClientInterventions clientId={p.clientId} busy={isDirty} />}
              {p.clientId && drawer.loaded && <ClientPortal clientId={p.clientId} preferredLanguage={detail.data?.preferredLanguage ?? null} />}
              {p.clientId && drawer.loaded && <ClientChatHistory clientId={p.clientId} />}
            </Drawer.Body>
            <Group justify="space-between" px="md" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
              <Text size="xs" c="dimmed">
                {p.readOnly ? null : (
                  <>
                    <Kbd size="xs">Ctrl+S</Kbd> {t('common.save')} · <Kbd size="xs">Esc</Kbd> {t('common.close')}
                  </>
                )}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" onClick={requestClose} data-testid="client-cancel">
                  {p.readOnly ? t('common.close') : t('common.cancel')}
                </Button>
                {!p.readOnly && (
                  <Button type="submit" loading={saving.saving || saving.checking || isSubmitting} disabled={!drawer.loaded} data-testid="client-save">
                    {t('common.save')}
                  </Button>
                )}
              </Group>
            </Group>
          </form>
        </Drawer.Content>
      </Drawer.Root>

      <DuplicateWarning matches={saving.pending?.matches ?? null} saving={saving.saving} onCancel={saving.backToForm} onSaveAnyway={saving.saveAnyway} />
      <DiscardDialog discard={drawer.discard} message={t('clients.discard.message')} testId="client-discard" />
    </>
  );
}
