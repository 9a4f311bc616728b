import { Anchor, Badge, Group, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { apiError, errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { exactTime } from './chatTime';
import { useChatZone } from './useChat';
import './chat.css';

/** Conversations shown open on the card; older ones are one click away in the console. */
const SHOWN = 5;

/**
 * The client's website chats on their card, beside interventions, visits and tasks: from the desktop's archive (so
 * they show without a hub), matched by the hub's client id or the questionnaire's phone or e-mail. Text only.
 */
export function ClientChatHistory({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const zone = useChatZone();
  const time = useMemo(() => exactTime(fmt.locale, zone), [fmt.locale, zone]);
  const mayRead = can('chat', 'read');
  const history = useApiQuery('chat.clientHistory', { clientId }, { enabled: mayRead });
  const colleagues = useApiQuery('users.directory', {}, { enabled: mayRead });
  const names = useMemo(() => new Map((colleagues.data ?? []).map((u) => [u.id, u.name])), [colleagues.data]);
  if (!mayRead || apiError(history.error)?.code === 'forbidden') return null;
  const list = history.data?.conversations ?? [];
  return (
    <section data-testid="client-chats" style={{ marginTop: 12 }}>
      <Title order={3} size="sm" mb={4}>
        {t('chatConsole.historyTitle')}
      </Title>
      {list.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="client-chats-none">
          {history.isLoading ? t('common.loading') : history.isError ? errorText(t, history.error) : t('chatConsole.historyNone')}
        </Text>
      )}
      {list.slice(0, SHOWN).map(({ conversation: c, messages }) => (
        <div key={c.id} className="chat-history" data-testid="client-chat">
          <Group gap={6} wrap="nowrap">
            <Anchor component="button" type="button" size="sm" onClick={() => void navigate(`/chat?c=${c.id}`)} data-testid="client-chat-open">
              {time(c.startedAt)}
            </Anchor>
            {c.unanswered && <Badge size="xs" color="red" variant="filled">{t('chatConsole.unanswered')}</Badge>}
            {c.status === 'closed' && <Badge size="xs" color="gray">{t('chatConsole.closed')}</Badge>}
            <Text size="xs" c="dimmed" truncate>
              {c.answers.topic ?? ''}
            </Text>
          </Group>
          {messages.slice(-4).map((m) => (
            <div key={m.seq} className={`chat-history-line chat-msg-${m.author}`} data-testid="client-chat-line">
              <span className="chat-msg-time">{time(m.at)}</span> <span className="chat-msg-who">{m.author === 'visitor' ? c.answers.name || t('chatConsole.visitor') : (m.userId && names.get(m.userId)) || t('chatConsole.operator')}:</span>{' '}
              <span className="chat-msg-text">{m.deleted ? t('chatConsole.deletedMessage') : m.text}</span>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
