import { Button, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatConversation } from '../../../shared/api/chat';
import type { ColleagueRow } from '../../../shared/api/organization';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';

/**
 * Handing a conversation on: "Escalate" gives it to the next more experienced colleague who is available (the hub
 * decides, as its silence watch would), and the transfer list names everyone, the hub's ranking first — more
 * experienced and available ones marked — then the other colleagues. Tab reaches both; Enter chooses and sends.
 */
export function HandOver(p: { c: ChatConversation; colleagues: readonly ColleagueRow[]; online: boolean }) {
  const { t } = useTranslation();
  const [to, setTo] = useState<string | null>(null);
  const targets = useApiQuery('chat.targets', { conversationId: p.c.id }, { enabled: p.online, retry: false });
  const transfer = useApiMutation('chat.transfer', { onSuccess: () => setTo(null) });
  const escalate = useApiMutation('chat.escalate');
  const ranked = (targets.data ?? []).filter((x) => x.userId !== p.c.assigneeId);
  const rankedIds = new Set(ranked.map((x) => x.userId));
  const label = (name: string, marks: string[]) => (marks.length ? `${name} · ${marks.join(', ')}` : name);
  const data = [
    ...ranked.map((x) => ({
      value: x.userId,
      label: label(x.name, [...(x.moreExperienced ? [t('chatConsole.moreExperienced')] : []), x.available ? t('chatConsole.available') : t('chatConsole.away')]),
    })),
    ...p.colleagues.filter((u) => u.active && u.id !== p.c.assigneeId && !rankedIds.has(u.id)).map((u) => ({ value: u.id, label: u.name })),
  ];
  const failure = transfer.error ?? escalate.error;
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="orange"
        mt="xs"
        disabled={!p.online}
        loading={escalate.isPending}
        onClick={() => escalate.mutate({ conversationId: p.c.id, userId: null })}
        title={t('chatConsole.escalateHint')}
        data-testid="chat-escalate"
      >
        {t('chatConsole.escalate')}
      </Button>
      <Group gap={4} wrap="nowrap">
        <Select
          size="xs"
          searchable
          placeholder={t('chatConsole.transferTo')}
          aria-label={t('chatConsole.transferTo')}
          data={data}
          value={to}
          onChange={setTo}
          data-testid="chat-transfer-to"
          style={{ flex: 1 }}
        />
        <Button size="xs" variant="light" disabled={!to || !p.online} loading={transfer.isPending} onClick={() => to && transfer.mutate({ conversationId: p.c.id, userId: to })} data-testid="chat-transfer">
          {t('chatConsole.transfer')}
        </Button>
      </Group>
      {failure && (
        <Text size="xs" c="red" data-testid="chat-handover-error">
          {errorText(t, failure)}
        </Text>
      )}
    </>
  );
}
