import { useEffect, useState } from 'react';
import { Button, FileButton, Group, Select, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RECORDING_MAX_BYTES, type PromptRecording } from '../../../shared/api/reminders';
import type { Language } from '../../../shared/i18n/languages';
import { call } from '../../app/api';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { base64Blob, toBase64 } from '../../app/base64';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { LANGUAGE_OPTIONS } from '../../components/fields';
import { TableHead } from '../../components/tableParts';
import { RECORDABLE_PHRASES } from '../../../shared/api/reminders';

/**
 * The message's phrases in one language: each spoken by the synthesizer until the organization uploads its own
 * recording (any WAV; main converts it to 8 kHz), which can be deleted again. "Play" fetches the assembled message of
 * a sample visit and plays it here, as a client would hear it.
 */
export function PromptsPanel() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [lang, setLang] = useState<Language>((i18n.language as Language) ?? 'en');
  const recordings = useApiQuery('reminders.recordings', {});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [sample, setSample] = useState<{ url: string; seconds: number } | null>(null);
  const refetch = () => qc.invalidateQueries({ queryKey: ['reminders.recordings'] });
  const remove = useApiMutation('reminders.deleteRecording', { onSuccess: () => void refetch(), onError: (e) => setFailure(errorText(t, e)) });
  const play = useApiMutation('reminders.playSample', {
    onMutate: () => setFailure(null),
    onSuccess: (r) => setSample({ url: URL.createObjectURL(base64Blob(r.wavBase64, 'audio/wav')), seconds: r.seconds }),
    onError: (e) => setFailure(errorText(t, e)),
  });
  // A new sample's address replaces the old one, which is let go.
  useEffect(() => () => void (sample && URL.revokeObjectURL(sample.url)), [sample]);

  const mine = new Map((recordings.data ?? []).filter((r) => r.lang === lang).map((r) => [r.phrase, r] as [string, PromptRecording]));
  const upload = async (phrase: string, file: File | null) => {
    if (!file) return;
    setFailure(null);
    if (file.size > RECORDING_MAX_BYTES) {
      setFailure(t('remindersUi.recordingTooBig', { mb: RECORDING_MAX_BYTES / 1024 / 1024 }));
      return;
    }
    setBusy(phrase);
    try {
      await call('reminders.uploadRecording', { lang, phrase, wavBase64: await toBase64(file), fileName: file.name });
      await refetch();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Group gap="xs" align="flex-end">
        <Select
          label={t('remindersUi.promptLanguage')}
          data={LANGUAGE_OPTIONS}
          value={lang}
          onChange={(v) => {
            if (!v) return;
            setLang(v as Language);
            setSample(null);
          }}
          allowDeselect={false}
          w={180}
          data-testid="rem-prompt-lang"
        />
        <Button variant="default" loading={play.isPending} onClick={() => play.mutate({ lang })} data-testid="rem-play">
          ▶ {t('remindersUi.play')}
        </Button>
        {sample && (
          // Started by the button's press, so the browser lets it play; the controls replay it.
          <audio src={sample.url} controls autoPlay aria-label={t('remindersUi.sampleAudio')} data-testid="rem-sample-audio" data-seconds={sample.seconds} />
        )}
      </Group>
      {failure && (
        <Text size="sm" c="red.8" role="alert" data-testid="rem-prompt-error">
          {failure}
        </Text>
      )}
      <Table withTableBorder striped fz="sm" verticalSpacing={2} horizontalSpacing={6} data-testid="rem-phrases">
        <TableHead titles={[t('remindersUi.phrase'), t('remindersUi.recording'), <VisuallyHidden key="a">{t('remindersUi.actions')}</VisuallyHidden>]} />
        <Table.Tbody>
          {RECORDABLE_PHRASES.map((p) => {
            const rec = mine.get(p);
            return (
              <Table.Tr key={p} data-testid={`rem-phrase-${p}`}>
                <Table.Td>
                  {t(`prompts.phrases.${p}`)}
                  {p === 'org_name' && (
                    <Text size="xs" c="dimmed">
                      {t('prompts.orgNameHint')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-testid={`rem-phrase-${p}-state`}>
                  {rec ? t('remindersUi.recorded', { name: rec.sourceName ?? '', seconds: fmt.number(Math.round(rec.seconds * 10) / 10), date: fmt.date(rec.updatedAt) }) : p === 'org_name' ? t('remindersUi.notSaid') : t('remindersUi.synthesized')}
                </Table.Td>
                <Table.Td w={230}>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <FileButton accept="audio/wav,audio/x-wav,.wav" onChange={(f) => void upload(p, f)}>
                      {(props) => (
                        <Button {...props} size="compact-xs" variant="light" loading={busy === p} aria-label={`${t('remindersUi.upload')} · ${t(`prompts.phrases.${p}`)}`} data-testid={`rem-phrase-${p}-upload`}>
                          {t('remindersUi.upload')}
                        </Button>
                      )}
                    </FileButton>
                    {rec && (
                      <Button size="compact-xs" variant="subtle" color="red" loading={remove.isPending && remove.variables?.id === rec.id} onClick={() => remove.mutate({ id: rec.id })} aria-label={`${t('common.delete')} · ${t(`prompts.phrases.${p}`)}`} data-testid={`rem-phrase-${p}-delete`}>
                        {t('common.delete')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
