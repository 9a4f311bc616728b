import { useState } from 'react';
import { Tabs } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { CALENDAR_REPORTS, type CalendarReport } from '../../../shared/api/calendarReports';
import { ScreenHeader } from '../../components/screen';
import { DailyListPanel } from './DailyListPanel';
import { Filters, defaultFilter, validDay, type ReportFilter } from './Filters';
import { NoShowsPanel, SourcesPanel, UnpaidPanel, UtilisationPanel, type Period } from './PeriodPanels';

const PANELS = { sources: SourcesPanel, noShows: NoShowsPanel, utilisation: UtilisationPanel, unpaid: UnpaidPanel } as const;

/**
 * The calendar's reports on one screen: visits by source, no-shows, utilisation, unpaid visits and the day list, each
 * a chart over a dense table with Print and Save as PDF. One filter (period or day, branch, employee) serves them all.
 */
export function CalendarReportsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<CalendarReport>('sources');
  const [filter, setFilter] = useState<ReportFilter>(() => defaultFilter());
  // Typing a date fires a change per key: ask main once the date stops changing.
  const [f] = useDebouncedValue(filter, 300);
  const period: Period | null = validDay(f.from) && validDay(f.to) && f.from <= f.to ? { from: f.from, to: f.to, branchId: f.branchId, userId: f.userId } : null;
  const Panel = tab === 'dailyList' ? null : PANELS[tab];
  return (
    <div className="planora-page" data-testid="calendar-reports-screen">
      <ScreenHeader title={t('calendarReports.title')} />
      <Filters value={filter} onChange={setFilter} daily={tab === 'dailyList'} />
      <Tabs value={tab} onChange={(v) => v && setTab(v as CalendarReport)} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        <Tabs.List>
          {CALENDAR_REPORTS.map((r) => (
            <Tabs.Tab key={r} value={r} data-testid={`calreports-tab-${r}`}>
              {t(`calendarReports.titles.${r}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={tab} pt={6} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          {tab === 'dailyList' ? (
            <DailyListPanel input={f.branchId && validDay(f.day) ? { branchId: f.branchId, day: f.day, userId: f.userId } : null} />
          ) : Panel && period ? (
            <Panel period={period} />
          ) : null}
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
