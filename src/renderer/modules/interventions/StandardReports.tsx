import { useState } from 'react';
import { Button, Group, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GridRow } from '../../../shared/api/interventions';
import type { FileAction, ReportFile } from '../../../shared/api/reports';
import { errorText } from '../../app/errors';
import { desktopFiles, type ProducedFile } from '../../app/files';
import { DOCUMENT_REPORTS, LIST_REPORTS, deliver, produceDocument, produceList, type GridView } from './reportActions';

const ACTIONS: FileAction[] = ['open', 'print', 'save'];

interface Props {
  /** The grid as it is now: filter, grouping, shown columns and order. */
  view(): GridView;
  /** The selected (or focused) document, for the sheet and the form. */
  target(): GridRow | undefined;
  say(text: string, color?: string, file?: ProducedFile): void;
}

/** Runs a report and does with it what the person asked: open, print or save; says what happened in the toolbar. */
function useReportRunner(say: Props['say']) {
  const { t } = useTranslation();
  const [running, setRunning] = useState<string | null>(null);
  const run = async (key: string, action: FileAction, produce: () => Promise<ReportFile>) => {
    setRunning(`${key}-${action}`);
    try {
      const f = await produce();
      const done = await deliver(f, action);
      if (action === 'save') {
        if (done) say(t('common.saved'));
      } else if (desktopFiles()) say(t('files.opened', { name: f.fileName }), 'green', f);
    } catch (e) {
      say(errorText(t, e), 'red');
    } finally {
      setRunning(null);
    }
  };
  return { running, run };
}

function ReportRow(p: { kind: string; disabled?: boolean; hint?: string; running: string | null; onAction(action: FileAction): void }) {
  const { t } = useTranslation();
  const label = { open: t('common.open'), print: t('interventions.actions.print'), save: t('files.saveAs') };
  return (
    <Group gap={4} wrap="nowrap" px={6} py={2} data-testid={`report-${p.kind}`}>
      <Text size="xs" style={{ flex: 1 }} truncate c={p.disabled ? 'dimmed' : undefined} title={p.hint}>
        {t(`reports.titles.${p.kind}`)}
      </Text>
      {ACTIONS.map((a) => (
        <Button
          key={a}
          size="compact-xs"
          variant="subtle"
          disabled={p.disabled}
          loading={p.running === `${p.kind}-${a}`}
          onClick={() => p.onAction(a)}
          data-testid={`report-${p.kind}-${a}`}
        >
          {label[a]}
        </Button>
      ))}
    </Group>
  );
}

/**
 * The seed's reports at the top of the toolbar's reports menu: the lists of the grid's current filter, then the
 * evolution sheet and the form of the selected document (disabled until one is selected).
 */
export function StandardReports(p: Props) {
  const { t } = useTranslation();
  const { running, run } = useReportRunner(p.say);
  const target = p.target();
  const list = (kind: (typeof LIST_REPORTS)[number], action: FileAction) => {
    const view = p.view();
    if (kind === 'interventionList' && !view.columns.length) return p.say(t('interventions.noColumns'), 'orange');
    void run(kind, action, () => produceList(kind, view));
  };
  return (
    <>
      <Menu.Label>{t('interventions.reports.listsLabel')}</Menu.Label>
      {LIST_REPORTS.map((kind) => (
        <ReportRow key={kind} kind={kind} running={running} onAction={(a) => list(kind, a)} />
      ))}
      <Menu.Label>{target ? t('interventions.reports.documentLabel', { name: target.number ?? target.client }) : t('interventions.reports.documentNone')}</Menu.Label>
      {DOCUMENT_REPORTS.map((kind) => (
        <ReportRow key={kind} kind={kind} disabled={!target} running={running} onAction={(a) => target && void run(kind, a, () => produceDocument(kind, target.id))} />
      ))}
      <Menu.Divider />
      <Menu.Label>{t('interventions.toolbar.customReports')}</Menu.Label>
    </>
  );
}

/** The evolution sheet from the open document, beside its Print: printed like the form. */
export function EvolutionSheetButton(p: { id: string; onError(e: unknown): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      await deliver(await produceDocument('evolutionSheet', p.id), 'print');
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" onClick={() => void print()} loading={busy} data-testid="act-evolution">
      {t('reports.titles.evolutionSheet')}
    </Button>
  );
}
