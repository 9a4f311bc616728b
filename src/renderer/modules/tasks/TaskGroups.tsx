import { useRef } from 'react';
import { Badge, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TaskGridFilters, TaskGroupField } from '../../../shared/api/taskGrid';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';

/** The group chosen in the panel: a key (null is "(empty)"), or undefined for every row of the scope. */
export type ChosenGroup = { key: string | null } | undefined;

interface Props {
  filters: TaskGridFilters;
  field: TaskGroupField;
  chosen: ChosenGroup;
  onChoose(g: ChosenGroup): void;
}

/**
 * The groups of the grid's rows by one field, named and counted by main (statuses and priorities in their own order,
 * people, types and clients by name): choosing one lists its rows in the grid. Arrows move, Enter or a click chooses.
 */
export function TaskGroups({ filters, field, chosen, onChoose }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const groups = useApiQuery('tasks.grid.groups', { scope: { filters, groupBy: [{ field }] } });
  const list = useRef<HTMLDivElement>(null);
  const name = (key: string | null, label: string | null) =>
    key == null ? t('reports.empty') : field === 'status' ? t(`tasks.status.${key}`) : field === 'priority' ? t(`tasks.priority.${key}`) : (label ?? key);
  const total = (groups.data ?? []).reduce((n, g) => n + g.count, 0);
  const items: { id: string; group: ChosenGroup; text: string; count: number }[] = [
    { id: 'all', group: undefined, text: t('common.all'), count: total },
    ...(groups.data ?? []).map((g) => ({ id: g.key ?? 'empty', group: { key: g.key }, text: name(g.key, g.label), count: g.count })),
  ];
  const move = (from: HTMLElement, step: number) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    buttons[Math.max(0, Math.min(buttons.length - 1, buttons.indexOf(from as HTMLButtonElement) + step))]?.focus();
  };
  return (
    <ScrollArea w={230} h="100%" type="auto" data-testid="task-groups" aria-label={t('taskGrid.groupBy')}>
      <Stack gap={2} ref={list} role="listbox">
        {items.map((it) => {
          const selected = it.group === chosen || (it.group !== undefined && chosen !== undefined && it.group.key === chosen.key);
          return (
            <UnstyledButton
              key={it.id}
              role="option"
              aria-selected={selected}
              onClick={() => onChoose(it.group)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  move(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                }
              }}
              px={8}
              py={4}
              style={{ borderRadius: 4, background: selected ? 'var(--mantine-color-blue-light)' : undefined }}
              data-testid={`task-group-${it.id}`}
            >
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Text size="sm" truncate fw={field === 'priority' && it.group?.key === 'urgent' ? 700 : undefined} c={field === 'priority' && it.group?.key === 'urgent' ? 'red.8' : undefined}>
                  {it.text}
                </Text>
                <Badge size="sm" variant="light" color="gray">
                  {fmt.number(it.count)}
                </Badge>
              </Group>
            </UnstyledButton>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
