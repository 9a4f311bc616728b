import { useEffect, useMemo, useState } from 'react';
import { Alert, Autocomplete, Button, Divider, Grid, Group, Modal, ScrollArea, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { TASK_PRIORITIES, type TaskPriority } from '../../../shared/api/tasks';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { ClientSelect, KeySelect, UserSelect, useUserOptions } from '../interventions/selects';
import { noteHead, noteText } from './taskText';
import { useFormat } from '../../app/format';
import { TaskTimePanel } from './TaskTimePanel';
import { TaskMaterialsPanel } from './TaskMaterialsPanel';
import { TaskChecklistPanel } from './TaskChecklistPanel';
import { TaskNoticesPanel } from './TaskNoticesPanel';
import { ProvisionalMark } from '../../components/ProvisionalNumber';
import { TaskChatLink } from './TaskChatLink';

type Detail = Output<'tasks.get'>;
interface Values {
  branchId: string | null;
  clientId: string | null;
  address: string;
  priority: TaskPriority;
  typeId: string | null;
  assigneeId: string | null;
  dueDate: string;
  subject: string;
  description: string;
}

const fromDetail = (d: Detail): Values => ({
  branchId: d.branchId,
  clientId: d.clientId,
  address: d.address ?? '',
  priority: d.priority,
  typeId: d.typeId,
  assigneeId: d.assigneeId,
  dueDate: d.dueDate ?? '',
  subject: d.subject ?? '',
  description: d.description ?? '',
});

/**
 * A task, keyboard-first: the client is picked by typing (Enter takes the first match), the address offered from the
 * client's addresses or typed anew, then priority, type, assignee and due date; Ctrl+S saves. Below: the timeline.
 */
export function TaskForm({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const branches = useApiQuery('branches.list', {});
  const types = useApiQuery('tasks.types', {});
  const detail = useApiQuery('tasks.get', { id: id ?? '' }, { enabled: !!id });
  const [v, setV] = useState<Values>({ branchId: null, clientId: null, address: '', priority: 'medium', typeId: null, assigneeId: null, dueDate: '', subject: '', description: '' });
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const d = detail.data;
  useEffect(() => {
    if (d) setV(fromDetail(d));
  }, [d]);
  useEffect(() => {
    if (!id && !v.branchId && branches.data?.[0]) setV((x) => ({ ...x, branchId: branches.data[0]!.id }));
  }, [id, v.branchId, branches.data]);
  const client = useApiQuery('clients.get', { id: v.clientId ?? '' }, { enabled: !!v.clientId });
  const addresses = useMemo(() => (client.data?.addresses ?? []).map((a) => [a.street, a.locality].filter(Boolean).join(', ')), [client.data]);
  const people = useUserOptions([v.assigneeId]);
  const names = useMemo(() => new Map(people.map((p) => [p.value, p.label])), [people]);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((x) => ({ ...x, [k]: value }));
  const final = d?.status === 'done' || d?.status === 'cancelled';

  const refresh = () => qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.') });
  const save = async () => {
    if (!v.branchId || !v.clientId || final) return;
    setFailure(null);
    const input = {
      branchId: v.branchId,
      clientId: v.clientId,
      address: v.address || null,
      priority: v.priority,
      typeId: v.typeId,
      assigneeId: v.assigneeId,
      dueDate: v.dueDate || null,
      subject: v.subject || null,
      description: v.description || null,
    };
    try {
      if (d) await call('tasks.update', { id: d.id, version: d.version, ...input });
      else await call('tasks.create', input);
      await refresh();
      onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    }
  };
  useSaveShortcut(true, () => void save());
  const addNote = async () => {
    if (!d || !note.trim()) return;
    await call('tasks.addNote', { taskId: d.id, text: note.trim() });
    setNote('');
    await refresh();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        d ? (
          <>
            {`${t('tasks.task')} ${d.number ?? ''} · ${t(`tasks.status.${d.status}`)}`} <ProvisionalMark number={d.number} provisional={d.provisionalNumber} />
          </>
        ) : (
          t('tasks.new')
        )
      }
    >
      <Stack gap="xs" data-testid="task-form">
        {failure && (
          <Alert color="red" py={4} data-testid="task-form-error">
            {failure}
          </Alert>
        )}
        {d && d.source !== 'manual' && (
          <Text size="sm" c="dimmed" data-testid="task-source">
            {t(`tasks.source.${d.source}`)}
            {d.webReference && (
              <>
                {' · '}
                {t('taskCard.webReference')}: <b data-testid="task-web-reference">{d.webReference}</b>
              </>
            )}
          </Text>
        )}
        {d?.chatLink && <TaskChatLink link={d.chatLink} />}
        <Grid gap={8}>
          {(branches.data?.length ?? 0) > 1 && (
            <Grid.Col span={4}>
              <KeySelect label={t('fields.branchId')} data={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))} value={v.branchId} onChange={(x) => set('branchId', x)} readOnly={final} data-testid="task-branch" />
            </Grid.Col>
          )}
          <Grid.Col span={8}>
            <ClientSelect label={t('tasks.field.client')} value={v.clientId} valueLabel={d?.clientName} onChange={(x) => set('clientId', x)} readOnly={final} data-autofocus required data-testid="task-client" />
          </Grid.Col>
          <Grid.Col span={12}>
            <Autocomplete label={t('tasks.field.address')} data={addresses} value={v.address} onChange={(x) => set('address', x)} readOnly={final} data-testid="task-address" />
          </Grid.Col>
          <Grid.Col span={3}>
            <KeySelect label={t('tasks.field.priority')} data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))} value={v.priority} onChange={(x) => x && set('priority', x as TaskPriority)} readOnly={final} data-testid="task-priority" />
          </Grid.Col>
          <Grid.Col span={3}>
            <KeySelect label={t('tasks.field.type')} data={(types.data ?? []).filter((x) => x.active || x.id === v.typeId).map((x) => ({ value: x.id, label: x.name }))} value={v.typeId} onChange={(x) => set('typeId', x)} readOnly={final} clearable data-testid="task-type" />
          </Grid.Col>
          <Grid.Col span={3}>
            <UserSelect label={t('tasks.field.assignee')} branchId={v.branchId} value={v.assigneeId} onChange={(x) => set('assigneeId', x)} readOnly={final} clearable data-testid="task-assignee" />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput type="date" label={t('tasks.field.dueDate')} value={v.dueDate} onChange={(e) => set('dueDate', e.currentTarget.value)} readOnly={final} data-testid="task-due" />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput label={t('tasks.field.subject')} value={v.subject} onChange={(e) => set('subject', e.currentTarget.value)} readOnly={final} maxLength={200} data-testid="task-subject" />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label={t('tasks.field.description')} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} readOnly={final} autosize minRows={3} maxRows={8} data-testid="task-description" />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} disabled={final || !v.clientId || !v.branchId} data-testid="task-save">
            {t('common.save')} (Ctrl+S)
          </Button>
        </Group>
        {d && <TaskTimePanel task={d} />}
        {d && <TaskMaterialsPanel task={d} />}
        {d && <TaskChecklistPanel task={d} />}
        {d && (
          <>
            <Divider label={t('tasks.timeline.title')} labelPosition="left" />
            <ScrollArea.Autosize mah={220}>
              <Stack gap={2} data-testid="task-timeline">
                {d.timeline.map((n) => (
                  <Text key={n.id} size="xs">
                    <Text span c="dimmed">
                      {noteHead(t, fmt, n, d.timeZone)}:{' '}
                    </Text>
                    {noteText(t, n, names)}
                  </Text>
                ))}
              </Stack>
            </ScrollArea.Autosize>
            <TaskNoticesPanel taskId={d.id} zone={d.timeZone} />
            <Group gap="xs" align="flex-end">
              <TextInput style={{ flex: 1 }} label={t('tasks.timeline.add')} value={note} onChange={(e) => setNote(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void addNote()} data-testid="task-note" />
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
