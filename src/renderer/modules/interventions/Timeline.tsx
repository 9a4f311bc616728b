import { apiError, errorText } from '../../app/errors';
import { useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, FileButton, Group, SegmentedControl, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES, UPLOAD_CHUNK_BYTES, type InterventionDetail, type NoteRow } from '../../../shared/api/interventions';
import { attachmentFileId } from '../../../shared/files';
import { call } from '../../app/api';
import { desktopFiles, openProducedFile, type FileAction } from '../../app/files';
import { toBase64 } from '../../app/base64';
import { useFormat } from '../../app/format';

const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;

/** Sends the file in pieces (one ordinary call each, in either transport); main hashes and stores it as it comes. */
async function upload(file: File): Promise<string> {
  let uploadId: string | undefined;
  let offset = 0;
  do {
    const data = await toBase64(file.slice(offset, offset + UPLOAD_CHUNK_BYTES));
    const sent = await call('interventions.uploadChunk', { ...(uploadId ? { uploadId } : {}), offset, data });
    uploadId = sent.uploadId;
    offset = sent.size;
  } while (offset < file.size);
  return uploadId;
}

function size(n: number | null): string {
  if (n == null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Where a stored attachment is read from (content-addressed by its SHA-256 in main). */
export function attachmentUrl(n: NoteRow): string {
  return `/api/attachments/${n.attachmentSha256}?name=${encodeURIComponent(n.attachmentName ?? 'file')}`;
}

/**
 * The document's history of remarks: the seed's two windows. Style 1 is a dated line with an archived file and a
 * correspondence-registry reference; style 2 a plain remark. Ctrl+Enter adds the line.
 */
export function Timeline({ detail, readOnly }: { detail: InterventionDetail; readOnly: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [style, setStyle] = useState<'1' | '2'>('2');
  const [text, setText] = useState('');
  const [registryRef, setRegistryRef] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [isPublic, setPublic] = useState(false);
  const [busy, setBusy] = useState(false);
  // A refusal naming the text or the file is shown at it (a lock, a size); any other above the line.
  const [failure, setFailure] = useState<{ text: string; field?: string } | null>(null);
  const refuse = (e: unknown) => setFailure({ text: errorText(t, e), field: apiError(e)?.field });
  const at = (field: string) => (failure?.field === field ? failure.text : undefined);
  const resetFile = useRef<() => void>(null);
  const desktop = desktopFiles();

  // Desktop: main checks the file as web mode does and hands it to the system's viewer or a save dialog
  // (app:// serves no /api/ and the window opens no downloads or new windows).
  const openAttachment = async (n: NoteRow, action: FileAction) => {
    setFailure(null);
    try {
      await openProducedFile({ fileId: attachmentFileId(n.attachmentSha256!), fileName: n.attachmentName ?? '' }, action);
    } catch (e) {
      refuse(e);
    }
  };

  // Shown to the client in the portal, or hidden again: one click on the line's box.
  const togglePublic = async (n: NoteRow) => {
    setFailure(null);
    try {
      await call('interventions.setNotePublic', { id: detail.id, noteId: n.id, public: !n.public });
      await qc.invalidateQueries({ queryKey: ['interventions.get', { id: detail.id }] });
    } catch (e) {
      refuse(e);
    }
  };

  const add = async (asPublic = isPublic) => {
    if (!text.trim()) {
      setFailure({ text: t('interventions.timeline.textRequired'), field: 'text' });
      return;
    }
    if (file && file.size > ATTACHMENT_MAX_BYTES) {
      setFailure({ text: t('errors.attachment_too_big', { max: MAX_MB }), field: 'attachment' });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const attachment = style === '1' && file ? { name: file.name, uploadId: await upload(file) } : undefined;
      await call('interventions.addNote', {
        id: detail.id,
        style: style === '1' ? 1 : 2,
        text: text.trim(),
        registryRef: style === '1' && registryRef.trim() ? registryRef.trim() : null,
        attachment,
        public: asPublic,
      });
      setText('');
      setPublic(false);
      setRegistryRef('');
      setFile(null);
      resetFile.current?.();
      await qc.invalidateQueries({ queryKey: ['interventions.get', { id: detail.id }] });
    } catch (e) {
      refuse(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6} data-testid="intervention-timeline">
      <Group justify="space-between" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} pb={2}>
        <Text size="sm" fw={600}>
          {t('interventions.timeline.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('interventions.timeline.count', { count: detail.timeline.length })}
        </Text>
      </Group>
      {detail.timeline.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('interventions.timeline.empty')}
        </Text>
      ) : (
        <Table withRowBorders verticalSpacing={2} horizontalSpacing={6} fz="xs" data-testid="timeline-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>{t('interventions.timeline.at')}</Table.Th>
              <Table.Th w={150}>{t('interventions.timeline.person')}</Table.Th>
              <Table.Th>{t('interventions.timeline.text')}</Table.Th>
              <Table.Th w={170}>{t('interventions.timeline.file')}</Table.Th>
              <Table.Th w={110}>{t('interventions.timeline.registryRef')}</Table.Th>
              <Table.Th w={80} title={t('portal.timeline.publicHint')}>
                {t('portal.timeline.public')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.timeline.map((n) => (
              <Table.Tr key={n.id} data-testid="timeline-line" data-style={n.style}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.zoned(n.at, detail.timeZone)}</Table.Td>
                <Table.Td>{n.person ?? t('audit.system')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  {n.style === 2 && (
                    <Badge size="xs" variant="light" color="gray" mr={4}>
                      {t('interventions.timeline.remark')}
                    </Badge>
                  )}
                  {n.text}
                </Table.Td>
                <Table.Td>
                  {n.attachmentName && n.attachmentSha256 && desktop ? (
                    <Group gap={4} wrap="nowrap">
                      <Anchor component="button" type="button" size="xs" onClick={() => void openAttachment(n, 'open')} data-testid="timeline-attachment">
                        📎 {n.attachmentName} <Text span size="xs" c="dimmed">({size(n.attachmentSize)})</Text>
                      </Anchor>
                      <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => void openAttachment(n, 'print')} data-testid="timeline-attachment-print">
                        {t('interventions.actions.print')}
                      </Anchor>
                      <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => void openAttachment(n, 'save')} data-testid="timeline-attachment-save">
                        {t('files.saveAs')}
                      </Anchor>
                    </Group>
                  ) : n.attachmentName && n.attachmentSha256 ? (
                    <Anchor href={attachmentUrl(n)} download={n.attachmentName} target="_blank" rel="noopener" size="xs" data-testid="timeline-attachment">
                      📎 {n.attachmentName} <Text span size="xs" c="dimmed">({size(n.attachmentSize)})</Text>
                    </Anchor>
                  ) : null}
                </Table.Td>
                <Table.Td>{n.registryRef ?? ''}</Table.Td>
                <Table.Td>
                  <Checkbox
                    size="xs"
                    checked={n.public}
                    disabled={readOnly}
                    onChange={() => void togglePublic(n)}
                    aria-label={n.public ? t('portal.timeline.makePrivate') : t('portal.timeline.makePublic')}
                    title={n.public ? t('portal.timeline.makePrivate') : t('portal.timeline.makePublic')}
                    data-testid="timeline-public"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && (
        <Stack gap={4} p={6} style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 4 }} data-testid="timeline-add">
          <Group gap={6} wrap="nowrap" align="flex-end">
            <SegmentedControl
              size="xs"
              value={style}
              onChange={(v) => setStyle(v as '1' | '2')}
              data={[
                { value: '2', label: t('interventions.timeline.style2') },
                { value: '1', label: t('interventions.timeline.style1') },
              ]}
              data-testid="timeline-style"
            />
            {style === '1' && (
              <>
                <TextInput
                  w={150}
                  placeholder={t('interventions.timeline.registryRef')}
                  aria-label={t('interventions.timeline.registryRef')}
                  value={registryRef}
                  maxLength={100}
                  onChange={(e) => setRegistryRef(e.currentTarget.value)}
                  data-testid="timeline-registry"
                />
                <FileButton onChange={setFile} resetRef={resetFile}>
                  {(props) => (
                    <Button {...props} variant="default" data-testid="timeline-file">
                      📎 {file ? file.name : t('interventions.timeline.attach')}
                    </Button>
                  )}
                </FileButton>
                {at('attachment') && (
                  <Text size="xs" c="red" role="alert" data-testid="timeline-file-error">
                    {at('attachment')}
                  </Text>
                )}
              </>
            )}
          </Group>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Textarea
              style={{ flex: 1 }}
              autosize
              minRows={1}
              maxRows={5}
              maxLength={4000}
              placeholder={t('interventions.timeline.placeholder')}
              aria-label={t('interventions.timeline.text')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              error={at('text')}
              onKeyDown={(e) => {
                // Ctrl+Enter adds the line; with Shift it is added shown to the client.
                if (e.key === 'Enter' && e.ctrlKey) {
                  e.preventDefault();
                  e.stopPropagation();
                  void add(e.shiftKey || isPublic);
                }
              }}
              data-testid="timeline-text"
            />
            <Checkbox
              mt={6}
              size="xs"
              checked={isPublic}
              onChange={(e) => setPublic(e.currentTarget.checked)}
              label={t('portal.timeline.public')}
              title={t('portal.timeline.publicHint')}
              data-testid="timeline-add-public"
            />
            <Button onClick={() => void add()} loading={busy} variant="light" data-testid="timeline-add-button">
              {t('interventions.timeline.add')}
            </Button>
          </Group>
          {failure && failure.field !== 'text' && !(failure.field === 'attachment' && style === '1') && (
            <Alert color="red" p={4} role="alert">
              {failure.text}
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}
