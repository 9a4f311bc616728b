import { ActionIcon, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDuration, secondsOf } from '../../../shared/rules/tasks/time';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { useCan } from '../../app/session';
import { useNow } from './TaskTimePanel';

/** The caller's running timer, small in the shell's header wherever they are: its task, its clock, a stop. */
export function RunningTimer() {
  const { t } = useTranslation();
  const allowed = useCan()('tasks', 'read');
  const running = useApiQuery('tasks.time.running', {}, { enabled: allowed });
  const stop = useApiMutation('tasks.time.stop');
  const r = running.data;
  const now = useNow(!!r);
  if (!r) return null;
  return (
    <Group gap={4} wrap="nowrap" data-testid="shell-timer">
      <Text size="sm" component={Link} to="/tasks" c="teal.8" fw={600} ff="monospace">
        {t('taskTime.shell', { number: r.taskNumber ?? '', time: formatDuration(secondsOf({ startedAt: r.startedAt, endedAt: null }, now), true) })}
      </Text>
      <Tooltip label={t('taskTime.stop')}>
        <ActionIcon size="sm" variant="light" color="red" aria-label={t('taskTime.stop')} onClick={() => stop.mutate({ entryId: r.entryId })} loading={stop.isPending} data-testid="shell-timer-stop">
          ■
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
