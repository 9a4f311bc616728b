import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, TagsInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { REMINDER_CHANNELS, type ReminderChannel, type VisitReminders as Reminders } from '../../../../shared/api/reminders';
import { useApiMutation, useApiQuery } from '../../../app/apiQuery';
import { errorText } from '../../../app/errors';
import { useFormat } from '../../../app/format';
import { OFFSET_SUGGESTIONS, offsetLabel } from '../../reminders/offsets';
import { ReminderAttempts } from './ReminderAttempts';
import { RiskLine } from './RiskLine';

const STATE_COLOUR: Record<string, string> = { planned: 'gray', calling: 'blue', confirmed: 'teal', declined: 'red', no_answer: 'orange', not_found: 'red', sms_sent: 'cyan', not_made: 'orange', cancelled: 'gray' };

/**
 * The visit's reminder calls on its card: when each is due (or why none will be made), the offsets and channel —
 * changed here for this visit alone, re-planned at once —, every attempt, and the no-show risk with its reasons.
 * Pushed `reminders.changed` refetches it, so a call's answer shows while the card is open.
 */
export function VisitReminders({ visitId, timeZone, canEdit }: { visitId: string; timeZone: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const q = useApiQuery('reminders.ofVisit', { visitId }, { staleTime: 0 });
  return (
    <Stack gap={4} data-testid="visit-reminders">
      <Text size="sm" fw={600}>
        {t('remindersUi.visit.title')}
      </Text>
      {q.error && (
        <Text size="xs" c="red.8" role="alert">
          {errorText(t, q.error)}
        </Text>
      )}
      {q.data && <ReminderChoice key={`${q.data.offsets.join()}|${q.data.channel}`} data={q.data} canEdit={canEdit} />}
      {q.data && <ReminderRows data={q.data} timeZone={timeZone} />}
      {q.data?.risk && <RiskLine risk={q.data.risk} />}
      <ReminderAttempts visitId={visitId} timeZone={timeZone} />
    </Stack>
  );
}

/** The visit's own offsets and channel; Save re-plans them (no offsets: no reminders). Keyed by the stored choice, so a saved change resets it. */
function ReminderChoice({ data, canEdit }: { data: Reminders; canEdit: boolean }) {
  const { t } = useTranslation();
  const [offsets, setOffsets] = useState(data.offsets);
  const [channel, setChannel] = useState<ReminderChannel>(data.channel);
  const save = useApiMutation('reminders.setForVisit');
  const changed = offsets.join() !== data.offsets.join() || channel !== data.channel;
  return (
    <Stack gap={4}>
      <TagsInput
        size="xs"
        aria-label={t('remindersUi.offsets')}
        data={OFFSET_SUGGESTIONS}
        maxTags={4}
        splitChars={[',', ' ']}
        value={offsets}
        onChange={setOffsets}
        readOnly={!canEdit}
        placeholder={offsets.length ? undefined : t('remindersUi.visit.noReminders')}
        comboboxProps={{ zIndex: 400 }}
        data-testid="visit-rem-offsets"
      />
      <Group gap={6} wrap="nowrap">
        <Select
          size="xs"
          aria-label={t('remindersUi.channelLabel')}
          data={REMINDER_CHANNELS.map((c) => ({ value: c, label: t(`remindersUi.channel.${c}`) }))}
          value={channel}
          onChange={(v) => v && setChannel(v as ReminderChannel)}
          allowDeselect={false}
          readOnly={!canEdit}
          style={{ flex: 1 }}
          comboboxProps={{ zIndex: 400 }}
          data-testid="visit-rem-channel"
        />
        {canEdit && (
          <Button size="compact-sm" variant="light" disabled={!changed} loading={save.isPending} onClick={() => save.mutate({ visitId: data.visitId, offsets, channel })} data-testid="visit-rem-save">
            {t('remindersUi.visit.apply')}
          </Button>
        )}
      </Group>
      {save.isError && (
        <Text size="xs" c="red.8" role="alert" data-testid="visit-rem-error">
          {errorText(t, save.error)}
        </Text>
      )}
    </Stack>
  );
}

function ReminderRows({ data, timeZone }: { data: Reminders; timeZone: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!data.reminders.length) {
    return (
      <Text size="xs" c="dimmed" data-testid="visit-rem-none">
        {t('remindersUi.visit.noReminders')}
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="visit-rem-rows">
      {data.reminders.map((r) => (
        <Group key={r.id} gap={6} wrap="nowrap" align="flex-start" data-testid="visit-rem-row" data-state={r.state}>
          <Badge size="sm" variant="light" color={STATE_COLOUR[r.state] ?? 'gray'} style={{ flexShrink: 0 }}>
            {t(`remindersUi.state.${r.state}`)}
          </Badge>
          <Text size="xs">
            <b>{offsetLabel(t, r.offset)}</b>
            {r.extra ? ` · ${t('remindersUi.visit.extra')}` : ''} · {t(`remindersUi.channel.${r.channel}`)}
            {/* Why no call will be made; "the client has answered" is what the state already says. */}
            {r.nextDueAt ? ` · ${t('remindersUi.visit.dueAt', { time: fmt.zoned(r.nextDueAt, timeZone) })}` : ''}
            {!r.nextDueAt && r.noneReason && r.noneReason !== 'replied' && (
              <Text span size="xs" c="red.8" data-testid="visit-rem-why">
                {' '}
                · {t(`reminders.none.${r.noneReason}`)}
              </Text>
            )}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
