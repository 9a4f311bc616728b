import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatConversation } from '../../../shared/api/chat';
import type { ColleagueRow } from '../../../shared/api/organization';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';

/** A label and a value, the value as text: what a visitor typed is never markup, not even a link. */
function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="chat-fact">
      <span className="chat-fact-label">{label}</span>
      <span className="chat-fact-value" data-testid={testId} title={value}>
        {value || '—'}
      </span>
    </div>
  );
}

/**
 * Who the visitor is and where they came from: the questionnaire's answers, the IP address, the page the chat began on,
 * when it started, the last message and when the visitor was last online; then transfer and close.
 */
export function VisitorPanel(p: { c: ChatConversation; colleagues: readonly ColleagueRow[]; time: (at: number | null) => string; canAnswer: boolean; online: boolean }) {
  const { t } = useTranslation();
  const [to, setTo] = useState<string | null>(null);
  const transfer = useApiMutation('chat.transfer', { onSuccess: () => setTo(null) });
  const close = useApiMutation('chat.close');
  const assignee = p.colleagues.find((u) => u.id === p.c.assigneeId)?.name ?? '—';
  const failure = transfer.error ?? close.error;
  return (
    <Stack gap={4} className="chat-visitor" data-testid="chat-visitor">
      <Row label={t('chatSettings.fields.name')} value={p.c.answers.name ?? ''} testId="chat-answer-name" />
      <Row label={t('chatSettings.fields.phone')} value={p.c.answers.phone ?? ''} testId="chat-answer-phone" />
      <Row label={t('chatSettings.fields.email')} value={p.c.answers.email ?? ''} testId="chat-answer-email" />
      <Row label={t('chatSettings.fields.topic')} value={p.c.answers.topic ?? ''} testId="chat-answer-topic" />
      <Row label={t('chatConsole.ip')} value={p.c.ip} testId="chat-ip" />
      <Row label={t('chatConsole.page')} value={p.c.page} testId="chat-page" />
      <Row label={t('chatConsole.started')} value={p.time(p.c.startedAt)} testId="chat-started" />
      <Row label={t('chatConsole.lastMessage')} value={p.time(p.c.lastMessageAt)} testId="chat-last-message" />
      <Row label={t('chatConsole.lastOnline')} value={p.time(p.c.visitorSeenAt)} testId="chat-last-online" />
      <Row label={t('chatConsole.assignee')} value={assignee} testId="chat-assignee" />
      {p.canAnswer && p.c.status === 'open' && (
        <>
          <Group gap={4} wrap="nowrap" mt="xs">
            <Select
              size="xs"
              searchable
              placeholder={t('chatConsole.transferTo')}
              aria-label={t('chatConsole.transferTo')}
              data={p.colleagues.filter((u) => u.active && u.id !== p.c.assigneeId).map((u) => ({ value: u.id, label: u.name }))}
              value={to}
              onChange={setTo}
              data-testid="chat-transfer-to"
              style={{ flex: 1 }}
            />
            <Button size="xs" variant="light" disabled={!to || !p.online} loading={transfer.isPending} onClick={() => to && transfer.mutate({ conversationId: p.c.id, userId: to })} data-testid="chat-transfer">
              {t('chatConsole.transfer')}
            </Button>
          </Group>
          <Button size="xs" variant="light" color="gray" disabled={!p.online} loading={close.isPending} onClick={() => close.mutate({ conversationId: p.c.id })} data-testid="chat-close">
            {t('chatConsole.close')}
          </Button>
        </>
      )}
      {failure && (
        <Text size="xs" c="red" data-testid="chat-visitor-error">
          {errorText(t, failure)}
        </Text>
      )}
    </Stack>
  );
}
