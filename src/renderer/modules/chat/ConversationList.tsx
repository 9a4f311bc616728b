import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChatConversation } from '../../../shared/api/chat';

/**
 * The conversations, newest message first. One the visitor wrote last (nobody answered yet) is red when it is this
 * person's to answer — theirs or nobody's yet — so it is seen across the room; one handed to a colleague (escalated
 * or transferred) leaves this person's red list and names who has it. ↑/↓ move between them; the list keeps focus so the keys work without the mouse.
 */
export function ConversationList(p: {
  rows: readonly ChatConversation[];
  selected: string | null;
  typing: ReadonlySet<string>;
  time: (at: number | null) => string;
  me: string;
  names: ReadonlyMap<string, string>;
  onSelect(id: string): void;
}) {
  const { t } = useTranslation();
  const move = (d: number) => {
    if (!p.rows.length) return;
    const i = p.rows.findIndex((c) => c.id === p.selected);
    const next = p.rows[Math.max(0, Math.min(p.rows.length - 1, (i < 0 ? 0 : i) + d))]!;
    p.onSelect(next.id);
  };
  return (
    <div
      className="chat-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('chatConsole.conversations')}
      data-testid="chat-list"
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') (e.preventDefault(), move(1));
        if (e.key === 'ArrowUp') (e.preventDefault(), move(-1));
      }}
    >
      {p.rows.length === 0 && (
        <Text size="sm" c="dimmed" p="xs" data-testid="chat-list-empty">
          {t('chatConsole.none')}
        </Text>
      )}
      {p.rows.map((c) => {
        const red = c.unanswered && (c.assigneeId === null || c.assigneeId === p.me);
        const other = c.assigneeId !== null && c.assigneeId !== p.me ? (p.names.get(c.assigneeId) ?? null) : null;
        return (
          <div
            key={c.id}
            role="option"
            aria-selected={c.id === p.selected}
            className={`chat-row${c.id === p.selected ? ' is-selected' : ''}${red ? ' is-unanswered' : ''}`}
            data-testid="chat-row"
            data-unanswered={red ? '1' : '0'}
            data-assignee={c.assigneeId ?? ''}
            onClick={() => p.onSelect(c.id)}
          >
            <div className="chat-row-top">
              <span className="chat-row-name">{c.answers.name || t('chatConsole.visitor')}</span>
              <span className="chat-row-time">{p.time(c.lastMessageAt ?? c.startedAt)}</span>
            </div>
            <div className="chat-row-sub">
              {red && <Badge size="xs" color="red" variant="filled">{t('chatConsole.unanswered')}</Badge>}
              {other && (
                <span className="chat-row-with" data-testid="chat-row-with">
                  {t('chatConsole.with', { name: other })}
                </span>
              )}
              {c.status === 'closed' && <Badge size="xs" color="gray">{t('chatConsole.closed')}</Badge>}
              {p.typing.has(c.id) && <span className="chat-typing">{t('chatConsole.typing')}</span>}
              <span className="chat-row-topic">{c.answers.topic ?? ''}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
