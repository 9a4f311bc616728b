import { useState } from 'react';
import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { openProducedFile } from '../../app/files';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { ConfirmDialog, ErrorBanner, KeyButton } from '../../components/screen';
import { invoiceFormat, parseScaled } from './money';
import { STATUS_COLOR } from './InvoicesScreen';

type Detail = Output<'invoices.get'>;
type Line = Detail['lines'][number];
interface Draft {
  lineId: string | null;
  description: string;
  quantity: string;
  unit: string;
  price: string;
  vat: string;
}
const UNITS = ['HUR', 'H87', 'C62', 'MTR', 'KGM', 'LTR'];

/** One invoice: its lines to correct while a draft, then approve (numbered, locked), send as an e-invoice, print. */
export function InvoiceDialog({ id, onClose, onChanged }: { id: string; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = invoiceFormat(fmt.locale);
  const can = useCan();
  const qc = useQueryClient();
  const q = useApiQuery('invoices.get', { id });
  const [edit, setEdit] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const inv = q.data;
  const isDraft = inv?.status === 'draft';
  const mayEdit = isDraft && can('invoices', 'write');
  const decimal = (n: number, digits: number) => (n / 10 ** digits).toFixed(digits).replace('.', fmt.locale.startsWith('en') ? '.' : ',');

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await qc.invalidateQueries({ queryKey: ['invoices.get'] });
      onChanged();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const open = (l: Line | null) =>
    setEdit(
      l
        ? { lineId: l.id, description: l.description, quantity: decimal(l.quantityMilli, 3), unit: l.unit, price: decimal(l.unitPriceMinor, 2), vat: String(l.vatBp / 100) }
        : { lineId: null, description: '', quantity: '1', unit: 'C62', price: '', vat: String((inv?.lines[0]?.vatBp ?? 2100) / 100) },
    );
  const save = () =>
    inv && edit
      ? run(async () => {
          const quantityMilli = parseScaled(edit.quantity, 1000);
          const unitPriceMinor = parseScaled(edit.price, 100);
          const vatBp = parseScaled(edit.vat, 100);
          if (quantityMilli === null || unitPriceMinor === null || vatBp === null) throw new Error(t('errors.invalid_format'));
          await call('invoices.saveLine', { id: inv.id, version: inv.version, line: { lineId: edit.lineId, description: edit.description, quantityMilli, unit: edit.unit, unitPriceMinor, vatBp } });
          setEdit(null);
        })
      : undefined;
  const remove = () => (inv && edit?.lineId ? run(async () => (await call('invoices.removeLine', { id: inv.id, version: inv.version, lineId: edit.lineId! }), setEdit(null))) : undefined);
  const approve = () => (inv && isDraft && can('invoices', 'approve') ? run(() => call('invoices.approve', { id: inv.id, version: inv.version })) : undefined);
  const print = () => (inv ? run(async () => openProducedFile(await call('invoices.pdf', { id: inv.id }), 'print')) : undefined);
  const ubl = () => (inv && !isDraft ? run(async () => openProducedFile(await call('invoices.exportUbl', { id: inv.id }), 'save')) : undefined);
  useHotkeys([
    ['alt+A', () => void approve()],
    ['alt+P', () => void print()],
  ]);

  return (
    <Modal opened onClose={onClose} size="70rem" title={inv ? `${inv.number ?? t('invoices.draft')} · ${inv.clientName}` : ''} data-testid="invoice-dialog">
      {inv && (
        <Stack gap="sm">
          <Group gap="lg">
            <Badge variant="light" color={STATUS_COLOR[inv.status]} data-testid="invoice-status">
              {t(`invoices.status.${inv.status}`)}
            </Badge>
            <Text size="sm">{`${t('invoices.pdf.issueDate')}: ${fmt.date(inv.issueDate)}`}</Text>
            <Text size="sm">{`${t('invoices.pdf.dueDate')}: ${fmt.date(inv.dueDate)}`}</Text>
          </Group>
          <ErrorBanner message={error} onClose={() => setError(null)} />
          <Table striped highlightOnHover withTableBorder data-testid="invoice-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invoices.col.description')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.quantity')}</Table.Th>
                <Table.Th>{t('invoices.col.unit')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.price')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.vatRate')}</Table.Th>
                <Table.Th ta="right">{t('invoices.col.net')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inv.lines.map((l) => (
                <Table.Tr key={l.id} onClick={() => mayEdit && open(l)} style={{ cursor: mayEdit ? 'pointer' : undefined }} data-testid={`invoice-line-${l.position}`}>
                  <Table.Td>
                    {l.description}
                    {l.missingRate && (
                      <Badge ml={6} size="xs" color="orange" variant="light">
                        {t('invoices.missingRates', { count: 1 })}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{f.quantity(l.quantityMilli)}</Table.Td>
                  <Table.Td>{t(`invoices.units.${l.unit}`, { defaultValue: l.unit })}</Table.Td>
                  <Table.Td ta="right">{f.money(l.unitPriceMinor, inv.currency)}</Table.Td>
                  <Table.Td ta="right">{f.rate(l.vatBp)}</Table.Td>
                  <Table.Td ta="right">{f.money(l.netMinor, inv.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {edit && (
            <Group align="flex-end" gap="xs" data-testid="invoice-line-form">
              <TextInput label={t('invoices.col.description')} value={edit.description} onChange={(e) => setEdit({ ...edit, description: e.currentTarget.value })} style={{ flex: 1 }} data-autofocus data-testid="line-description" />
              <TextInput label={t('invoices.col.quantity')} value={edit.quantity} onChange={(e) => setEdit({ ...edit, quantity: e.currentTarget.value })} w={90} data-testid="line-quantity" />
              <Select label={t('invoices.col.unit')} data={UNITS.map((u) => ({ value: u, label: t(`invoices.units.${u}`, { defaultValue: u }) }))} value={edit.unit} onChange={(v) => v && setEdit({ ...edit, unit: v })} w={90} allowDeselect={false} />
              <TextInput label={t('invoices.col.price')} value={edit.price} onChange={(e) => setEdit({ ...edit, price: e.currentTarget.value })} w={110} data-testid="line-price" />
              <TextInput label={t('invoices.col.vatRate')} value={edit.vat} onChange={(e) => setEdit({ ...edit, vat: e.currentTarget.value })} w={80} data-testid="line-vat" />
              <Button onClick={() => void save()} data-testid="line-save">
                {t('invoices.save')}
              </Button>
              {edit.lineId && (
                <Button variant="default" color="red" onClick={() => void remove()} data-testid="line-remove">
                  {t('invoices.removeLine')}
                </Button>
              )}
            </Group>
          )}
          <Group justify="flex-end" gap="lg">
            {inv.breakdown.map((b) => (
              <Text size="sm" key={b.vatBp}>{`${t('invoices.col.vat')} ${f.rate(b.vatBp)}: ${f.money(b.vatMinor, inv.currency)}`}</Text>
            ))}
            <Text size="sm">{`${t('invoices.col.net')}: ${f.money(inv.netMinor, inv.currency)}`}</Text>
            <Text size="sm" fw={700} data-testid="invoice-total">{`${t('invoices.col.total')}: ${f.money(inv.totalMinor, inv.currency)}`}</Text>
          </Group>
          <Group justify="space-between">
            <Group gap="xs">
              {mayEdit && <Button variant="default" onClick={() => open(null)} data-testid="invoice-add-line">{t('invoices.addLine')}</Button>}
              {isDraft && can('invoices', 'delete') && <Button variant="subtle" color="red" onClick={() => setDiscarding(true)} data-testid="invoice-discard">{t('invoices.discard')}</Button>}
            </Group>
            <Group gap="xs">
              {isDraft && can('invoices', 'approve') && <KeyButton label={t('invoices.approve')} keys="Alt+A" color="teal" variant="filled" onClick={() => void approve()} data-testid="invoice-approve" />}
              {!isDraft && <KeyButton label={t('invoices.exportUbl')} onClick={() => void ubl()} data-testid="invoice-ubl" />}
              <KeyButton label={t('invoices.print')} keys="Alt+P" onClick={() => void print()} data-testid="invoice-print" />
              <Button variant="default" onClick={onClose}>{t('invoices.close')}</Button>
            </Group>
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={discarding}
        title={t('invoices.discard')}
        message={t('invoices.discardConfirm')}
        confirmLabel={t('invoices.discard')}
        color="red"
        onClose={() => setDiscarding(false)}
        onConfirm={async () => {
          if (!inv) return;
          await call('invoices.discard', { id: inv.id, version: inv.version });
          onChanged();
          onClose();
        }}
      />
    </Modal>
  );
}
