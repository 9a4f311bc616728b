import { useState } from 'react';
import { Alert, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UsageRow } from '../../../shared/api/reminders';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { KeyButton, ScreenHeader, useScreenKeys } from '../../components/screen';
import { PdfButtons } from '../calendarReports/PdfButtons';
import { DenseTable } from '../calendarReports/ReportFrame';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** This month on this computer's calendar. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * A month of reminder calls per branch and for the organization, as billed: attempts, billable (answered) calls,
 * billable minutes, confirmed, declined, no answer — with the same figures on paper (print or save as PDF).
 */
export function UsageScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [month, setMonth] = useState(thisMonth);
  const [branchId, setBranchId] = useState<string | null>(null);
  const [m] = useDebouncedValue(month, 300);
  const valid = MONTH.test(m);
  const input = { month: m, branchId };
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000 });
  const usage = useApiQuery('reminders.usage', input, { enabled: valid });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['reminders.usage'] });
  useScreenKeys({ enabled: true, onRefresh: refresh });
  const cells = (r: UsageRow) => [fmt.number(r.attempts), fmt.number(r.billable), fmt.number(r.minutes), fmt.number(r.confirmed), fmt.number(r.declined), fmt.number(r.noAnswer)];
  const rows = (usage.data?.rows ?? []).map((r) => [r.branchName ?? t('remindersUi.usage.organization'), ...cells(r)]);
  // The paper's words (reminders.usage.*), so the screen and the PDF read the same.
  const col = (c: string) => t(`reminders.usage.${c}`);
  const total = usage.data?.total;

  return (
    <div className="planora-page" data-testid="reminder-usage-screen" style={{ overflowY: 'auto' }}>
      <ScreenHeader title={t('remindersUi.usage.title')}>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      <Group gap="xs" align="flex-end" justify="space-between">
        <Group gap="xs" align="flex-end">
          <TextInput type="month" label={t('remindersUi.usage.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} error={month && !MONTH.test(month) ? t('errors.invalid_format') : undefined} w={180} data-testid="rem-usage-month" />
          <Select
            label={t('calendarReports.filter.branch')}
            data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={branchId}
            onChange={setBranchId}
            clearable
            placeholder={t('calendarReports.allBranches')}
            w={220}
            data-testid="rem-usage-branch"
          />
          {usage.data && (
            <Text size="sm" c="dimmed" pb={6}>
              {t('remindersUi.usage.zoneNote', { month: fmt.month(usage.data.month), zone: usage.data.timeZone })}
            </Text>
          )}
        </Group>
        <PdfButtons produce={() => call('reminders.usagePdf', input)} disabled={!valid || usage.isLoading || !!usage.error} testId="rem-usage-pdf" />
      </Group>
      {usage.error ? (
        <Alert color="red" role="alert">
          {errorText(t, usage.error)}
        </Alert>
      ) : (
        <DenseTable
          testId="rem-usage-table"
          loading={usage.isLoading}
          right={[1, 2, 3, 4, 5, 6]}
          titles={['branch', 'attempts', 'billable', 'minutes', 'confirmed', 'declined', 'noAnswer'].map(col)}
          rows={total && !branchId ? [...rows, [<b key="t">{col('total')}</b>, ...cells(total).map((c, i) => <b key={i}>{c}</b>)]] : rows}
        />
      )}
      <Text size="xs" c="dimmed">
        {col('note')}
      </Text>
    </div>
  );
}
