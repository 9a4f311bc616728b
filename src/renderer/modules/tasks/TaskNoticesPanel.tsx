import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';

/**
 * What the task's employees were told: channel, sent, acknowledged (and how) or escalated; and the one action the desk
 * has on a phone link — withdrawing it (main tells the hub, at once or when it is back).
 */
export function TaskNoticesPanel({ taskId, zone }: { taskId: string; zone: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notices = useApiQuery('tasks.notices.list', { taskId });
  const revoke = useApiMutation('tasks.notices.revoke', { onSuccess: () => void notices.refetch() });
  const rows = notices.data ?? [];
  if (!rows.length) return null;
  const live = rows.some((n) => n.linkExpiresAt && !n.linkRevokedAt);
  const state = (n: (typeof rows)[number]) => {
    if (n.escalatedAt) return t('taskField.noticeEscalated');
    if (n.acknowledgedAt && n.acknowledgedVia !== 'moved_on') return `${t('taskField.acknowledged')}${n.acknowledgedVia === 'phone' ? ` · ${t('taskField.byPhone')}` : n.acknowledgedVia === 'email' ? ` · ${t('taskField.byEmail')}` : ''}`;
    return n.sentAt ? t('taskField.noticeSent') : t('taskField.noticeWaiting');
  };
  return (
    <>
      <Divider label={t('taskField.noticesTitle')} labelPosition="left" />
      <Stack gap={2} data-testid="task-notices">
        {rows.map((n) => (
          <Text key={n.id} size="xs" data-testid="task-notice">
            {n.employeeName ?? '—'} · {t(`taskField.channel_${n.channel}`)} · {state(n)}
            {/* When the state shown happened, on the branch's clock. */}
            {(n.escalatedAt ?? n.acknowledgedAt ?? n.sentAt) ? ` · ${fmt.zoned(n.escalatedAt ?? n.acknowledgedAt ?? n.sentAt, zone)}` : ''}
            {n.linkRevokedAt ? ` · ${t('taskField.linkWithdrawn')}` : ''}
          </Text>
        ))}
      </Stack>
      {live && (
        <Group gap="xs">
          <Button size="xs" variant="light" color="red" loading={revoke.isPending} onClick={() => revoke.mutate({ taskId })} data-testid="task-notices-revoke">
            {t('taskField.withdrawLinks')}
          </Button>
          {revoke.error && (
            <Text size="xs" c="red">
              {errorText(t, revoke.error)}
            </Text>
          )}
        </Group>
      )}
    </>
  );
}
