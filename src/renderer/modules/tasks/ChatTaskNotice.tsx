import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { EventPayload } from '../../../shared/api';
import { onPush } from '../../app/queryClient';
import { useSession } from '../../app/session';
import { notifyNewChat, readAlertPrefs } from '../chat/alerts';

/**
 * A task this desktop made from a website chat for this person (main tells only the responsible person's windows):
 * an OS pop-up, as for a new chat, that opens the task. Off with the chat's own "Pop-ups" choice.
 */
export function ChatTaskNotice() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  useEffect(
    () =>
      onPush((name, payload) => {
        if (name !== 'tasks.fromChat' || !readAlertPrefs(user.id).notify) return;
        const p = payload as EventPayload<'tasks.fromChat'>;
        void notifyNewChat(
          t('tasks.fromChat.title', { number: p.number ?? '—' }),
          t('tasks.fromChat.body', { number: p.number ?? '—', client: p.clientName ?? t('chatConsole.visitor') }),
          () => void navigate(`/tasks?open=${encodeURIComponent(p.taskId)}`),
          `planora-chat-task-${p.taskId}`,
        );
      }),
    [user.id, t, navigate],
  );
  return null;
}
