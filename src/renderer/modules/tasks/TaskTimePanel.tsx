import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Button, Divider, Group, Stack, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import type { TimeEntry } from '../../../shared/api/taskTime';
import { formatDuration, secondsOf } from '../../../shared/rules/tasks/time';
import { useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText, apiError } from '../../app/errors';
import { openProducedFile } from '../../app/files';
import { useFormat } from '../../app/format';
import { useSession } from '../../app/session';
import { TimeEntryForm } from './TimeEntryForm';

type Task = Output<'tasks.get'>;

/** The timer's shortcut, named on its button: works from any field of the task form. */
export const TIMER_KEYS = 'Ctrl+Shift+T';

/** A clock that ticks each second while something runs, so a running timer counts up on screen. */
export function useNow(ticking: boolean): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(new Date().toISOString()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/**
 * The task's time: the caller's timer (Start/Stop, Ctrl+Shift+T, live clock), the sessions of everyone on it with
 * manual entries added, corrected or removed, each employee's total and the task's; and the work act to print.
 */
export function TaskTimePanel({ task }: { task: Task }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useSession();
  const list = useApiQuery('tasks.time.list', { taskId: task.id });
  const running = useApiQuery('tasks.time.running', {});
  const branches = useApiQuery('branches.list', {});
  const zone = branches.data?.find((b) => b.id === task.branchId)?.timeZone ?? 'UTC';
  const [editing, setEditing] = useState<TimeEntry | 'new' | null>(null);
  const mine = running.data;
  const here = mine?.taskId === task.id;
  const live = !!mine || !!list.data?.entries.some((e) => !e.endedAt);
  const now = useNow(live);
  const start = useApiMutation('tasks.time.start');
  const stop = useApiMutation('tasks.time.stop');
  const remove = useApiMutation('tasks.time.remove');
  const act = useApiMutation('tasks.time.workAct', { onSuccess: (f) => void openProducedFile(f, 'print') });
  const forOthers = user.role !== 'employee';
  const final = task.status === 'done' || task.status === 'cancelled';
  const mayTrack = forOthers || task.assigneeId === user.id;
  const busy = start.isPending || stop.isPending;
  const toggle = () => {
    if (busy || !mayTrack) return;
    if (here) stop.mutate({});
    else if (!final) start.mutate({ taskId: task.id });
  };
  useHotkeys([['mod+shift+T', toggle]], [], true);
  const elsewhere = apiError(start.error)?.key === 'errors.time_timer_running';
  const failure = start.error ?? stop.error ?? remove.error ?? act.error;
  const entries = list.data?.entries ?? [];
  const seconds = (e: TimeEntry) => secondsOf(e, now);
  const total = entries.reduce((n, e) => n + seconds(e), 0);
  const perEmployee = [...new Map(entries.map((e) => [e.employeeId, e.employeeName])).entries()].map(([id, name]) => ({
    id,
    name,
    seconds: entries.filter((e) => e.employeeId === id).reduce((n, e) => n + seconds(e), 0),
  }));

  return (
    <Stack gap={4} data-testid="task-time">
      <Divider label={t('taskTime.title')} labelPosition="left" />
      <Group gap="xs">
        {mayTrack && (
          <Button size="xs" color={here ? 'red' : 'teal'} onClick={toggle} loading={busy} disabled={!here && final} data-testid={here ? 'time-stop' : 'time-start'}>
            {here ? t('taskTime.stop') : t('taskTime.start')} ({TIMER_KEYS})
          </Button>
        )}
        {here && mine && (
          <Text size="sm" fw={700} ff="monospace" data-testid="time-clock">
            {formatDuration(secondsOf({ startedAt: mine.startedAt, endedAt: null }, now), true)}
          </Text>
        )}
        {here && mine && (
          <Text size="xs" c="dimmed">
            {t('taskTime.runningSince', { start: fmt.zoned(mine.startedAt, zone) })}
          </Text>
        )}
        <Group gap="xs" ml="auto">
          {!final && mayTrack && (
            <Button size="xs" variant="default" onClick={() => setEditing('new')} data-testid="time-add">
              {t('taskTime.add')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => act.mutate({ taskId: task.id })} loading={act.isPending} data-testid="time-act">
            {t('taskTime.printAct')}
          </Button>
        </Group>
      </Group>
      {failure && (
        <Alert color="red" py={4} data-testid="time-error">
          <Group gap="xs" justify="space-between">
            <span>{errorText(t, failure)}</span>
            {elsewhere && (
              <Button size="compact-xs" variant="white" color="red" onClick={() => start.mutate({ taskId: task.id, stopRunning: true })} data-testid="time-stop-and-start">
                {t('taskTime.stopAndStart')}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {editing && (
        <TimeEntryForm
          key={editing === 'new' ? 'new' : editing.id}
          taskId={task.id}
          branchId={task.branchId}
          zone={zone}
          forOthers={forOthers}
          entry={editing === 'new' ? null : editing}
          defaultStart={new Date(Date.now() - 3_600_000).toISOString()}
          defaultEnd={new Date(Date.now() - 60_000).toISOString()}
          onDone={() => setEditing(null)}
        />
      )}
      {entries.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('taskTime.none')}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} data-testid="time-entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('taskTime.employee')}</Table.Th>
              <Table.Th>{t('taskTime.startedAt')}</Table.Th>
              <Table.Th>{t('taskTime.endedAt')}</Table.Th>
              <Table.Th ta="right">{t('taskTime.duration')}</Table.Th>
              <Table.Th>{t('taskTime.note')}</Table.Th>
              <Table.Th>{t('taskTime.billable')}</Table.Th>
              <Table.Th aria-label={t('taskTime.edit')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => {
              const mayChange = !final && (forOthers || e.employeeId === user.id);
              return (
                <Table.Tr key={e.id} data-testid="time-entry">
                  <Table.Td>{e.employeeName}</Table.Td>
                  <Table.Td>{fmt.zoned(e.startedAt, zone)}</Table.Td>
                  <Table.Td>{e.endedAt ? fmt.zoned(e.endedAt, zone) : '…'}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatDuration(seconds(e), !e.endedAt)}
                  </Table.Td>
                  <Table.Td>
                    {e.note}
                    {e.source === 'timer' ? '' : ` (${t('taskTime.source.manual')})`}
                  </Table.Td>
                  <Table.Td>{e.billable ? '✓' : ''}</Table.Td>
                  <Table.Td>
                    {mayChange && e.endedAt && (
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon size="sm" variant="subtle" aria-label={t('taskTime.edit')} onClick={() => setEditing(e)} data-testid="time-entry-edit">
                          ✎
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('taskTime.remove')} onClick={() => remove.mutate({ id: e.id, version: e.version })} data-testid="time-entry-remove">
                          ×
                        </ActionIcon>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {entries.length > 0 && (
        <Group gap="md" data-testid="time-totals">
          {perEmployee.map((p) => (
            <Text key={p.id} size="xs">
              {p.name}: <b>{formatDuration(p.seconds, live)}</b>
            </Text>
          ))}
          <Text size="xs" ml="auto">
            {t('taskTime.total')}: <b data-testid="time-total">{formatDuration(total, live)}</b>
          </Text>
        </Group>
      )}
    </Stack>
  );
}
