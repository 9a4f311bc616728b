import { ActionIcon, Button, Group, Textarea } from '@mantine/core';
import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_TEXT_MAX } from '../../../shared/chat/protocol';
import type { ChatMessage } from '../../../shared/api/chat';
import { call } from '../../app/api';
import { useApiMutation } from '../../app/apiQuery';
import { errorText } from '../../app/errors';

/** Typing is told to the visitor at most this often. */
const TYPING_EVERY_MS = 2500;

/**
 * The answer: Enter sends, Shift+Enter is a new line, Esc drops the quote. The text stays until the hub has stored it
 * (the call returns after its acknowledgement); a refusal — the hub offline — is said under the box and nothing is lost.
 */
export function ReplyBox(p: { conversationId: string; quote: ChatMessage | null; onQuoteClear(): void; disabled: boolean; inputRef: RefObject<HTMLTextAreaElement | null> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const lastTyping = useRef(0);
  const reply = useApiMutation('chat.reply', {
    onSuccess: () => {
      setText('');
      p.onQuoteClear();
    },
  });
  const send = () => {
    if (!text.trim() || reply.isPending) return;
    reply.mutate({ conversationId: p.conversationId, text, quoteSeq: p.quote?.seq ?? null });
  };
  return (
    <div className="chat-reply">
      {p.quote && (
        <Group gap={4} className="chat-quote chat-quote-draft" data-testid="chat-reply-quote" wrap="nowrap">
          <span className="chat-quote-text">{p.quote.text.length > 160 ? `${p.quote.text.slice(0, 160)}…` : p.quote.text}</span>
          <ActionIcon size="xs" variant="subtle" aria-label={t('chatConsole.quoteClear')} onClick={p.onQuoteClear}>
            ✕
          </ActionIcon>
        </Group>
      )}
      <Textarea
        ref={p.inputRef}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={CHAT_TEXT_MAX}
        placeholder={t('chatConsole.replyPlaceholder')}
        aria-label={t('chatConsole.reply')}
        data-testid="chat-reply"
        disabled={p.disabled}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          const now = Date.now();
          if (now - lastTyping.current > TYPING_EVERY_MS) {
            lastTyping.current = now;
            void call('chat.typing', { conversationId: p.conversationId }).catch(() => undefined);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape' && p.quote) {
            e.preventDefault();
            p.onQuoteClear();
          }
        }}
        error={reply.error ? errorText(t, reply.error) : undefined}
      />
      <Group justify="flex-end" mt={4}>
        <Button size="xs" onClick={send} loading={reply.isPending} disabled={p.disabled || !text.trim()} data-testid="chat-send">
          {t('chatConsole.send')} (Enter)
        </Button>
      </Group>
    </div>
  );
}
