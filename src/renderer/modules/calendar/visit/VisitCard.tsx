import { useState } from 'react';
import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PAYMENT_METHODS, type VisitDetail, type VisitStatus } from '../../../../shared/api/visits';
import { useFormat } from '../../../app/format';
import { formatMoney, linesTotal, remainingMinor } from './money';
import { MoneyInput } from './MoneyInput';
import type { VisitFormApi } from './VisitFields';

export const STATUS_COLOUR: Record<VisitStatus, string> = { booked: 'blue', arrived: 'teal', no_show: 'red', cancelled: 'gray' };

type Method = (typeof PAYMENT_METHODS)[number];

export interface VisitCardProps {
  detail: VisitDetail;
  form: VisitFormApi;
  /** Marks and payments may be made (write right, not cancelled). */
  canAct: boolean;
  busy: boolean;
  onAttendance(status: 'booked' | 'arrived' | 'no_show'): void;
  onPay(method: Method, amountMinor: number): void;
  /** The receipt button, when the report is there. */
  receipt?: React.ReactNode;
}

/**
 * The card of a stored visit (seed 003): the sun (arrived) and the x (did not arrive) — pressed again, undone —, its
 * status, €€ while something is unpaid, and the payments: cash, card or transfer, partial ones too, until nothing is left.
 */
export function VisitCard({ detail: d, form, canAct, busy, onAttendance, onPay, receipt }: VisitCardProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lines = useWatch({ control: form.control, name: 'lines' }) ?? [];
  const money = (m: number) => formatMoney(m, d.currency, fmt.locale);
  // What the clerk sees in the lines, saved or about to be (a payment saves them first).
  const remaining = remainingMinor(linesTotal(lines), d.paidMinor);
  const [method, setMethod] = useState<Method>('cash');
  const [amount, setAmount] = useState<number | ''>('');
  const pay = () => {
    const minor = amount === '' ? remaining : amount;
    if (minor <= 0) return;
    onPay(method, minor);
    setAmount('');
  };
  const mark = (s: 'arrived' | 'no_show') => onAttendance(d.status === s ? 'booked' : s);
  const open = d.status !== 'cancelled';

  return (
    <Stack gap={8} data-testid="visit-card">
      <Group gap="xs" wrap="nowrap">
        <Badge color={STATUS_COLOUR[d.status]} variant="light" data-testid="visit-status" data-status={d.status}>
          {t(`visit.status.${d.status}`)}
        </Badge>
        {d.unpaid && (
          <Tooltip label={t('visit.unpaidHint')} zIndex={500}>
            <Badge color="orange" variant="filled" data-testid="visit-unpaid">
              €€
            </Badge>
          </Tooltip>
        )}
        {d.firstConsultation && <Badge variant="outline">{t('visit.pk')}</Badge>}
        {d.asap && <Badge variant="outline" color="grape">ASAP</Badge>}
      </Group>
      {d.status === 'cancelled' && (
        <Text size="xs" c="dimmed" data-testid="visit-cancelled-because">
          {t('visit.cancelledBecause', { reason: d.cancelReason ?? '' })}
        </Text>
      )}
      {canAct && open && (
        <Group gap="xs" grow>
          <Button variant={d.status === 'arrived' ? 'filled' : 'light'} color={d.status === 'arrived' ? 'teal.9' : 'teal'} onClick={() => mark('arrived')} disabled={busy} aria-pressed={d.status === 'arrived'} data-testid="visit-arrived">
            ☀ {t('visit.arrived')}
          </Button>
          <Button variant={d.status === 'no_show' ? 'filled' : 'light'} color={d.status === 'no_show' ? 'red.9' : 'red'} onClick={() => mark('no_show')} disabled={busy} aria-pressed={d.status === 'no_show'} data-testid="visit-no-show">
            ✕ {t('visit.noShow')}
          </Button>
        </Group>
      )}

      <Text size="sm" fw={600}>
        {t('visit.payments')}
      </Text>
      <Table verticalSpacing={2} horizontalSpacing={6} fz="xs" data-testid="visit-payments">
        <Table.Tbody>
          {d.payments.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{fmt.zoned(p.paidAt, d.timeZone, false)}</Table.Td>
              <Table.Td>{t(`visit.method.${p.method}`)}</Table.Td>
              <Table.Td ta="right">{money(p.amountMinor)}</Table.Td>
            </Table.Tr>
          ))}
          {d.payments.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3} c="dimmed">
                {t('visit.noPayments')}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2}>{t('visit.paid')}</Table.Th>
            <Table.Th ta="right" data-testid="visit-paid">
              {money(d.paidMinor)}
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            <Table.Th colSpan={2}>{t('visit.remaining')}</Table.Th>
            <Table.Th ta="right" data-testid="visit-remaining">
              {money(remaining)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {canAct && remaining > 0 && (
        <Stack gap={4}>
          <SegmentedControl
            size="xs"
            value={method}
            onChange={(v) => setMethod(v as Method)}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`visit.method.${m}`) }))}
            data-testid="visit-pay-method"
          />
          <Group gap="xs" wrap="nowrap">
            <MoneyInput
              value={amount}
              onChange={setAmount}
              currency={d.currency}
              placeholder={money(remaining)}
              aria-label={t('visit.amountToPay')}
              onKeyDown={(e) => {
                // Enter here takes the payment, not the form's save.
                if (e.key === 'Enter') {
                  e.preventDefault();
                  e.stopPropagation();
                  pay();
                }
              }}
              style={{ flex: 1 }}
              data-testid="visit-pay-amount"
            />
            <Button onClick={pay} loading={busy} data-testid="visit-pay">
              {t('visit.takePayment')}
            </Button>
          </Group>
        </Stack>
      )}
      {receipt}
    </Stack>
  );
}
