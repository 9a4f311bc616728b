import { useEffect, useEffectEvent, useMemo } from 'react';
import { SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, type Output } from '../../../shared/api';
import { formatDocNumber } from '../../../shared/rules/series';
import { call } from '../../app/api';
import { apiQueryKey, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useCan } from '../../app/session';
import { SettingsForm, useFormShell } from '../../components/FormDialog';
import { ErrorBanner, KeyButton, ScreenHeader, blankToNull, cleanedResolver, useScreenKeys } from '../../components/screen';
import { CountryField, NumberField } from '../../components/fields';

type Settings = Output<'invoices.settings'>;
const TEXTS = ['sellerName', 'sellerCode', 'sellerVatId', 'sellerAddress', 'sellerCity', 'sellerPostalCode', 'iban', 'email'] as const;
type Values = Record<(typeof TEXTS)[number], string> & { sellerCountry: string | null; currency: string; vatPercent: number | string; paymentDays: number | string };
const FIELDS = [...TEXTS, 'sellerCountry', 'currency', 'vatBp', 'paymentDays'];

const toForm = (s: Settings): Values => ({
  ...(Object.fromEntries(TEXTS.map((k) => [k, s[k] ?? ''])) as Record<(typeof TEXTS)[number], string>),
  sellerCountry: s.sellerCountry,
  currency: s.currency,
  vatPercent: s.vatBp / 100,
  paymentDays: s.paymentDays,
});
const toInput = (v: Values) => ({
  ...Object.fromEntries(TEXTS.map((k) => [k, blankToNull(v[k])])),
  sellerCountry: v.sellerCountry || null,
  currency: v.currency.trim().toUpperCase(),
  vatBp: v.vatPercent === '' ? undefined : Math.round(Number(v.vatPercent) * 100),
  paymentDays: v.paymentDays === '' ? undefined : Number(v.paymentDays),
});

/**
 * Who the invoices come from: the seller's legal name, company and VAT codes, address and bank account as they are
 * printed on every invoice and written into the e-invoice and the accounting export, with the default VAT rate,
 * currency and payment term; below, the invoice series each branch numbers its approved invoices from.
 */
export function InvoiceSettingsScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const settings = useApiQuery('invoices.settings', {});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => ['invoices.settings', 'series.list'].includes(String(q.queryKey[0])) });
  useScreenKeys({ enabled: true, onRefresh: refresh });
  return (
    <div className="planora-page" data-testid="invoice-settings-screen" style={{ overflowY: 'auto' }}>
      <ScreenHeader title={t('invoiceSeller.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <ErrorBanner message={settings.error ? errorText(t, settings.error) : null} onClose={refresh} />
      {settings.data && <SellerForm settings={settings.data} readOnly={!can('invoices', 'approve')} />}
      {can('series', 'read') && <InvoiceSeries />}
    </div>
  );
}

function SellerForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useForm({ resolver: cleanedResolver(api['invoices.saveSettings'].input, toInput), defaultValues: toForm(settings) });
  const { control, register, reset, formState } = form;
  const { isDirty } = formState;
  // Saved elsewhere meanwhile (a refetch): shown unless this form has unsaved edits.
  const arrived = useEffectEvent((s: Settings) => {
    if (!isDirty) reset(toForm(s));
  });
  useEffect(() => arrived(settings), [settings]);
  const { err, shell } = useFormShell(form, FIELDS, async (values) => {
    const saved = await call('invoices.saveSettings', values);
    qc.setQueryData(apiQueryKey('invoices.settings', {}), saved);
    reset(toForm(saved));
  });
  const text = (k: (typeof TEXTS)[number], span?: boolean) => (
    <TextInput key={k} label={t(`invoiceSeller.${k}`)} readOnly={readOnly} {...register(k)} error={err(k)} style={span ? { gridColumn: 'span 2' } : undefined} data-testid={`seller-${k}`} />
  );
  return (
    <SettingsForm name="seller" readOnly={readOnly} onReset={() => reset(toForm(settings))} {...shell}>
      <Title order={2} size="h5">
        {t('invoiceSeller.sellerTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing={6}>
        {text('sellerName', true)}
        {text('sellerCode')}
        {text('sellerVatId')}
        {text('sellerAddress', true)}
        {text('sellerCity')}
        {text('sellerPostalCode')}
        <CountryField control={control} name="sellerCountry" readOnly={readOnly} error={err('sellerCountry')} data-testid="seller-sellerCountry" />
        {text('iban')}
        {text('email', true)}
      </SimpleGrid>
      <Title order={2} size="h5" mt={4}>
        {t('invoiceSeller.termsTitle')}
      </Title>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing={6}>
        <TextInput label={t('invoiceSeller.currency')} maxLength={3} readOnly={readOnly} {...register('currency')} error={err('currency')} data-testid="seller-currency" />
        <NumberField control={control} name="vatPercent" label={t('invoiceSeller.vatPercent')} decimalScale={2} min={0} max={100} suffix=" %" readOnly={readOnly} error={err('vatBp' as never)} data-testid="seller-vat" />
        <NumberField control={control} name="paymentDays" label={t('invoiceSeller.paymentDays')} allowDecimal={false} readOnly={readOnly} error={err('paymentDays')} data-testid="seller-payment-days" />
      </SimpleGrid>
    </SettingsForm>
  );
}

/** The series approved invoices take their numbers from, per branch: changed on the series screen. */
function InvoiceSeries() {
  const { t } = useTranslation();
  const series = useApiQuery('series.list', { docType: 'invoice' });
  const branches = useApiQuery('branches.list', {});
  const names = useMemo(() => new Map((branches.data ?? []).map((b) => [b.id, b.name])), [branches.data]);
  const rows = (series.data ?? []).filter((s) => s.active);
  return (
    <>
      <Title order={2} size="h5" mt="xs">
        {t('invoiceSeller.seriesTitle')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('invoiceSeller.seriesHint')}
      </Text>
      <Table withTableBorder striped maw={640} data-testid="invoice-series">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.branchId')}</Table.Th>
            <Table.Th>{t('invoiceSeller.nextNumber')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{names.get(s.branchId) ?? ''}</Table.Td>
              <Table.Td>{formatDocNumber(s.prefix, s.nextNumber, s.padding)}</Table.Td>
            </Table.Tr>
          ))}
          {!rows.length && (
            <Table.Tr>
              <Table.Td colSpan={2} c="red">
                {t('invoiceSeller.noSeries')}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </>
  );
}
