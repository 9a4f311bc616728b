import { Badge, Checkbox, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan, useSession } from '../../app/session';
import { ConfirmDialog, ErrorBanner, KeyButton, ScreenHeader, useScreenKeys } from '../../components/screen';
import { readAlertPrefs, saveAlertPrefs } from './alerts';
import { exactTime } from './chatTime';
import { ConversationList } from './ConversationList';
import { MessageThread } from './MessageThread';
import { ReplyBox } from './ReplyBox';
import { useChatLive, useChatZone } from './useChat';
import { VisitorPanel } from './VisitorPanel';
import './chat.css';

/**
 * The website chat's operator console: conversations (unanswered in red), the chosen one's messages with exact
 * times, the reply box with a quote, and who the visitor is. Everything comes from main's archive, so it shows history
 * without a hub; changes go through main to the hub and are shown once the hub stored them.
 */
export function ChatConsoleScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const { user } = useSession();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [showClosed, setShowClosed] = useState(false);
  const [selectedMsg, setSelectedMsg] = useState<number | null>(null);
  const [quoteSeq, setQuoteSeq] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [prefs, setPrefs] = useState(() => readAlertPrefs(user.id));
  const replyRef = useRef<HTMLTextAreaElement | null>(null);
  const { typing } = useChatLive();
  const zone = useChatZone();
  const time = useMemo(() => exactTime(fmt.locale, zone), [fmt.locale, zone]);

  const status = useApiQuery('chat.status', {}, { refetchInterval: 15_000 });
  const list = useApiQuery('chat.conversations', { closed: showClosed });
  const colleagues = useApiQuery('users.directory', {});
  const rows = list.data ?? [];
  const selected = params.get('c') ?? rows[0]?.id ?? null;
  const conversation = rows.find((c) => c.id === selected) ?? null;
  const messages = useApiQuery('chat.messages', { conversationId: selected ?? '' }, { enabled: !!conversation });
  const remove = useApiMutation('chat.delete');
  const names = useMemo(() => new Map((colleagues.data ?? []).map((u) => [u.id, u.name])), [colleagues.data]);
  const link = status.data?.link ?? 'connecting';
  const canAnswer = can('chat', 'write');
  const online = link === 'connected';
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('chat.') });
  useScreenKeys({ enabled: true, onRefresh: refresh });

  useEffect(() => {
    setSelectedMsg(null);
    setQuoteSeq(null);
  }, [selected]);

  const select = (id: string) => setParams({ c: id }, { replace: true });
  const quote = (seq: number) => {
    setQuoteSeq(seq);
    replyRef.current?.focus();
  };
  const setPref = (k: 'sound' | 'notify', v: boolean) => {
    const next = { ...prefs, [k]: v };
    setPrefs(next);
    saveAlertPrefs(user.id, next);
  };
  const quoted = quoteSeq !== null ? (messages.data?.find((m) => m.seq === quoteSeq) ?? null) : null;

  return (
    <div className="planora-page chat-page" data-testid="chat-console">
      <ScreenHeader title={t('chatConsole.title')}>
        <Badge color={online ? 'green' : link === 'no_hub' ? 'gray' : 'orange'} variant="light" data-testid="chat-link" data-link={link}>
          {t(`chatConsole.link.${link}`)}
        </Badge>
        <Checkbox size="xs" mr="sm" label={t('chatConsole.showClosed')} checked={showClosed} onChange={(e) => setShowClosed(e.currentTarget.checked)} data-testid="chat-show-closed" />
        <Checkbox size="xs" mr="sm" label={t('chatConsole.sound')} checked={prefs.sound} onChange={(e) => setPref('sound', e.currentTarget.checked)} data-testid="chat-pref-sound" />
        <Checkbox size="xs" mr="sm" label={t('chatConsole.notify')} checked={prefs.notify} onChange={(e) => setPref('notify', e.currentTarget.checked)} data-testid="chat-pref-notify" />
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      {link === 'no_hub' && (
        <Text size="sm" c="dimmed" data-testid="chat-no-hub">
          {t('chatConsole.noHub')}
        </Text>
      )}
      <ErrorBanner message={list.error ? errorText(t, list.error) : remove.error ? errorText(t, remove.error) : null} onClose={() => (remove.reset(), refresh())} />
      <div className="chat-grid">
        <ConversationList rows={rows} selected={selected} typing={typing} time={time} me={user.id} names={names} onSelect={select} />
        <div className="chat-main">
          {conversation ? (
            <>
              <MessageThread
                messages={messages.data ?? []}
                me={user.id}
                names={names}
                visitorName={conversation.answers.name || t('chatConsole.visitor')}
                selected={selectedMsg}
                time={time}
                onSelect={setSelectedMsg}
                onQuote={quote}
                onDelete={setDeleting}
              />
              {typing.has(conversation.id) && (
                <Text size="xs" c="dimmed" data-testid="chat-visitor-typing">
                  {t('chatConsole.visitorTyping')}
                </Text>
              )}
              {canAnswer && conversation.status === 'open' && (
                <ReplyBox key={conversation.id} conversationId={conversation.id} quote={quoted} onQuoteClear={() => setQuoteSeq(null)} disabled={!online} inputRef={replyRef} />
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed" p="md">
              {t('chatConsole.pick')}
            </Text>
          )}
        </div>
        {conversation && <VisitorPanel key={conversation.id} c={conversation} colleagues={colleagues.data ?? []} time={time} canAnswer={canAnswer} online={online} />}
      </div>
      <Group gap="xs" mt={4}>
        <Text size="xs" c="dimmed">
          {t('chatConsole.keys')}
        </Text>
      </Group>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('chatConsole.deleteTitle')}
        message={t('chatConsole.deleteMessage')}
        confirmLabel={t('common.delete')}
        testId="chat-delete-dialog"
        onConfirm={() => (selected && deleting !== null ? remove.mutateAsync({ conversationId: selected, seq: deleting }) : undefined)}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
