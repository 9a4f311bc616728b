import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/api';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { BarChart } from './BarChart';
import { useNumbers } from './numbers';
import { DenseTable, ReportFrame } from './ReportFrame';

export type Period = Input<'calendarReports.sources'>;
const one = (zones: readonly string[] | undefined) => (zones?.length === 1 ? zones[0] : null);

export function SourcesPanel({ period }: { period: Period }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const q = useApiQuery('calendarReports.sources', period);
  const rows = q.data?.rows ?? [];
  const name = (r: (typeof rows)[number]) => r.sourceName ?? t('calendarReports.noSource');
  return (
    <ReportFrame
      testId="calreports-sources"
      query={q}
      produce={() => call('calendarReports.pdf', { report: 'sources', ...period })}
      summary={<Text size="sm">{t('calendarReports.visitCount', { count: q.data?.total ?? 0 })}</Text>}
      chart={<BarChart testId="calreports-sources-chart" title={t('calendarReports.titles.sources')} bars={rows.map((r) => ({ key: r.sourceId ?? '-', label: name(r), value: r.count, text: n.pct(r.share) }))} />}
    >
      <DenseTable
        testId="calreports-sources-table"
        loading={q.isLoading}
        right={[1, 2]}
        titles={[t('calendarReports.col.source'), t('calendarReports.col.visits'), t('calendarReports.col.share')]}
        rows={rows.map((r) => [name(r), n.int(r.count), n.pct(r.share)])}
      />
    </ReportFrame>
  );
}

export function NoShowsPanel({ period }: { period: Period }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const q = useApiQuery('calendarReports.noShows', period);
  const d = q.data;
  const titles = (who: string) => [who, t('calendarReports.col.noShows'), t('calendarReports.col.decided'), t('calendarReports.col.rate')];
  return (
    <ReportFrame
      testId="calreports-noShows"
      query={q}
      produce={() => call('calendarReports.pdf', { report: 'noShows', ...period })}
      summary={<Text size="sm">{t('calendarReports.noShowSummary', { noShows: n.int(d?.noShows ?? 0), decided: n.int(d?.decided ?? 0), rate: n.pct(d?.decided ? d.noShows / d.decided : null) })}</Text>}
      chart={<BarChart testId="calreports-noShows-chart" title={t('calendarReports.byEmployee')} bars={(d?.byEmployee ?? []).map((r) => ({ key: r.id, label: r.name, value: r.noShows, text: `${n.int(r.noShows)} · ${n.pct(r.rate)}` }))} />}
    >
      <DenseTable testId="calreports-noShows-employees" loading={q.isLoading} right={[1, 2, 3]} titles={titles(t('calendarReports.col.employee'))} rows={(d?.byEmployee ?? []).map((r) => [r.name, n.int(r.noShows), n.int(r.decided), n.pct(r.rate)])} />
      <DenseTable
        testId="calreports-noShows-clients"
        loading={q.isLoading}
        right={[2, 3, 4]}
        titles={[t('calendarReports.col.client'), t('calendarReports.col.phone'), ...titles('').slice(1)]}
        rows={(d?.byClient ?? []).map((r) => [r.name, r.phone ?? '', n.int(r.noShows), n.int(r.decided), n.pct(r.rate)])}
      />
    </ReportFrame>
  );
}

export function UtilisationPanel({ period }: { period: Period }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const q = useApiQuery('calendarReports.utilisation', period);
  const rows = q.data?.rows ?? [];
  return (
    <ReportFrame
      testId="calreports-utilisation"
      query={q}
      produce={() => call('calendarReports.pdf', { report: 'utilisation', ...period })}
      chart={<BarChart testId="calreports-utilisation-chart" title={t('calendarReports.titles.utilisation')} max={1} bars={rows.map((r) => ({ key: `${r.userId}-${r.branchId}`, label: r.userName, value: r.rate ?? 0, text: n.pct(r.rate) }))} />}
    >
      <DenseTable
        testId="calreports-utilisation-table"
        loading={q.isLoading}
        right={[2, 3, 4, 5]}
        titles={['employee', 'branch', 'visits', 'booked', 'working', 'rate'].map((c) => t(`calendarReports.col.${c}`))}
        rows={rows.map((r) => [r.userName, r.branchName, n.int(r.visits), n.hours(r.bookedMin), n.hours(r.workingMin), n.pct(r.rate)])}
      />
    </ReportFrame>
  );
}

export function UnpaidPanel({ period }: { period: Period }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const fmt = useFormat();
  const q = useApiQuery('calendarReports.unpaid', period);
  const rows = q.data?.rows ?? [];
  // Owed per employee (and currency): who has the most to collect.
  const owed = new Map<string, { label: string; value: number; currency: string }>();
  for (const r of rows) {
    const k = `${r.userName}\u0000${r.currency}`;
    owed.set(k, { label: r.userName, currency: r.currency, value: (owed.get(k)?.value ?? 0) + r.dueMinor });
  }
  return (
    <ReportFrame
      testId="calreports-unpaid"
      query={q}
      zone={one(q.data?.timeZones)}
      produce={() => call('calendarReports.pdf', { report: 'unpaid', ...period })}
      summary={<Text size="sm" fw={600}>{(q.data?.due ?? []).map((m) => t('calendarReports.dueTotal', { amount: n.money(m.minor, m.currency) })).join(' · ')}</Text>}
      chart={<BarChart testId="calreports-unpaid-chart" title={t('calendarReports.dueByEmployee')} bars={[...owed].map(([k, o]) => ({ key: k, label: o.label, value: o.value, text: n.money(o.value, o.currency) }))} />}
    >
      <DenseTable
        testId="calreports-unpaid-table"
        loading={q.isLoading}
        right={[5, 6, 7]}
        titles={['time', 'client', 'phone', 'employee', 'service', 'total', 'paid', 'due'].map((c) => t(`calendarReports.col.${c}`))}
        rows={rows.map((r) => [fmt.zoned(r.start, r.timeZone), r.clientName ?? '', r.clientPhone ?? '', r.userName, r.serviceName ?? '', n.money(r.totalMinor, r.currency), n.money(r.paidMinor, r.currency), <b key="due">{n.money(r.dueMinor, r.currency)}</b>])}
      />
    </ReportFrame>
  );
}
