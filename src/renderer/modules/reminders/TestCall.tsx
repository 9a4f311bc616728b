import { useEffect, useState } from 'react';
import { Badge, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../shared/api';
import type { Language } from '../../../shared/i18n/languages';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { onPush } from '../../app/queryClient';
import { LANGUAGE_OPTIONS } from '../../components/fields';

type Progress = EventPayload<'reminders.testCall'>;
const OUTCOME_COLOUR: Record<string, string> = { confirmed: 'teal', declined: 'red', answered: 'blue' };

/**
 * Calls a number now with the sample message over the saved trunk and shows the call as it goes — dialling, ringing,
 * answered, then the outcome with the key pressed and the SIP answer — from the pushed progress of this call only.
 */
export function TestCall({ ready }: { ready: boolean }) {
  const { t, i18n } = useTranslation();
  const [to, setTo] = useState('');
  const [lang, setLang] = useState<Language>((i18n.language as Language) ?? 'en');
  const [callId, setCallId] = useState<string | null>(null);
  // Every test call's latest progress by its id: the first events may arrive before the call's id does.
  const [progress, setProgress] = useState<Record<string, Progress>>({});
  const start = useApiMutation('reminders.testCall', { onSuccess: (r) => setCallId(r.callId), onMutate: () => setCallId(null) });
  useEffect(
    () =>
      onPush((name, payload) => {
        if (name !== 'reminders.testCall') return;
        const p = payload as Progress;
        setProgress((all) => ({ ...all, [p.callId]: p }));
      }),
    [],
  );
  const dial = () => to.trim() && start.mutate({ number: to.trim(), lang });
  const shown = callId ? (progress[callId] ?? null) : null;
  const busy = start.isPending || (!!shown && shown.state !== 'ended') || (!!callId && !shown);

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="rem-test-call">
      <TextInput
        label={t('remindersUi.testNumber')}
        type="tel"
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') dial();
        }}
        w={220}
        data-testid="rem-test-number"
      />
      <Select label={t('remindersUi.testLanguage')} data={LANGUAGE_OPTIONS} value={lang} onChange={(v) => v && setLang(v as Language)} allowDeselect={false} w={150} data-testid="rem-test-lang" />
      <Button variant="default" loading={busy} disabled={!to.trim() || !ready} onClick={dial} data-testid="rem-test-dial">
        {t('remindersUi.testDial')}
      </Button>
      {!ready && (
        <Text size="sm" c="dimmed">
          {t('remindersUi.testNeedsTrunk')}
        </Text>
      )}
      {start.isError && (
        <Text size="sm" c="red.8" role="alert" data-testid="rem-test-error">
          {errorText(t, start.error)}
        </Text>
      )}
      {callId && (
        <Group gap={6} role="status" aria-live="polite" data-testid="rem-test-progress" data-state={shown?.state ?? 'dialing'} data-outcome={shown?.outcome ?? ''}>
          <Badge variant="light" color="gray" data-testid="rem-test-state">
            {t(`remindersUi.callState.${shown?.state ?? 'dialing'}`)}
          </Badge>
          {shown?.outcome && (
            <Badge variant="filled" color={OUTCOME_COLOUR[shown.outcome] ?? 'orange'} data-testid="rem-test-outcome">
              {t(`remindersUi.outcome.${shown.outcome}`)}
            </Badge>
          )}
          {shown?.state === 'ended' && (
            <Text size="sm" data-testid="rem-test-detail">
              {t('remindersUi.testDetail', { key: shown.key ?? '—', code: shown.sipCode ?? '—', seconds: shown.seconds })}
            </Text>
          )}
        </Group>
      )}
    </Group>
  );
}
