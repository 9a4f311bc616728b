import { useState } from 'react';
import { Badge, Group, Text, TextInput } from '@mantine/core';
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
import { ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { InvoiceDialog } from './InvoiceDialog';
import { invoiceFormat } from './money';

type Row = Output<'invoices.list'>[number];
export const STATUS_COLOR = { draft: 'gray', approved: 'teal', exported: 'indigo' } as const;

/** Last month: the one a manager bills at the start of this one. */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The month's invoices: generate them from the done tasks, review each, export the month to Rivile. */
export function InvoicesScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const f = invoiceFormat(fmt.locale);
  const can = useCan();
  const qc = useQueryClient();
  const [month, setMonth] = useState(lastMonth);
  const [opened, setOpened] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invoices = useApiQuery('invoices.list', { month });
  const list = useListSelection(invoices.data, (r) => r.id, invoices.isLoading);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['invoices.list'] });
  useScreenKeys({ enabled: !opened, onRefresh: refresh });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const generate = () =>
    run(async () => {
      const r = await call('invoices.generate', { month });
      setNotice(t('invoices.generated', { drafts: r.drafts, kept: r.kept }));
      refresh();
    });
  const rivile = () =>
    run(async () => {
      await openProducedFile(await call('invoices.exportRivile', { month }), 'save');
      refresh();
    });
  useHotkeys([['alt+G', () => !opened && can('invoices', 'write') && void generate()]], []);

  const columns: Column<Row>[] = [
    { key: 'number', header: t('invoices.col.number'), width: 110, render: (r) => r.number ?? <Text size="sm" c="dimmed">{t('invoices.draft')}</Text> },
    { key: 'client', header: t('invoices.col.client'), render: (r) => r.clientName },
    {
      key: 'status',
      header: t('invoices.col.status'),
      width: 190,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          <Badge size="sm" variant="light" color={STATUS_COLOR[r.status]} data-testid={`invoice-status-${r.id}`}>
            {t(`invoices.status.${r.status}`)}
          </Badge>
          {r.missingRates > 0 && (
            <Badge size="sm" variant="light" color="orange">
              {t('invoices.missingRates', { count: r.missingRates })}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'lines', header: t('invoices.col.lines'), width: 70, align: 'right', render: (r) => fmt.number(r.lineCount) },
    { key: 'net', header: t('invoices.col.net'), width: 120, align: 'right', render: (r) => f.money(r.netMinor, r.currency) },
    { key: 'vat', header: t('invoices.col.vat'), width: 110, align: 'right', render: (r) => f.money(r.vatMinor, r.currency) },
    { key: 'total', header: t('invoices.col.total'), width: 130, align: 'right', render: (r) => <Text size="sm" fw={600}>{f.money(r.totalMinor, r.currency)}</Text> },
  ];
  const rows = invoices.data ?? [];
  const currency = rows[0]?.currency ?? 'EUR';
  const sum = (k: 'netMinor' | 'vatMinor' | 'totalMinor') => rows.reduce((s, r) => s + r[k], 0);

  return (
    <div className="planora-page" data-testid="invoices-screen">
      <ScreenHeader title={t('invoices.title')}>
        <TextInput type="month" aria-label={t('invoices.month')} value={month} onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)} w={160} data-testid="invoices-month" />
        {can('invoices', 'write') && <KeyButton label={t('invoices.generate')} keys="Alt+G" onClick={() => void generate()} loading={busy} data-testid="invoices-generate" />}
        <KeyButton label={t('invoices.exportRivile')} onClick={() => void rivile()} disabled={busy || !rows.some((r) => r.status !== 'draft')} data-testid="invoices-rivile" />
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <Text size="xs" c="dimmed">
        {t('invoices.keys')}
      </Text>
      {notice && (
        <Text size="sm" c="teal" data-testid="invoices-notice">
          {notice}
        </Text>
      )}
      <ErrorBanner message={error ?? (invoices.error ? errorText(t, invoices.error) : null)} onClose={() => setError(null)} />
      {!invoices.isLoading && rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="invoices-empty">
          {t('invoices.empty')}
        </Text>
      ) : (
        <ListTable label={t('invoices.title')} testId="invoices-table" columns={columns} {...list.table} onOpen={(r) => setOpened(r.id)} />
      )}
      {rows.length > 0 && (
        <Group justify="flex-end" gap="lg" data-testid="invoices-totals">
          <Text size="sm">{`${t('invoices.col.net')}: ${f.money(sum('netMinor'), currency)}`}</Text>
          <Text size="sm">{`${t('invoices.col.vat')}: ${f.money(sum('vatMinor'), currency)}`}</Text>
          <Text size="sm" fw={600}>{`${t('invoices.col.total')}: ${f.money(sum('totalMinor'), currency)}`}</Text>
        </Group>
      )}
      {opened && <InvoiceDialog id={opened} onClose={() => setOpened(null)} onChanged={refresh} />}
    </div>
  );
}
