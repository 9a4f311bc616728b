import { ActionIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../shared/api/chat';

/** The first words of a quoted message, as text. */
const excerpt = (s: string) => (s.length > 140 ? `${s.slice(0, 140)}…` : s);

/**
 * One conversation's messages, each with its exact time (date and seconds, branch clock). Everything a visitor wrote
 * is React text — never markup. Keyboard: ↑/↓ select a message, Q quotes it in the reply, Delete removes one's own.
 */
export function MessageThread(p: {
  messages: readonly ChatMessage[];
  me: string;
  names: ReadonlyMap<string, string>;
  visitorName: string;
  selected: number | null;
  time: (at: number) => string;
  onSelect(seq: number | null): void;
  onQuote(seq: number): void;
  onDelete(seq: number): void;
}) {
  const { t } = useTranslation();
  const bySeq = new Map(p.messages.map((m) => [m.seq, m]));
  const move = (d: number) => {
    const live = p.messages;
    if (!live.length) return;
    const i = live.findIndex((m) => m.seq === p.selected);
    p.onSelect(live[i < 0 ? (d > 0 ? 0 : live.length - 1) : Math.max(0, Math.min(live.length - 1, i + d))]!.seq);
  };
  const mine = (m: ChatMessage) => m.author === 'operator' && m.userId === p.me && !m.deleted;
  return (
    <div
      className="chat-thread"
      tabIndex={0}
      role="list"
      aria-label={t('chatConsole.messages')}
      data-testid="chat-thread"
      onKeyDown={(e) => {
        const sel = p.selected === null ? undefined : bySeq.get(p.selected);
        if (e.key === 'ArrowDown') (e.preventDefault(), move(1));
        else if (e.key === 'ArrowUp') (e.preventDefault(), move(-1));
        else if ((e.key === 'q' || e.key === 'Q') && sel && !sel.deleted) (e.preventDefault(), p.onQuote(sel.seq));
        else if (e.key === 'Delete' && sel && mine(sel)) (e.preventDefault(), p.onDelete(sel.seq));
      }}
    >
      {p.messages.map((m) => {
        const quoted = m.quoteSeq !== null ? bySeq.get(m.quoteSeq) : undefined;
        const who = m.author === 'visitor' ? p.visitorName : (m.userId && p.names.get(m.userId)) || t('chatConsole.operator');
        return (
          <div
            key={m.seq}
            role="listitem"
            className={`chat-msg chat-msg-${m.author}${m.seq === p.selected ? ' is-selected' : ''}${m.deleted ? ' is-deleted' : ''}`}
            data-testid="chat-msg"
            data-seq={m.seq}
            onClick={() => p.onSelect(m.seq)}
          >
            <div className="chat-msg-head">
              <span className="chat-msg-who">{who}</span>
              <span className="chat-msg-time" data-testid="chat-msg-time">{p.time(m.at)}</span>
              {!m.deleted && (
                <Tooltip label={`${t('chatConsole.quote')} (Q)`}>
                  <ActionIcon size="xs" variant="subtle" aria-label={t('chatConsole.quote')} data-testid="chat-msg-quote" onClick={(e) => (e.stopPropagation(), p.onQuote(m.seq))}>
                    ❝
                  </ActionIcon>
                </Tooltip>
              )}
              {mine(m) && (
                <Tooltip label={`${t('common.delete')} (Delete)`}>
                  <ActionIcon size="xs" variant="subtle" color="red" aria-label={t('common.delete')} data-testid="chat-msg-delete" onClick={(e) => (e.stopPropagation(), p.onDelete(m.seq))}>
                    ✕
                  </ActionIcon>
                </Tooltip>
              )}
            </div>
            {quoted && (
              <div className="chat-quote" data-testid="chat-msg-quoted">
                {quoted.deleted ? t('chatConsole.deleted') : excerpt(quoted.text)}
              </div>
            )}
            <div className="chat-msg-text" data-testid="chat-msg-text">
              {m.deleted ? t('chatConsole.deletedMessage') : m.text}
            </div>
          </div>
        );
      })}
    </div>
  );
}
