import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { Alert, Badge, Box, Card, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/api/tasks';
import { allowedMoves } from '../../../shared/rules/tasks/status';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { AssignOnDrop, type PendingAssign } from './AssignOnDrop';
import { ProvisionalMark } from '../../components/ProvisionalNumber';

type Row = Output<'tasks.list'>['rows'][number];
/** The board's columns: the workflow without "cancelled", which leaves the board. */
const COLUMNS = TASK_STATUSES.filter((s) => s !== 'cancelled');

/**
 * The dispatcher's board: a column per status, urgent cards on top. A card moves by drag, or from the keyboard with
 * Ctrl+→ / Ctrl+← to the next or previous column; main answers both with the same rules.
 */
export function TaskBoard({ search, onOpen }: { search: string; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useApiQuery('tasks.list', { statuses: [...COLUMNS], q: search || undefined, limit: 500, offset: 0 });
  const [over, setOver] = useState<TaskStatus | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, setPending] = useState<(PendingAssign & { row: Row; to: TaskStatus }) | null>(null);
  const rows = list.data?.rows ?? [];

  const move = async (row: Row, status: TaskStatus, assigneeId?: string) => {
    if (status === row.status) return;
    setRefusal(null);
    // Nobody on the task yet, and the column needs someone: ask who, as the form's assignee field does.
    if (!assigneeId && !row.assigneeId && status !== 'new' && status !== 'cancelled' && allowedMoves(row.status).includes(status)) {
      setPending({ taskId: row.id, branchId: row.branchId, number: row.number, status, row, to: status });
      return;
    }
    try {
      await call('tasks.move', { id: row.id, version: row.version, status, ...(assigneeId ? { assigneeId } : {}) });
      await qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.') });
      setTimeout(() => document.querySelector<HTMLElement>(`[data-task-card="${row.id}"]`)?.focus());
    } catch (e) {
      setRefusal(errorText(t, e));
    }
  };
  const drop = (status: TaskStatus) => (e: DragEvent) => {
    e.preventDefault();
    setOver(null);
    const row = rows.find((r) => r.id === e.dataTransfer.getData('text/task'));
    if (row) void move(row, status);
  };
  const keys = (row: Row) => (e: KeyboardEvent) => {
    if (e.key === 'Enter') onOpen(row.id);
    if (!e.ctrlKey || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    e.preventDefault();
    const to = COLUMNS[COLUMNS.indexOf(row.status as (typeof COLUMNS)[number]) + (e.key === 'ArrowRight' ? 1 : -1)];
    if (to) void move(row, to);
  };

  return (
    <Stack gap={4} style={{ flex: 1, minHeight: 0 }}>
      {refusal && (
        <Alert color="red" py={4} withCloseButton onClose={() => setRefusal(null)} data-testid="board-refusal">
          {refusal}
        </Alert>
      )}
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Group align="flex-start" wrap="nowrap" gap={6} data-testid="task-board">
        {COLUMNS.map((status) => {
          const cards = rows.filter((r) => r.status === status);
          return (
            <Box
              key={status}
              w={230}
              miw={230}
              p={4}
              bg={over === status ? 'indigo.0' : 'gray.0'}
              style={{ borderRadius: 4, minHeight: 400 }}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(status);
              }}
              onDragLeave={() => setOver(null)}
              onDrop={drop(status)}
              data-testid={`board-column-${status}`}
            >
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={700}>
                  {t(`tasks.status.${status}`)}
                </Text>
                <Badge size="sm" variant="light">
                  {cards.length}
                </Badge>
              </Group>
              <Stack gap={4}>
                {cards.map((r) => (
                  <Card
                    key={r.id}
                    p={6}
                    withBorder
                    draggable
                    tabIndex={0}
                    onDragStart={(e) => e.dataTransfer.setData('text/task', r.id)}
                    onDoubleClick={() => onOpen(r.id)}
                    onKeyDown={keys(r)}
                    data-task-card={r.id}
                    data-testid="task-card"
                    style={{ borderLeft: r.priority === 'urgent' ? '4px solid var(--mantine-color-red-6)' : undefined, cursor: 'grab' }}
                  >
                    <Group justify="space-between" gap={4} wrap="nowrap">
                      <Text size="xs" fw={700}>
                        {r.number ?? '—'}
                      </Text>
                      <ProvisionalMark number={r.number} />
                      {r.priority === 'urgent' && (
                        <Badge size="xs" color="red">
                          {t('tasks.priority.urgent')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" lineClamp={1}>
                      {r.clientName}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {r.subject ?? r.description ?? ''}
                    </Text>
                    {(r.assigneeName || r.dueDate) && (
                      <Text size="xs" c="dimmed">
                        {[r.assigneeName, r.dueDate].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Card>
                ))}
              </Stack>
            </Box>
          );
        })}
      </Group>
    </ScrollArea>
      <AssignOnDrop
        pending={pending}
        onCancel={() => setPending(null)}
        onAssign={(assigneeId) => {
          const p = pending;
          setPending(null);
          if (p) void move(p.row, p.to, assigneeId);
        }}
      />
    </Stack>
  );
}
