import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ChatChanged } from '../../../shared/api/chat';
import { call } from '../../app/api';
import { onPush } from '../../app/queryClient';
import { useSession } from '../../app/session';
import { notifyNewChat, playChime, readAlertPrefs } from './alerts';

/**
 * Mounted in the shell for everyone who reads chats: asks main to hold this user's operator socket from login on (not
 * only while the console is open), and rings and notifies as main reports — whatever screen is open.
 */
export function ChatAlerts() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  useEffect(() => {
    // The answer is the console's business; here only the socket's opening matters.
    call('chat.status', {}).catch(() => undefined);
  }, [user.id]);
  useEffect(
    () =>
      onPush((name, payload) => {
        if (name !== 'chat.changed') return;
        const p = payload as ChatChanged;
        const prefs = readAlertPrefs(user.id);
        if (p.visitorMessage && prefs.sound) playChime();
        if (p.newConversation && prefs.notify) {
          const id = p.conversationIds[0];
          void notifyNewChat(t('chatConsole.notifyTitle'), t('chatConsole.notifyBody'), () => void navigate(id ? `/chat?c=${id}` : '/chat'));
        }
      }),
    [user.id, t, navigate],
  );
  return null;
}
