import { forwardRef, useMemo, useRef } from 'react';
import { Badge, Text } from '@mantine/core';
import type { ColDef, SortModelItem } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { TASK_SORT_FIELDS, type TaskGridRow, type TaskGridScope, type TaskSortField } from '../../../shared/api/taskGrid';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';
import { DataGrid, type DataGridHandle, type PageRequest } from '../../components/DataGrid';
import { NumberCell } from '../../components/ProvisionalNumber';

/** The grid's sort as the API names it (each column's id is its sort field); none: the dispatcher's order. */
export function taskSortOf(item: Pick<SortModelItem, 'colId' | 'sort'> | undefined): { sort?: TaskSortField; desc?: boolean } {
  if (!item || !(TASK_SORT_FIELDS as readonly string[]).includes(item.colId)) return {};
  return { sort: item.colId as TaskSortField, desc: item.sort === 'desc' };
}

interface Props {
  scope: TaskGridScope;
  onOpen(id: string): void;
  onInsert(): void;
  onTotal(n: number): void;
}

/**
 * The tasks grid on main's grid source: a scope's rows page by page, sorted by any column (none: open work first,
 * urgent on top, then the nearest due date). Urgent tasks are marked, overdue ones say so; Enter opens, Insert adds.
 */
export const TasksGrid = forwardRef<DataGridHandle, Props>(function TasksGrid({ scope, onOpen, onInsert, onTotal }, ref) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // The count is asked with the first page of a scope; later pages of the same scope reuse it.
  const counted = useRef<{ key: string; total: number } | null>(null);
  const scopeKey = JSON.stringify(scope);
  const columns = useMemo<ColDef<TaskGridRow>[]>(() => {
    const defs: ColDef<TaskGridRow>[] = [
      { colId: 'number', field: 'number', headerName: t('tasks.field.number'), width: 120, cellRenderer: NumberCell },
      { colId: 'docDate', field: 'docDate', headerName: t('tasks.field.docDate'), width: 92, valueFormatter: (p) => fmt.date(p.value) },
      {
        colId: 'priority',
        field: 'priority',
        headerName: t('tasks.field.priority'),
        width: 96,
        cellRenderer: (p: { data?: TaskGridRow }) =>
          p.data ? (
            <Badge size="sm" color={p.data.priority === 'urgent' ? 'red' : p.data.priority === 'medium' ? 'yellow' : 'gray'} variant={p.data.priority === 'urgent' ? 'filled' : 'light'}>
              {t(`tasks.priority.${p.data.priority}`)}
            </Badge>
          ) : null,
      },
      { colId: 'status', field: 'status', headerName: t('tasks.field.status'), width: 118, valueFormatter: (p) => (p.value ? t(`tasks.status.${p.value}`) : '') },
      { colId: 'client', field: 'client', headerName: t('tasks.field.client'), width: 150 },
      { colId: 'subject', field: 'subject', headerName: t('tasks.field.subject'), flex: 1, minWidth: 130 },
      { colId: 'address', field: 'address', headerName: t('tasks.field.address'), width: 150 },
      { colId: 'type', field: 'type', headerName: t('tasks.field.type'), width: 105 },
      { colId: 'assignee', field: 'assignee', headerName: t('tasks.field.assignee'), width: 120 },
      {
        colId: 'dueDate',
        field: 'dueDate',
        headerName: t('tasks.field.dueDate'),
        width: 120,
        cellRenderer: (p: { data?: TaskGridRow }) =>
          p.data?.dueDate ? (
            <Text span size="xs" c={p.data.overdue ? 'red.8' : undefined} fw={p.data.overdue ? 700 : undefined} data-overdue={p.data.overdue || undefined}>
              {fmt.date(p.data.dueDate)}
              {p.data.overdue ? ` · ${t('taskGrid.overdue')}` : ''}
            </Text>
          ) : null,
      },
      { colId: 'source', field: 'source', headerName: t('tasks.field.source'), width: 80, valueFormatter: (p) => (p.value ? t(`tasks.source.${p.value}`) : '') },
      { colId: 'updatedAt', field: 'updatedAt', headerName: t('taskGrid.updatedAt'), width: 128, valueFormatter: (p) => fmt.dateTime(p.value) },
    ];
    return defs.map((c) => ({ ...c, sortable: true }));
  }, [t, fmt]);
  const fetchPage = async (req: PageRequest) => {
    const key = `${scopeKey}|${JSON.stringify(req.sort ?? null)}`;
    const [{ rows }, total] = await Promise.all([
      call('tasks.grid.list', { scope, ...taskSortOf(req.sort), offset: req.offset, limit: req.limit }),
      req.offset === 0 || counted.current?.key !== key ? call('tasks.grid.count', { scope }).then((r) => r.total) : Promise.resolve(counted.current.total),
    ]);
    counted.current = { key, total };
    return { rows, total };
  };
  return (
    <DataGrid<TaskGridRow>
      ref={ref}
      gridId="tasks"
      columns={columns}
      queryKey={scopeKey}
      fetchPage={fetchPage}
      getRowId={(r) => r.id}
      onOpen={(r) => onOpen(r.id)}
      onInsert={onInsert}
      onTotal={onTotal}
    />
  );
});
