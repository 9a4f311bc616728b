import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../shared/api';
import { wallClock } from '../../../shared/rules/zonedTime';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { useNumbers } from './numbers';
import { DenseTable, ReportFrame } from './ReportFrame';

type Day = Output<'calendarReports.dailyList'>;
const minuteOf = (iso: string, tz: string) => {
  const w = wallClock(iso, tz);
  return Number(w.slice(11, 13)) * 60 + Number(w.slice(14, 16));
};

/** The day as a chart: one row per employee, each visit a block on the branch's clock (breaks grey). */
function DayTimeline({ day, title }: { day: Day; title: string }) {
  const lines = day.employees.flatMap((e) => e.lines);
  if (!lines.length) return null;
  const first = Math.floor(Math.min(...lines.map((l) => minuteOf(l.start, day.timeZone))) / 60) * 60;
  const last = Math.ceil(Math.max(...lines.map((l) => minuteOf(l.end, day.timeZone) || 24 * 60)) / 60) * 60;
  const LABEL = 170;
  const W = 720;
  const x = (m: number) => LABEL + ((m - first) / Math.max(60, last - first)) * (W - LABEL - 10);
  const hours = Array.from({ length: (last - first) / 60 + 1 }, (_, i) => first + i * 60);
  return (
    <svg role="img" aria-label={title} width={W} height={day.employees.length * 20 + 22} style={{ maxWidth: '100%', display: 'block' }} data-testid="calreports-daily-chart">
      <title>{title}</title>
      {hours.map((h) => (
        <g key={h}>
          <line x1={x(h)} x2={x(h)} y1={14} y2={day.employees.length * 20 + 18} stroke="var(--mantine-color-gray-4)" />
          <text x={x(h)} y={11} fontSize={10} textAnchor="middle" fill="var(--mantine-color-text)">{`${String(h / 60).padStart(2, '0')}:00`}</text>
        </g>
      ))}
      {day.employees.map((e, i) => (
        <g key={e.userId} transform={`translate(0 ${i * 20 + 18})`}>
          <text x={LABEL - 6} y={13} fontSize={11} textAnchor="end" fill="var(--mantine-color-text)">
            {e.userName}
          </text>
          {e.lines.map((l) => (
            <rect
              key={l.visitId}
              x={x(minuteOf(l.start, day.timeZone))}
              y={3}
              width={Math.max(2, x(minuteOf(l.end, day.timeZone) || 24 * 60) - x(minuteOf(l.start, day.timeZone)) - 1)}
              height={14}
              rx={2}
              fill={l.kind === 'break' ? 'var(--mantine-color-gray-5)' : l.status === 'no_show' ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-blue-7)'}
            >
              <title>{`${wallClock(l.start, day.timeZone).slice(11)} ${l.clientName ?? ''}`}</title>
            </rect>
          ))}
        </g>
      ))}
    </svg>
  );
}

export function DailyListPanel({ input }: { input: Input<'calendarReports.dailyList'> | null }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const q = useApiQuery('calendarReports.dailyList', input ?? { branchId: '', day: '' }, { enabled: !!input });
  const d = q.data;
  const time = (iso: string) => (d ? wallClock(iso, d.timeZone).slice(11, 16) : '');
  return (
    <ReportFrame
      testId="calreports-dailyList"
      query={{ isLoading: q.isLoading && !!input, error: q.error }}
      zone={d?.timeZone}
      produce={() => call('calendarReports.dailyListPdf', input!)}
      chart={d && <DayTimeline day={d} title={t('calendarReports.titles.dailyList')} />}
    >
      {!input && <Text c="dimmed">{t('calendarReports.pickBranch')}</Text>}
      {d && !d.employees.length && <Text c="dimmed">{t('calendarReports.nothing')}</Text>}
      {d?.employees.map((e) => (
        <Stack key={e.userId} gap={2}>
          <Title order={2} size="h6">
            {e.userName} — {t('calendarReports.bookedLine', { hours: n.hours(e.bookedMin) })}
          </Title>
          <DenseTable
            testId={`calreports-daily-${e.userId}`}
            loading={false}
            titles={['time', 'client', 'phone', 'service', 'notes', 'marks'].map((c) => t(`calendarReports.col.${c}`))}
            rows={e.lines.map((l) => [
              `${time(l.start)}–${time(l.end)}`,
              l.kind === 'break' ? <i key="b">{t('calendarReports.break')}</i> : (l.clientName ?? ''),
              l.clientPhone ?? '',
              l.serviceName ?? '',
              l.notes ?? '',
              <Group key="m" gap={3}>
                {l.firstConsultation && <Badge size="xs" variant="light">{t('calendarReports.pk')}</Badge>}
                {l.asap && <Badge size="xs" variant="light" color="orange">{t('calendarReports.asap')}</Badge>}
                {l.status === 'no_show' && <Badge size="xs" variant="light" color="red">{t('calendarReports.status.no_show')}</Badge>}
              </Group>,
            ])}
          />
        </Stack>
      ))}
    </ReportFrame>
  );
}
