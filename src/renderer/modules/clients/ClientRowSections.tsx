import { useMemo, type ReactNode } from 'react';
import { Button, CloseButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useFieldArray, useWatch, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { CountryField } from '../../components/fields';
import { MAX_ROWS, emptyAddress, emptyContact, emptyEmail, emptyPhone, type ClientFormValues, type ClientInput } from './clientForm';

/** Countries offered for an address; the organization's own country and the record's stay available whatever the list. */
const ADDRESS_COUNTRIES = ['LV', 'LT', 'EE', 'FI', 'SE', 'PL', 'DE', 'RO', 'MD', 'AM', 'GE', 'UA', 'RU', 'BY', 'GB', 'FR', 'IT', 'ES', 'NL', 'NO', 'DK', 'US'];

/** The client's lists of rows: phones, e-mails, addresses and contact persons, each with Add and a remove button per row. */
export function ClientRowSections(p: {
  form: UseFormReturn<ClientFormValues, unknown, ClientInput>;
  readOnly: boolean;
  country: string;
  /** The stored phones, those a reminder call found not to exist carrying when. */
  notFound?: readonly { number: string; notFoundAt?: string }[];
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { register, control, formState } = p.form;
  const { errors } = formState;
  const phones = useFieldArray({ control, name: 'phones' });
  const emails = useFieldArray({ control, name: 'emails' });
  const addresses = useFieldArray({ control, name: 'addresses' });
  const contacts = useFieldArray({ control, name: 'contacts' });
  const typedPhones = useWatch({ control, name: 'phones' });
  // Said under the row while it still holds that number: main clears the flag when the number is changed.
  const flaggedAt = (i: number) => p.notFound?.find((f) => f.notFoundAt && f.number === typedPhones?.[i]?.number)?.notFoundAt;
  const { country, readOnly } = p;

  const countryCodes = useMemo(() => [country, ...ADDRESS_COUNTRIES], [country]);

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
      disabled={readOnly}
      data-testid={testId}
    />
  );
  const arrayError = (key: string) => (errors as Record<string, { message?: string } | undefined>)[key]?.message;

  /** One list of rows: its heading with Add, then each row's inputs and its remove button. */
  const section = (
    key: keyof typeof MAX_ROWS,
    list: { fields: { id: string }[]; remove(i: number): void },
    s: { title: string; addLabel: string; onAdd(): void; testId: string; removeTestId: string; empty?: string },
    row: (i: number) => ReactNode,
  ) => (
    <Section title={s.title} addLabel={s.addLabel} onAdd={s.onAdd} canAdd={!readOnly && list.fields.length < MAX_ROWS[key]} error={arrayError(key)} empty={s.empty} testId={s.testId}>
      {list.fields.map((f, i) => (
        <Group key={f.id} gap={6} wrap="nowrap" align="flex-start">
          {row(i)}
          {removeButton(() => list.remove(i), i, `${s.removeTestId}-${i}`)}
        </Group>
      ))}
    </Section>
  );

  return (
    <>
      {section(
        'phones',
        phones,
        { title: t('fields.phones'), addLabel: t('clients.addPhone'), onAdd: () => phones.append(emptyPhone()), testId: 'client-phones', removeTestId: 'client-phone-remove' },
        (i) => (
          <>
            {rowInput(`phones.${i}.number`, 'fields.phone', i, `client-phone-${i}`, {
              w: 240,
              inputMode: 'tel',
              placeholder: '+371 2…',
              ...(flaggedAt(i)
                ? {
                    description: t('clients.phoneNotFound', { date: fmt.date(flaggedAt(i)!) }),
                    inputWrapperOrder: ['label', 'input', 'description', 'error'] as const,
                    descriptionProps: { c: 'red.9', 'data-testid': `client-phone-${i}-not-found` },
                  }
                : {}),
            })}
            {rowInput(`phones.${i}.label`, 'fields.label', i, `client-phone-label-${i}`, { w: 200, placeholder: t('clients.phoneLabelHint') })}
          </>
        ),
      )}

      {section(
        'emails',
        emails,
        { title: t('fields.emails'), addLabel: t('clients.addEmail'), onAdd: () => emails.append(emptyEmail()), testId: 'client-emails', removeTestId: 'client-email-remove' },
        (i) => (
          <>
            {rowInput(`emails.${i}.address`, 'fields.email', i, `client-email-${i}`, { w: 360, type: 'email' })}
            {rowInput(`emails.${i}.label`, 'fields.label', i, `client-email-label-${i}`, { w: 200, placeholder: t('clients.emailLabelHint') })}
          </>
        ),
      )}

      {section(
        'addresses',
        addresses,
        { title: t('fields.addresses'), addLabel: t('clients.addAddress'), onAdd: () => addresses.append(emptyAddress(country)), testId: 'client-addresses', removeTestId: 'client-address-remove' },
        (i) => (
          <>
            {rowInput(`addresses.${i}.street`, 'fields.street', i, `client-street-${i}`, { style: { flex: 2 } })}
            {rowInput(`addresses.${i}.locality`, 'fields.locality', i, `client-locality-${i}`, { style: { flex: 1 } })}
            {rowInput(`addresses.${i}.county`, 'fields.county', i, `client-county-${i}`, { style: { flex: 1 } })}
            {rowInput(`addresses.${i}.postalCode`, 'fields.postalCode', i, `client-postal-${i}`, { w: 90 })}
            <CountryField
              control={control}
              name={`addresses.${i}.country`}
              codes={countryCodes}
              w={150}
              label={i === 0 ? t('fields.country') : undefined}
              aria-label={t('fields.country')}
              error={fieldError(`addresses.${i}.country`)}
              data-testid={`client-country-${i}`}
            />
          </>
        ),
      )}

      {section(
        'contacts',
        contacts,
        {
          title: t('fields.contacts'),
          addLabel: t('clients.addContact'),
          onAdd: () => contacts.append(emptyContact()),
          testId: 'client-contacts',
          removeTestId: 'client-contact-remove',
          empty: t('clients.noContacts'),
        },
        (i) => (
          <>
            {rowInput(`contacts.${i}.name`, 'fields.name', i, `client-contact-name-${i}`, { style: { flex: 3 } })}
            {rowInput(`contacts.${i}.position`, 'fields.position', i, `client-contact-position-${i}`, { style: { flex: 2 } })}
            {rowInput(`contacts.${i}.phone`, 'fields.phone', i, `client-contact-phone-${i}`, { style: { flex: 2 }, inputMode: 'tel' })}
            {rowInput(`contacts.${i}.email`, 'fields.email', i, `client-contact-email-${i}`, { style: { flex: 3 }, type: 'email' })}
          </>
        ),
      )}
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
