import { Alert, Button, Group, Kbd, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '../../../shared/api/clients';
import { useApiQuery } from '../../app/apiQuery';
import { useRefusal } from '../../components/recordForm';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { CLIENT_FIELDS, clientResolver, formPath, newClientValues, pruned, type ClientFormValues, type ClientInput } from './clientForm';
import { DuplicateWarning } from './DuplicateWarning';
import { useClientSave } from './useClientSave';

/**
 * A first-time caller, added over the form the person is typing in: name, phone, e-mail and address, checked for
 * phones and e-mails that already belong to someone (the same warning as the client card). Enter or Ctrl+S saves,
 * Esc closes. Mounted for one opening, so it starts from `name` (what was typed in the picker) every time.
 * The rest of the card (kind, fiscal code, contacts) is on the clients screen.
 */
export function QuickClientDialog(p: { name: string; onClose(): void; onSaved(client: ClientDetail): void }) {
  const { t } = useTranslation();
  const org = useApiQuery('org.get', {});
  const form = useForm<ClientFormValues, unknown, ClientInput>({
    resolver: clientResolver(),
    defaultValues: { ...newClientValues(org.data?.country ?? 'LV'), name: p.name },
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, formState } = form;
  const { errors } = formState;
  const refusal = useRefusal(form, CLIENT_FIELDS, { focus: true });
  // Blank rows are not sent: a refusal of the n-th row sent goes on the row the person sees.
  const refuse = (err: unknown, fieldOf: (f: string) => string = (f) => f) => refusal.refuse(err, (f) => formPath(fieldOf(f), pruned(form.getValues()).index));
  const saving = useClientSave({ clientId: null, version: () => 1, refuse, onSaved: p.onSaved });
  const busy = saving.saving || saving.checking || !!saving.pending;

  const save = () => {
    if (busy) return;
    void form.handleSubmit((input) => {
      refusal.clearFailure();
      saving.submit(input);
    })();
  };
  useSaveShortcut(!saving.pending, save);

  return (
    <>
      <Modal opened onClose={() => !saving.pending && p.onClose()} closeOnEscape={!saving.pending} returnFocus={false} zIndex={250} size="lg" title={<Title order={5}>{t('clients.quick.title')}</Title>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            // The dialog sits inside another form in React's tree: its submit must not save that one too.
            e.stopPropagation();
            save();
          }}
          noValidate
          data-testid="quick-client"
        >
          <Stack gap={8}>
            {refusal.failure && (
              <Alert color="red" role="alert" p="xs" data-testid="quick-client-error">
                {refusal.failure.text}
              </Alert>
            )}
            <TextInput label={t('fields.name')} withAsterisk data-autofocus {...register('name')} error={errors.name?.message} data-testid="quick-client-name" />
            <SimpleGrid cols={2} spacing="xs" verticalSpacing={8}>
              <TextInput label={t('fields.phone')} inputMode="tel" placeholder="+371 2…" {...register('phones.0.number')} error={errors.phones?.[0]?.number?.message} data-testid="quick-client-phone" />
              <TextInput label={t('fields.email')} type="email" {...register('emails.0.address')} error={errors.emails?.[0]?.address?.message} data-testid="quick-client-email" />
              <TextInput label={t('fields.street')} {...register('addresses.0.street')} error={errors.addresses?.[0]?.street?.message} data-testid="quick-client-street" />
              <TextInput label={t('fields.locality')} {...register('addresses.0.locality')} error={errors.addresses?.[0]?.locality?.message} data-testid="quick-client-locality" />
            </SimpleGrid>
            <Group justify="space-between" wrap="nowrap" mt={4}>
              <Text size="xs" c="dimmed">
                <Kbd size="xs">Enter</Kbd> {t('common.save')} · <Kbd size="xs">Esc</Kbd> {t('common.close')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" onClick={p.onClose} data-testid="quick-client-cancel">
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={saving.saving || saving.checking} data-testid="quick-client-save">
                  {t('common.save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Modal>
      <DuplicateWarning matches={saving.pending?.matches ?? null} saving={saving.saving} onCancel={saving.backToForm} onSaveAnyway={saving.saveAnyway} />
    </>
  );
}
