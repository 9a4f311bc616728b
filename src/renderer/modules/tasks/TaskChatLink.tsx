import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TaskDetail } from '../../../shared/api/tasks';

/**
 * Where a task made from a website chat came from: the conversation (opened in the chat console) and the client's
 * request it continues (a task opens in its own form; an intervention is named by its number).
 */
export function TaskChatLink({ link }: { link: NonNullable<TaskDetail['chatLink']> }) {
  const { t } = useTranslation();
  const number = link.requestNumber ?? '—';
  return (
    <Text size="sm" data-testid="task-chat-link">
      <Anchor component={Link} to={`/chat?c=${encodeURIComponent(link.conversationId)}`} data-testid="task-chat-open">
        {t('tasks.fromChat.openChat')}
      </Anchor>
      {link.requestKind && (
        <>
          {' · '}
          {t('tasks.fromChat.continues')}{' '}
          {link.requestKind === 'task' && link.requestId ? (
            <Anchor component={Link} to={`/tasks?open=${encodeURIComponent(link.requestId)}`} data-testid="task-chat-request">
              {t('tasks.fromChat.requestTask', { number })}
            </Anchor>
          ) : (
            <b data-testid="task-chat-request">{t('tasks.fromChat.requestIntervention', { number })}</b>
          )}
        </>
      )}
    </Text>
  );
}
