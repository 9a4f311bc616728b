import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Divider, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';

type Detail = Output<'tasks.get'>;
type Verdict = 'approve' | 'reject';

/** The last time a manager sent the task back, while it is back at work: the employee reads why on the task itself. */
function lastRejection(task: Detail): { by: string; reason: string } | null {
  if (task.status !== 'in_progress') return null;
  const change = task.timeline.filter((n) => n.kind === 'change').at(-1);
  try {
    const c = change ? (JSON.parse(change.text) as { verdict?: string; reason?: string }) : null;
    return c?.verdict === 'rejected' && c.reason ? { by: change!.personName ?? '', reason: c.reason } : null;
  } catch {
    return null;
  }
}

/**
 * The task's checklist under its form: items ticked with Space (each is a checkbox) or a click, with who ticked each
 * and when, "3/5" done; the employee submits it, a manager approves it with a comment or sends it back with a reason.
 * A task without a checklist shows nothing here and keeps its usual buttons.
 */
export function TaskChecklistPanel({ task }: { task: Detail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const qc = useQueryClient();
  const list = useApiQuery('tasks.checklist.get', { taskId: task.id });
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState<Verdict | null>(null);
  const [words, setWords] = useState('');
  const data = list.data;
  if (!data || data.total === 0) return null;
  const editable = can('tasks', 'write') && !['awaiting_approval', 'done', 'cancelled'].includes(task.status);
  const rejection = lastRejection(task);

  const run = async (write: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write();
      await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.') });
      return true;
    } catch (e) {
      setFailure(errorText(t, e));
      return false;
    }
  };
  const decide = async () => {
    const ok = await run(() =>
      asking === 'approve'
        ? call('tasks.checklist.approve', { id: task.id, version: task.version, comment: words.trim() || null })
        : call('tasks.checklist.reject', { id: task.id, version: task.version, reason: words.trim() }),
    );
    if (ok) {
      setAsking(null);
      setWords('');
    }
  };

  return (
    <Stack gap={4} data-testid="task-checklist">
      <Divider
        labelPosition="left"
        label={
          <Group gap={6}>
            <Text size="sm">{t('taskChecklist.title')}</Text>
            <Badge size="sm" variant="light" color={data.done === data.total ? 'green' : 'gray'} data-testid="task-checklist-progress">{`${data.done}/${data.total}`}</Badge>
          </Group>
        }
      />
      {failure && (
        <Alert color="red" py={4} data-testid="task-checklist-error">
          {failure}
        </Alert>
      )}
      {rejection && (
        <Alert color="orange" py={4} data-testid="task-checklist-rejected">
          {t('taskChecklist.rejectedBanner', { by: rejection.by, reason: rejection.reason })}
        </Alert>
      )}
      {task.status === 'awaiting_approval' && (
        <Text size="xs" c="dimmed" data-testid="task-checklist-awaiting">
          {t('taskChecklist.awaiting')}
        </Text>
      )}
      {data.items.map((i) => (
        <Checkbox
          key={i.id}
          size="sm"
          checked={i.checkedAt !== null}
          disabled={!editable}
          onChange={(e) => void run(() => call('tasks.checklist.tick', { taskId: task.id, itemId: i.id, checked: e.currentTarget.checked }))}
          label={
            <>
              {i.text}
              {i.required && (
                <Text span c="red" size="xs">{` · ${t('taskChecklist.required')}`}</Text>
              )}
            </>
          }
          description={i.checkedAt ? `${i.checkedByName ?? ''}, ${fmt.dateTime(i.checkedAt)}${i.note ? ` · ${i.note}` : ''}` : undefined}
          wrapperProps={{ 'data-testid': 'task-check-item' }}
        />
      ))}
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {editable ? t('taskChecklist.spaceHint') : ''}
        </Text>
        <Group gap="xs">
          {task.status === 'in_progress' && can('tasks', 'write') && (
            <Button size="xs" onClick={() => void run(() => call('tasks.checklist.submit', { id: task.id, version: task.version }))} data-testid="task-checklist-submit">
              {t('taskChecklist.submit')}
            </Button>
          )}
          {task.status === 'awaiting_approval' && can('tasks', 'approve') && (
            <>
              <Button size="xs" variant="default" color="orange" onClick={() => setAsking('reject')} data-testid="task-checklist-reject">
                {t('taskChecklist.reject')}
              </Button>
              <Button size="xs" color="green" onClick={() => setAsking('approve')} data-testid="task-checklist-approve">
                {t('taskChecklist.approve')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={t(asking === 'approve' ? 'taskChecklist.approveTitle' : 'taskChecklist.rejectTitle')} size="md">
        <Stack gap="xs" data-testid="task-verdict-dialog">
          {failure && (
            <Alert color="red" py={4} data-testid="task-verdict-error">
              {failure}
            </Alert>
          )}
          <Textarea
            label={t(asking === 'approve' ? 'taskChecklist.comment' : 'taskChecklist.reason')}
            required={asking === 'reject'}
            value={words}
            onChange={(e) => setWords(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
            data-testid="task-verdict-text"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={asking === 'approve' ? 'green' : 'orange'} disabled={asking === 'reject' && !words.trim()} onClick={() => void decide()} data-testid="task-verdict-confirm">
              {t(asking === 'approve' ? 'taskChecklist.approve' : 'taskChecklist.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
