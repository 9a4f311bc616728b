import { useRef, useState } from 'react';
import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import type { DataGridHandle } from '../../components/DataGrid';
import { KeyButton, ScreenHeader, useFindShortcut, useScreenKeys } from '../../components/screen';
import { TaskBoard } from './TaskBoard';
import { TaskForm } from './TaskForm';
import { TasksGrid } from './TasksGrid';
import { WorkActButton } from './WorkActButton';

type View = 'grid' | 'board';

/** Tasks: the grid for finding, the board for dispatching; one form for both. */
export function TasksScreen() {
  const { t } = useTranslation();
  const canWrite = useCan()('tasks', 'write');
  const grid = useRef<DataGridHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<View>('grid');
  const [typed, setTyped] = useState('');
  const [search] = useDebouncedValue(typed.trim(), 250);
  const [open, setOpen] = useState<string | null | undefined>(undefined);
  const [total, setTotal] = useState<number | null>(null);
  const add = () => canWrite && setOpen(null);
  useScreenKeys({ onInsert: add, onRefresh: () => grid.current?.refresh(), enabled: open === undefined });
  useFindShortcut(searchBox, open === undefined);

  return (
    <Stack gap={6} h="100%" data-testid="tasks-screen">
      <ScreenHeader title={t('tasks.title')}>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(x) => setView(x as View)}
          data={[
            { value: 'grid', label: t('tasks.view.grid') },
            { value: 'board', label: t('tasks.view.board') },
          ]}
          data-testid="tasks-view"
        />
        <WorkActButton />
        {canWrite && <KeyButton label={t('tasks.new')} keys="Ins" onClick={add} data-testid="task-new" />}
      </ScreenHeader>
      <Group gap="xs">
        <TextInput ref={searchBox} placeholder={t('tasks.search')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} w={280} data-testid="tasks-search" />
        {view === 'grid' && total !== null && (
          <Text size="xs" c="dimmed" data-testid="tasks-total">
            {t('common.rows', { count: total })}
          </Text>
        )}
      </Group>
      <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        {view === 'grid' ? (
          <div style={{ flex: 1, minWidth: 0 }}>
            <TasksGrid ref={grid} search={search} onOpen={setOpen} onInsert={add} onTotal={setTotal} />
          </div>
        ) : (
          <TaskBoard search={search} onOpen={setOpen} />
        )}
      </div>
      {open !== undefined && (
        <TaskForm
          id={open}
          onClose={() => {
            setOpen(undefined);
            grid.current?.refresh();
          }}
        />
      )}
    </Stack>
  );
}
