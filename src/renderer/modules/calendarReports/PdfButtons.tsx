import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FileAction, ReportFile } from '../../../shared/api/reports';
import { errorText } from '../../app/errors';
import { openProducedFile } from '../../app/files';

/** Print (web mode: the preview) and save a report as PDF, as the interventions reports do; a refusal is said beside them. */
export function PdfButtons({ produce, disabled, testId }: { produce(): Promise<ReportFile>; disabled?: boolean; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<FileAction | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (action: FileAction) => {
    setBusy(action);
    setFailure(null);
    try {
      await openProducedFile(await produce(), action);
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap={6}>
      <Button size="xs" variant="default" loading={busy === 'print'} disabled={disabled || !!busy} onClick={() => void run('print')} data-testid={`${testId}-print`}>
        {t('calendarReports.print')}
      </Button>
      <Button size="xs" variant="default" loading={busy === 'save'} disabled={disabled || !!busy} onClick={() => void run('save')} data-testid={`${testId}-save`}>
        {t('calendarReports.save')}
      </Button>
      {failure && (
        <Text size="sm" c="red.8" role="alert">
          {failure}
        </Text>
      )}
    </Group>
  );
}
