import { errorText } from '../../app/errors';
import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, Group, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GridColumn, GridScope, SortField } from '../../../shared/api/interventions';
import { call, subscribeEvents } from '../../app/api';
import { desktopFiles, fileUrl, openProducedFile, type FileAction, type ProducedFile } from '../../app/files';
import { useFormat } from '../../app/format';
import { DialogButtons, DialogFailure, freshDialog } from '../../components/DialogButtons';

interface ExportProps {
  opened: boolean;
  scope: GridScope;
  columns: GridColumn[];
  sort: { sort?: SortField; desc?: boolean };
  total: number | null;
  onClose(): void;
}

/**
 * Export of exactly what the grid shows: the filtered rows (and the group chosen in the tree) with the shown columns,
 * in their order. Main writes the file off the window's thread and reports progress; then the file opens (desktop:
 * in the system's program, with "Save as…" beside it) or downloads (web mode).
 */
export const ExportDialog = freshDialog<ExportProps>((t) => t('interventions.export.title'), 'md', ExportBody);

function ExportBody(p: ExportProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [file, setFile] = useState<ProducedFile | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const off = useRef<(() => void) | null>(null);
  const desktop = desktopFiles();

  useEffect(() => () => off.current?.(), []);

  const run = async () => {
    setBusy(true);
    setFailure(null);
    setFile(null);
    setSaved(false);
    setProgress({ done: 0, total: p.total ?? 0 });
    // The job's id is ours, so progress events that arrive before the answer are matched to this export.
    const jobId = crypto.randomUUID();
    off.current = subscribeEvents((name, payload) => {
      if (name !== 'export.progress') return;
      const e = payload as { jobId?: string; done?: number; total?: number };
      if (e.jobId === jobId && typeof e.done === 'number' && typeof e.total === 'number') setProgress({ done: e.done, total: e.total });
    });
    let f: ProducedFile & { rows: number };
    try {
      f = await call('export.interventions', { scope: p.scope, columns: p.columns, format, jobId, ...p.sort });
      setFile(f);
      setProgress({ done: f.rows, total: f.rows });
    } catch (e) {
      setFailure(errorText(t, e));
      setProgress(null);
      return;
    } finally {
      off.current?.();
      off.current = null;
      setBusy(false);
    }
    // The file is made even when no program opens it: the buttons (or the link) stay for another try.
    await act(f, 'open');
  };

  const act = async (f: ProducedFile, action: FileAction) => {
    setFailure(null);
    try {
      if ((await openProducedFile(f, action)) && action === 'save') setSaved(true);
    } catch (e) {
      setFailure(errorText(t, e));
    }
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : busy ? 100 : 0;
  return (
    <Stack gap="sm" data-testid="export-dialog">
      <Text size="sm">{t('interventions.export.what', { rows: fmt.number(p.total ?? 0), columns: p.columns.length })}</Text>
      <SegmentedControl
        value={format}
        onChange={(v) => setFormat(v as 'xlsx' | 'csv')}
        data={[
          { value: 'xlsx', label: 'Excel (XLSX)' },
          { value: 'csv', label: 'CSV' },
        ]}
        data-testid="export-format"
      />
      {progress && (
        <Stack gap={2}>
          <Progress value={pct} animated={busy} striped={busy} data-testid="export-progress" />
          <Text size="xs" c="dimmed">
            {file ? t('interventions.export.done') : t('interventions.export.progress', { done: fmt.number(progress.done), total: fmt.number(progress.total) })}
          </Text>
        </Stack>
      )}
      {file && desktop && (
        <Group gap="xs" data-testid="export-file">
          <Text size="sm">{file.fileName}</Text>
          <Button size="compact-sm" variant="default" onClick={() => void act(file, 'open')} data-testid="export-open">
            {t('common.open')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => void act(file, 'save')} data-testid="export-save">
            {t('files.saveAs')}
          </Button>
          {saved && (
            <Text size="xs" c="dimmed">
              {t('common.saved')}
            </Text>
          )}
        </Group>
      )}
      {file && !desktop && (
        <Anchor href={fileUrl(file.fileId)} download={file.fileName} size="sm" data-testid="export-link">
          ⬇ {file.fileName ?? t('interventions.export.download')}
        </Anchor>
      )}
      <DialogFailure message={failure} />
      <DialogButtons onCancel={p.onClose} cancel="close" label={t('interventions.export.run')} busy={busy} disabled={!p.columns.length} onConfirm={() => void run()} autoFocus testId="export-ok" />
    </Stack>
  );
}
