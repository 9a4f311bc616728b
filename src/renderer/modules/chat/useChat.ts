import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ChatChanged } from '../../../shared/api/chat';
import { useApiQuery } from '../../app/apiQuery';
import { deviceZone } from '../../app/format';
import { onPush } from '../../app/queryClient';
import { useSession } from '../../app/session';

/** How long "is typing" stays after the visitor's last keystroke signal. */
const TYPING_MS = 4000;

/**
 * The console's live part: archive reads go stale when main says a conversation changed, and a visitor's typing is
 * remembered for a few seconds per conversation.
 */
export function useChatLive(): { typing: ReadonlySet<string> } {
  const qc = useQueryClient();
  const [typing, setTyping] = useState<Map<string, number>>(new Map());
  useEffect(
    () =>
      onPush((name, payload) => {
        if (name !== 'chat.changed') return;
        const p = payload as ChatChanged;
        if (p.typing) {
          const id = p.typing;
          setTyping((m) => new Map(m).set(id, Date.now()));
          setTimeout(() => setTyping((m) => (m.get(id) !== undefined && Date.now() - m.get(id)! >= TYPING_MS - 50 ? new Map([...m].filter(([k]) => k !== id)) : m)), TYPING_MS);
        }
        if (p.conversationIds.length || p.link) void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('chat.') });
      }),
    [qc],
  );
  return { typing: new Set(typing.keys()) };
}

/** The branch's clock the chat's times are shown on: the user's first branch, else this computer's. */
export function useChatZone(): string {
  const { user } = useSession();
  const branches = useApiQuery('branches.list', {}, { staleTime: 300_000 });
  const mine = branches.data?.find((b) => user.branchIds.includes(b.id)) ?? branches.data?.[0];
  return mine?.timeZone ?? deviceZone();
}
