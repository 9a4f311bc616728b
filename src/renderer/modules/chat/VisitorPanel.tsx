import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatConversation } from '../../../shared/api/chat';
import type { ColleagueRow } from '../../../shared/api/organization';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { HandOver } from './HandOver';

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
 * when it started, the last message and when the visitor was last online, who is responsible; then escalate,
 * transfer and close.
 */
export function VisitorPanel(p: { c: ChatConversation; colleagues: readonly ColleagueRow[]; time: (at: number | null) => string; canAnswer: boolean; online: boolean }) {
  const { t } = useTranslation();
  const close = useApiMutation('chat.close');
  const assignee = p.colleagues.find((u) => u.id === p.c.assigneeId)?.name ?? '—';
  const failure = close.error;
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
          <HandOver c={p.c} colleagues={p.colleagues} online={p.online} />
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
