import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Center,
  CloseButton,
  Drawer,
  Grid,
  Group,
  Input,
  Kbd,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { errorText } from '../../app/errors';
import type { ClientDetail, DuplicateMatch } from '../../../shared/api/clients';
import { CLIENT_KINDS } from '../../../shared/api/clients';
import { LANGUAGES, LANGUAGE_NAMES } from '../../../shared/i18n/languages';
import { ApiCallError, call } from '../../app/api';
import { apiError } from '../../app/errors';
import { applyServerError } from '../../components/form';
import {
  CLIENT_FIELDS,
  MAX_ROWS,
  clientResolver,
  createPath,
  emptyAddress,
  emptyContact,
  emptyEmail,
  emptyPhone,
  formPath,
  newClientValues,
  pruned,
  valuesFromDetail,
  type ClientFormValues,
  type ClientInput,
} from './clientForm';
import { ConfirmDialog } from '../../components/screen';
import { DuplicateWarning } from './DuplicateWarning';

/** Countries offered for an address; the organization's own country and the record's stay available whatever the list. */
const ADDRESS_COUNTRIES = ['LV', 'LT', 'EE', 'FI', 'SE', 'PL', 'DE', 'RO', 'MD', 'AM', 'GE', 'UA', 'RU', 'BY', 'GB', 'FR', 'IT', 'ES', 'NL', 'NO', 'DK', 'US'];

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
  const { t, i18n } = useTranslation();
  const org = useQuery({ queryKey: ['org.get', {}], queryFn: () => call('org.get', {}) });
  const users = useQuery({ queryKey: ['users.directory', { includeInactive: true }], queryFn: () => call('users.directory', { includeInactive: true }) });
  const detail = useQuery({
    queryKey: ['clients.get', { id: p.clientId }],
    queryFn: () => call('clients.get', { id: p.clientId! }),
    enabled: !!p.clientId,
    staleTime: 0,
  });
  const country = org.data?.country ?? 'LV';

  const form = useForm<ClientFormValues, unknown, ClientInput>({ resolver: clientResolver(), defaultValues: newClientValues(country), mode: 'onSubmit', reValidateMode: 'onChange' });
  const { register, control, handleSubmit, reset, setError, formState, getValues } = form;
  // Read during render: react-hook-form only tracks the parts of formState a render has asked for.
  const { errors, isDirty, isSubmitting } = formState;
  const phones = useFieldArray({ control, name: 'phones' });
  const emails = useFieldArray({ control, name: 'emails' });
  const addresses = useFieldArray({ control, name: 'addresses' });
  const contacts = useFieldArray({ control, name: 'contacts' });

  const version = useRef<number | null>(null);
  const [loaded, setLoaded] = useState(!p.clientId);
  const [failure, setFailure] = useState<{ text: string; stale: boolean } | null>(null);
  const [pending, setPending] = useState<{ input: ClientInput; matches: DuplicateMatch[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const innerOpen = !!pending || askDiscard;

  // A new client: the address country is the organization's.
  useEffect(() => {
    if (!p.clientId && org.data && !isDirty) reset(newClientValues(org.data.country));
  }, [org.data?.country, p.clientId]);

  // The name in the title is the stored one, of the version being edited.
  const [storedName, setStoredName] = useState<string | null>(null);
  const load = (c: ClientDetail) => {
    version.current = c.version;
    setStoredName(c.name);
    reset(valuesFromDetail(c, country));
    setLoaded(true);
  };

  // An existing client: load it once; a newer version from someone else replaces it only while nothing was typed here.
  useEffect(() => {
    const c = detail.data;
    if (!c || (version.current !== null && (c.version === version.current || isDirty))) return;
    load(c);
  }, [detail.data]);

  /** After "someone else changed this record": their version replaces what was typed here. */
  const reload = async () => {
    const r = await detail.refetch();
    if (r.data) {
      load(r.data);
      setFailure(null);
    }
  };

  /** A refusal from main on its field (in the row the person sees), or above the form. */
  const showRefusal = (err: unknown, mapPath: (f: string) => string = (f) => f) => {
    const e = apiError(err);
    const index = pruned(getValues()).index;
    const field = e?.field ? formPath(mapPath(e.field), index) : undefined;
    if (e && field && applyServerError(new ApiCallError({ ...e, field }), setError, CLIENT_FIELDS)) {
      setFailure(null);
      setTimeout(() => form.setFocus(field as Path<ClientFormValues>));
      return;
    }
    setFailure({ text: errorText(t, err), stale: e?.code === 'conflict' && e.key === 'errors.stale' });
  };

  const persist = async (input: ClientInput) => {
    setSaving(true);
    try {
      const res = p.clientId ? await call('clients.update', { id: p.clientId, version: version.current ?? 1, ...input }) : await call('clients.create', input);
      setPending(null);
      p.onSaved(res.client);
    } catch (e) {
      setPending(null);
      showRefusal(e);
    } finally {
      setSaving(false);
    }
  };

  const onValid = async (input: ClientInput) => {
    setFailure(null);
    let matches: DuplicateMatch[];
    try {
      matches = await call('clients.checkDuplicates', {
        excludeId: p.clientId,
        phones: input.phones.map((x) => x.number),
        emails: input.emails.map((x) => x.address),
        fiscalCode: input.fiscalCode ?? null,
      });
    } catch (e) {
      showRefusal(e, createPath);
      return;
    }
    if (matches.length) setPending({ input, matches });
    else await persist(input);
  };

  const save = () => {
    if (p.readOnly || saving || innerOpen) return;
    void handleSubmit(onValid)();
  };

  const requestClose = () => {
    if (innerOpen) return;
    // Opened after this key event is done: the question's own Esc handler would otherwise see the same Esc and close it at once.
    if (isDirty && !p.readOnly) setTimeout(() => setAskDiscard(true));
    else p.onClose();
  };

  useSaveShortcut(p.opened, save);

  const languageOptions = useMemo(() => LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] })), []);
  const userOptions = useMemo(() => {
    const current = getValues('responsibleId');
    return (users.data ?? []).filter((u) => u.active || u.id === current).map((u) => ({ value: u.id, label: u.name }));
  }, [users.data, loaded]);
  const countryOptions = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language, 'en'], { type: 'region' });
    const codes = new Set([country, ...ADDRESS_COUNTRIES, ...getValues('addresses').map((a) => a.country)]);
    return [...codes].filter((c) => /^[A-Z]{2}$/.test(c)).map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }));
  }, [i18n.language, country, loaded]);

  const fieldError = (path: string): string | undefined => {
    let node: unknown = errors;
    for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    return (node as { message?: string } | undefined)?.message;
  };
  /** Row inputs carry their label only on the first row (a header for the column) and an aria-label always. */
  const rowInput = (path: Path<ClientFormValues>, labelKey: string, i: number, testId: string, extra: Partial<React.ComponentProps<typeof TextInput>> = {}) => (
    <TextInput
      label={i === 0 ? t(labelKey) : undefined}
      aria-label={t(labelKey)}
      {...register(path)}
      error={fieldError(path)}
      data-testid={testId}
      errorProps={{ 'data-testid': `${testId}-error` }}
      {...extra}
    />
  );
  const removeButton = (onRemove: () => void, i: number, testId: string) => (
    <CloseButton
      size="sm"
      mt={i === 0 ? 20 : 3}
      tabIndex={-1}
      aria-label={t('common.remove')}
      title={t('clients.removeHint')}
      onClick={onRemove}
      disabled={p.readOnly}
      data-testid={testId}
    />
  );

  const title = p.clientId ? (storedName ?? t('common.loading')) : t('clients.new');
  const arrayError = (key: string) => (errors as Record<string, { message?: string } | undefined>)[key]?.message;

  return (
    <>
      <Drawer.Root opened={p.opened} onClose={requestClose} position="right" size={900} closeOnEscape={!innerOpen} zIndex={200}>
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
              {p.clientId && !loaded ? (
                <Center h={200}>{detail.isError ? <Alert color="red">{errorText(t, detail.error)}</Alert> : <Loader size="sm" />}</Center>
              ) : (
                <fieldset disabled={p.readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                  <Stack gap={10}>
                    {p.readOnly && (
                      <Alert color="gray" p={6}>
                        {t('clients.readOnly')}
                      </Alert>
                    )}
                    {failure && (
                      <Alert color="red" role="alert" p={6} data-testid="client-form-error">
                        <Group justify="space-between" wrap="nowrap">
                          <Text size="sm">{failure.text}</Text>
                          {failure.stale && (
                            <Button size="compact-xs" variant="white" color="red" onClick={reload} data-testid="client-reload">
                              {t('clients.reload')}
                            </Button>
                          )}
                        </Group>
                      </Alert>
                    )}
                    <Grid gap={8}>
                      <Grid.Col span={8}>
                        <TextInput label={t('fields.name')} withAsterisk data-autofocus {...register('name')} error={errors.name?.message} data-testid="client-name" />
                      </Grid.Col>
                      <Grid.Col span={4}>
                        <Controller
                          control={control}
                          name="kind"
                          render={({ field }) => (
                            <Input.Wrapper label={t('fields.kind')}>
                              <SegmentedControl
                                fullWidth
                                size="xs"
                                value={field.value}
                                onChange={(v) => field.onChange(v)}
                                data={CLIENT_KINDS.map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))}
                                disabled={p.readOnly}
                                data-testid="client-kind"
                              />
                            </Input.Wrapper>
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={4}>
                        <TextInput label={t('fields.fiscalCode')} {...register('fiscalCode')} error={errors.fiscalCode?.message} data-testid="client-fiscal-code" />
                      </Grid.Col>
                      <Grid.Col span={4}>
                        <Controller
                          control={control}
                          name="preferredLanguage"
                          render={({ field }) => (
                            <Select
                              label={t('fields.preferredLanguage')}
                              data={languageOptions}
                              clearable
                              ref={field.ref}
                              value={field.value}
                              onChange={(v) => field.onChange(v)}
                              onBlur={field.onBlur}
                              error={errors.preferredLanguage?.message}
                              data-testid="client-language"
                            />
                          )}
                        />
                      </Grid.Col>
                      <Grid.Col span={4}>
                        <Controller
                          control={control}
                          name="responsibleId"
                          render={({ field }) => (
                            <Select
                              label={t('fields.responsibleId')}
                              data={userOptions}
                              searchable
                              clearable
                              nothingFoundMessage={t('grid.noRows')}
                              ref={field.ref}
                              value={field.value}
                              onChange={(v) => field.onChange(v)}
                              onBlur={field.onBlur}
                              error={errors.responsibleId?.message}
                              data-testid="client-responsible"
                            />
                          )}
                        />
                      </Grid.Col>
                    </Grid>

                    <Section
                      title={t('fields.phones')}
                      addLabel={t('clients.addPhone')}
                      onAdd={() => phones.append(emptyPhone())}
                      canAdd={!p.readOnly && phones.fields.length < MAX_ROWS.phones}
                      error={arrayError('phones')}
                      testId="client-phones"
                    >
                      {phones.fields.map((f, i) => (
                        <Group key={f.id} gap={6} wrap="nowrap" align="flex-start">
                          {rowInput(`phones.${i}.number`, 'fields.phone', i, `client-phone-${i}`, { w: 240, inputMode: 'tel', placeholder: '+371 2…' })}
                          {rowInput(`phones.${i}.label`, 'fields.label', i, `client-phone-label-${i}`, { w: 200, placeholder: t('clients.phoneLabelHint') })}
                          {removeButton(() => phones.remove(i), i, `client-phone-remove-${i}`)}
                        </Group>
                      ))}
                    </Section>

                    <Section
                      title={t('fields.emails')}
                      addLabel={t('clients.addEmail')}
                      onAdd={() => emails.append(emptyEmail())}
                      canAdd={!p.readOnly && emails.fields.length < MAX_ROWS.emails}
                      error={arrayError('emails')}
                      testId="client-emails"
                    >
                      {emails.fields.map((f, i) => (
                        <Group key={f.id} gap={6} wrap="nowrap" align="flex-start">
                          {rowInput(`emails.${i}.address`, 'fields.email', i, `client-email-${i}`, { w: 360, type: 'email' })}
                          {rowInput(`emails.${i}.label`, 'fields.label', i, `client-email-label-${i}`, { w: 200, placeholder: t('clients.emailLabelHint') })}
                          {removeButton(() => emails.remove(i), i, `client-email-remove-${i}`)}
                        </Group>
                      ))}
                    </Section>

                    <Section
                      title={t('fields.addresses')}
                      addLabel={t('clients.addAddress')}
                      onAdd={() => addresses.append(emptyAddress(country))}
                      canAdd={!p.readOnly && addresses.fields.length < MAX_ROWS.addresses}
                      error={arrayError('addresses')}
                      testId="client-addresses"
                    >
                      {addresses.fields.map((f, i) => (
                        <Group key={f.id} gap={6} wrap="nowrap" align="flex-start">
                          {rowInput(`addresses.${i}.street`, 'fields.street', i, `client-street-${i}`, { style: { flex: 2 } })}
                          {rowInput(`addresses.${i}.locality`, 'fields.locality', i, `client-locality-${i}`, { style: { flex: 1 } })}
                          {rowInput(`addresses.${i}.county`, 'fields.county', i, `client-county-${i}`, { style: { flex: 1 } })}
                          {rowInput(`addresses.${i}.postalCode`, 'fields.postalCode', i, `client-postal-${i}`, { w: 90 })}
                          <Controller
                            control={control}
                            name={`addresses.${i}.country`}
                            render={({ field }) => (
                              <Select
                                w={150}
                                label={i === 0 ? t('fields.country') : undefined}
                                aria-label={t('fields.country')}
                                data={countryOptions}
                                searchable
                                allowDeselect={false}
                                ref={field.ref}
                                value={field.value}
                                onChange={(v) => field.onChange(v ?? country)}
                                onBlur={field.onBlur}
                                error={fieldError(`addresses.${i}.country`)}
                                data-testid={`client-country-${i}`}
                              />
                            )}
                          />
                          {removeButton(() => addresses.remove(i), i, `client-address-remove-${i}`)}
                        </Group>
                      ))}
                    </Section>

                    <Section
                      title={t('fields.contacts')}
                      addLabel={t('clients.addContact')}
                      onAdd={() => contacts.append(emptyContact())}
                      canAdd={!p.readOnly && contacts.fields.length < MAX_ROWS.contacts}
                      error={arrayError('contacts')}
                      empty={t('clients.noContacts')}
                      testId="client-contacts"
                    >
                      {contacts.fields.map((f, i) => (
                        <Group key={f.id} gap={6} wrap="nowrap" align="flex-start">
                          {rowInput(`contacts.${i}.name`, 'fields.name', i, `client-contact-name-${i}`, { style: { flex: 3 } })}
                          {rowInput(`contacts.${i}.position`, 'fields.position', i, `client-contact-position-${i}`, { style: { flex: 2 } })}
                          {rowInput(`contacts.${i}.phone`, 'fields.phone', i, `client-contact-phone-${i}`, { style: { flex: 2 }, inputMode: 'tel' })}
                          {rowInput(`contacts.${i}.email`, 'fields.email', i, `client-contact-email-${i}`, { style: { flex: 3 }, type: 'email' })}
                          {removeButton(() => contacts.remove(i), i, `client-contact-remove-${i}`)}
                        </Group>
                      ))}
                    </Section>

                    <Textarea label={t('fields.notes')} autosize minRows={2} maxRows={6} {...register('notes')} error={errors.notes?.message} data-testid="client-notes" />
                  </Stack>
                </fieldset>
              )}
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
                  <Button type="submit" loading={saving || isSubmitting} disabled={!loaded} data-testid="client-save">
                    {t('common.save')}
                  </Button>
                )}
              </Group>
            </Group>
          </form>
        </Drawer.Content>
      </Drawer.Root>

      <DuplicateWarning
        matches={pending?.matches ?? null}
        saving={saving}
        onCancel={() => setPending(null)}
        onSaveAnyway={() => pending && void persist(pending.input)}
      />
      <ConfirmDialog
        opened={askDiscard}
        title={t('clients.discard.title')}
        message={t('clients.discard.message')}
        confirmLabel={t('clients.discard.confirm')}
        color="orange"
        testId="client-discard"
        onConfirm={() => p.onClose()}
        onClose={() => setAskDiscard(false)}
      />
    </>
  );
}

/** A list of rows under a small heading with its Add button. */
function Section(p: { title: string; addLabel: string; onAdd(): void; canAdd: boolean; error?: string; empty?: string; testId: string; children: ReactNode[] }) {
  return (
    <Stack gap={4} data-testid={p.testId}>
      <Group gap="xs" justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} pb={2}>
        <Text size="sm" fw={600}>
          {p.title}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={p.onAdd} disabled={!p.canAdd} data-testid={`${p.testId}-add`}>
          + {p.addLabel}
        </Button>
      </Group>
      {p.error && (
        <Text size="xs" c="red">
          {p.error}
        </Text>
      )}
      {p.children.length === 0 && p.empty ? (
        <Text size="xs" c="dimmed">
          {p.empty}
        </Text>
      ) : (
        p.children
      )}
    </Stack>
  );
}
