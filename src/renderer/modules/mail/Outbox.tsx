import { useState } from 'react';
import { Badge, Button, Group, Select, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATUSES, type OutboxChannel, type OutboxRow, type OutboxStatus } from '../../../shared/api/mail';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, type Column } from '../../components/screen';

/**
 * The outbox as an admin sees it: what left, what waits for a retry and why. The mail screen lists every channel
 * (e-mail and text messages, with a column saying which); the SMS screen lists only its own (`channel`).
 */

const PAGE = 50;

const STATUS_COLORS: Record<OutboxStatus, string> = { pending: 'yellow', sending: 'blue', sent: 'teal', failed: 'red' };

export function Outbox({ channel, title }: { channel?: OutboxChannel; title?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  const [offset, setOffset] = useState(0);
  const input = { ...(status ? { status } : {}), ...(channel ? { channel } : {}), limit: PAGE, offset };
  const page = useApiQuery('mail.outbox', input, {
    // While something is on its way, watch it leave (or fail) without pressing F5.
    refetchInterval: (q) => (q.state.data?.rows.some((r) => r.status === 'pending' || r.status === 'sending') ? 3000 : false),
  });
  const list = useListSelection(page.data?.rows, (r) => r.id, page.isLoading);
  const total = page.data?.total ?? 0;
  const { current } = list;

  const retry = useApiMutation('mail.retry', { onSuccess: () => qc.invalidateQueries({ queryKey: ['mail.outbox'] }) });
  const failure = retry.error ? errorText(t, retry.error) : null;

  const columns: Column<OutboxRow>[] = [
    { key: 'createdAt', header: t('mail.queuedAt'), render: (r) => fmt.dateTime(r.createdAt), width: 130 },
    ...(channel ? [] : [{ key: 'channel', header: t('sms.channel'), render: (r: OutboxRow) => t(`sms.channels.${r.channel === 'sms' ? 'sms' : 'email'}`), width: 90 }]),
    { key: 'recipient', header: t('mail.recipient'), render: (r) => r.recipient, width: 220 },
    { key: 'subject', header: channel === 'sms' ? t('sms.message') : t('mail.subject'), render: (r) => r.subject },
    {
      key: 'status',
      header: t('mail.status'),
      // "Išsiųsta", "Отправлено": the longest status of six languages fits its badge.
      width: 130,
      render: (r) => (
        <Badge size="xs" variant="light" color={STATUS_COLORS[r.status]}>
          {t(`mail.statuses.${r.status}`)}
        </Badge>
      ),
    },
    { key: 'attempts', header: t('mail.attempts'), render: (r) => fmt.number(r.attempts), width: 80, align: 'right' },
    { key: 'next', header: t('mail.nextAttempt'), render: (r) => (r.status === 'pending' && r.attempts > 0 ? fmt.dateTime(r.nextAttemptAt) : ''), width: 130 },
    { key: 'sentAt', header: t('mail.sentAt'), render: (r) => fmt.dateTime(r.sentAt), width: 130 },
    {
      key: 'lastError',
      header: t('mail.lastError'),
      width: 260,
      render: (r) =>
        r.lastError ? (
          <Tooltip label={r.lastError} multiline w={420} openDelay={300}>
            <Text size="xs" c="red" lineClamp={1}>
              {r.lastError}
            </Text>
          </Tooltip>
        ) : (
          ''
        ),
    },
  ];

  return (
    <>
      <ScreenHeader title={title ?? t('mail.outbox')} level={2}>
        <Select
          aria-label={t('mail.status')}
          placeholder={t('mail.allStatuses')}
          data={OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`mail.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as OutboxStatus | null);
            setOffset(0);
          }}
          clearable
          w={160}
          data-testid="outbox-status"
        />
        <KeyButton label={t('mail.retry')} disabled={current?.status !== 'failed'} onClick={() => current && retry.mutate({ id: current.id })} data-testid="outbox-retry" />
      </ScreenHeader>
      <ErrorBanner message={failure ?? (page.error ? errorText(t, page.error) : null)} onClose={() => retry.reset()} />
      <ListTable
        label={title ?? t('mail.outbox')}
        testId="outbox-table"
        columns={columns}
        {...list.table}
        dimmed={(r) => r.status === 'sent'}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" data-testid="outbox-total">
          {t('common.rows', { count: total })}
        </Text>
        <Group gap={6}>
          <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('mail.previous')}
          </Button>
          <Button size="xs" variant="default" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('mail.next')}
          </Button>
        </Group>
      </Group>
    </>
  );
}
