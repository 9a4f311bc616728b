import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { TASK_GRID_COLUMNS, type TaskGridColumn, type TaskGridScope, type TaskGroupField } from '../../../shared/api/taskGrid';
import { useCan } from '../../app/session';
import type { DataGridHandle } from '../../components/DataGrid';
import { KeyButton, ScreenHeader, useFindShortcut, useScreenKeys } from '../../components/screen';
import { TaskBoard } from './TaskBoard';
import { TaskForm } from './TaskForm';
import { WorkActButton } from './WorkActButton';
import { TaskGridTools, type TaskViewConfig } from './TaskGridTools';
import { TaskGroups, type ChosenGroup } from './TaskGroups';
import { TasksGrid, taskSortOf } from './TasksGrid';

type View = 'grid' | 'board';

/** Tasks: the grid for finding (grouped, filtered, saved as views, exported), the board for dispatching; one form for both. */
export function TasksScreen() {
  const { t } = useTranslation();
  const canWrite = useCan()('tasks', 'write');
  const grid = useRef<DataGridHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<View>('grid');
  const [typed, setTyped] = useState('');
  const [search] = useDebouncedValue(typed.trim(), 250);
  const [groupBy, setGroupBy] = useState<TaskGroupField | null>(null);
  const [chosen, setChosen] = useState<ChosenGroup>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null | undefined>(undefined);
  const [total, setTotal] = useState<number | null>(null);
  const add = () => canWrite && setOpen(null);
  // `#/tasks?open=<id>`: a pop-up or a link elsewhere opens one task's form.
  const [params, setParams] = useSearchParams();
  const asked = params.get('open');
  useEffect(() => {
    if (!asked) return;
    setOpen(asked);
    setParams({}, { replace: true });
  }, [asked, setParams]);
  useScreenKeys({ onInsert: add, onRefresh: () => grid.current?.refresh(), enabled: open === undefined });
  useFindShortcut(searchBox, open === undefined);

  const filters = { ...(search ? { search } : {}), ...(overdue ? { overdue: true } : {}) };
  const scope: TaskGridScope = groupBy && chosen ? { filters, groupBy: [{ field: groupBy }], groupPath: [chosen.key] } : { filters };
  const chooseGrouping = (f: TaskGroupField | null) => {
    setGroupBy(f);
    setChosen(undefined);
  };
  const current = () => {
    const state = grid.current?.api()?.getColumnState() ?? [];
    const columns = state.filter((c) => !c.hide && (TASK_GRID_COLUMNS as readonly string[]).includes(c.colId)).map((c) => c.colId as TaskGridColumn);
    const sorted = state.find((c) => c.sort);
    const config: TaskViewConfig = { groupBy, overdue, search: typed.trim(), ...taskSortOf(sorted ? { colId: sorted.colId, sort: sorted.sort! } : undefined) };
    // Files hold the grid's rows under its grouping: a chosen group alone, else every group with its heading.
    const fileScope: TaskGridScope = groupBy ? { filters, groupBy: [{ field: groupBy }], groupPath: chosen ? [chosen.key] : [] } : { filters };
    return { config, scope: fileScope, columns: columns.length ? columns : [...TASK_GRID_COLUMNS] };
  };
  const apply = (c: TaskViewConfig) => {
    chooseGrouping(c.groupBy);
    setOverdue(c.overdue);
    setTyped(c.search);
    grid.current?.api()?.applyColumnState({ state: c.sort ? [{ colId: c.sort, sort: c.desc ? 'desc' : 'asc' }] : [], defaultState: { sort: null } });
  };

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
        <TextInput ref={searchBox} placeholder={t('tasks.search')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} w={260} size="xs" data-testid="tasks-search" />
        {view === 'grid' && (
          <TaskGridTools groupBy={groupBy} onGroupBy={chooseGrouping} overdue={overdue} onOverdue={setOverdue} current={current} onApply={apply} onError={setProblem} />
        )}
        {view === 'grid' && total !== null && (
          <Text size="xs" c="dimmed" data-testid="tasks-total">
            {t('common.rows', { count: total })}
          </Text>
        )}
        {problem && (
          <Text size="xs" c="red.8" role="alert">
            {problem}
          </Text>
        )}
      </Group>
      <div style={{ flex: 1, minHeight: 0, display: 'flex', gap: 8 }}>
        {view === 'grid' ? (
          <>
            {groupBy && <TaskGroups filters={filters} field={groupBy} chosen={chosen} onChoose={setChosen} />}
            <div style={{ flex: 1, minWidth: 0 }}>
              <TasksGrid ref={grid} scope={scope} onOpen={setOpen} onInsert={add} onTotal={setTotal} />
            </div>
          </>
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
