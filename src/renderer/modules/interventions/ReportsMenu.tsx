import { useState } from 'react';
import { Button, Group, Menu, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/api';
import type { GridRow, GridScope } from '../../../shared/api/interventions';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { desktopFiles, openProducedFile } from '../../app/files';
import type { InterventionsGridHandle } from './InterventionsGrid';
import { SaveViewDialog } from './SaveViewDialog';
import { StandardReports } from './StandardReports';
import type { Say } from './ScreenMessage';
import { parseConfig, shownColumnsOf, useViews, type SavedView } from './Views';

export interface ReportsMenuProps {
  /** What the grid shows now: the quick report prints it. */
  scope: GridScope;
  grid(): InterventionsGridHandle | null;
  /** The grid's configuration, saved as a custom report. */
  config(): string;
  /** Shows a custom report in the grid. */
  onOpen(v: SavedView): void;
  /** The selected (or focused) document: the evolution sheet and the form print it. */
  target(): GridRow | undefined;
  say: Say;
}

/**
 * The toolbar's reports: the quick report (the grid as shown, as a file) and custom reports (the current grid saved
 * under a name, shared by default; open one to see it, or print it). Given as pieces, so the toolbar can show the
 * menu in its row or, folded, as a submenu of "More"; the save dialog is one, wherever it was asked from.
 */
export function useReportsMenu(p: ReportsMenuProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const views = useViews();
  const [saving, setSaving] = useState(false);
  const reports = (views.data ?? []).filter((v) => v.kind === 'report').sort((a, b) => a.name.localeCompare(b.name));

  // Busy until the file is open, not only produced.
  const report = useApiMutation('reports.interventionList', {
    onSuccess: async (f) => {
      await openProducedFile(f);
      if (desktopFiles()) p.say(t('files.opened', { name: f.fileName }), 'green', f);
    },
    onError: (e) => p.say(errorText(t, e), 'red'),
  });
  const openFile = (input: Input<'reports.interventionList'>) => {
    if (!input.columns.length) return p.say(t('interventions.noColumns'), 'orange');
    report.mutate(input);
  };
  const quickReport = () => openFile({ scope: p.scope, columns: p.grid()?.shownColumns() ?? [], ...p.grid()?.sort() });
  const print = (v: SavedView) => {
    const c = parseConfig(v.config);
    if (!c) return p.say(t('interventions.views.broken'), 'red');
    openFile({ scope: c.groupBy.length ? { filters: c.filters, groupBy: c.groupBy, groupPath: [] } : { filters: c.filters }, columns: shownColumnsOf(c), ...c.sort });
  };

  const entries = (
    <>
      <StandardReports view={() => ({ scope: p.scope, columns: p.grid()?.shownColumns() ?? [], sort: p.grid()?.sort() ?? {} })} target={p.target} say={p.say} />
      {reports.length === 0 && <Menu.Label>{t('interventions.reports.none')}</Menu.Label>}
      {reports.map((r) => (
        <Group key={r.id} gap={4} wrap="nowrap" px={6} py={2} data-testid="report-item">
          <Text size="xs" style={{ flex: 1 }} truncate>
            {r.name}
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => p.onOpen(r)}>
            {t('common.open')}
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => print(r)}>
            {t('interventions.actions.print')}
          </Button>
        </Group>
      ))}
      <Menu.Divider />
      <Menu.Item onClick={() => setSaving(true)} data-testid="report-save">
        {t('interventions.reports.saveCurrent')}
      </Menu.Item>
    </>
  );

  return {
    quickReport: { run: quickReport, busy: report.isPending, label: t('interventions.toolbar.quickReport') },
    label: t('interventions.toolbar.reports'),
    entries,
    dialog: <SaveViewDialog opened={saving} kind="report" config={p.config} onClose={() => setSaving(false)} onSaved={() => void qc.invalidateQueries({ queryKey: ['interventions.views'] })} />,
  };
}
