import { useRef, useSyncExternalStore } from 'react';
import { Button, Group, Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { download, preview, previewUrl } from './files';

/** Whether the print preview is open: a drawer under it leaves Esc to the preview (it closes the preview only). */
export function usePrintPreviewOpen(): boolean {
  return !!useSyncExternalStore(preview.subscribe, preview.current);
}

/**
 * Web mode's print preview: the PDF as the browser's viewer shows it, inside the app, with Print (the browser's
 * print dialog for that document alone) and Download. The desktop app prints through the system's viewer instead.
 */
export function FilePreview() {
  const { t } = useTranslation();
  const file = useSyncExternalStore(preview.subscribe, preview.current);
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    // Closed after the key's dispatch ends: a drawer below reads "preview open" for the whole Esc and keeps itself open.
    <Modal opened={!!file} onClose={() => setTimeout(preview.close)} fullScreen zIndex={600} title={t('files.preview.title')} data-testid="print-preview" styles={{ body: { height: 'calc(100dvh - 60px)', display: 'flex', flexDirection: 'column', gap: 8 } }}>
      {file && (
        <>
          <Group gap="xs">
            <Button onClick={() => frame.current?.contentWindow?.print()} data-testid="preview-print">
              {t('files.preview.print')}
            </Button>
            <Button variant="default" onClick={() => download(file)} data-testid="preview-download">
              {t('files.preview.download')}
            </Button>
          </Group>
          <iframe ref={frame} src={previewUrl(file.fileId)} title={t('files.preview.document', { name: file.fileName })} style={{ flex: 1, border: '1px solid var(--mantine-color-gray-4)', width: '100%' }} data-testid="preview-frame" />
        </>
      )}
    </Modal>
  );
}
