import { forwardRef, useMemo } from 'react';
import { Badge } from '@mantine/core';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../shared/api';
import { call } from '../../app/api';
import { DataGrid, type DataGridHandle, type PageRequest } from '../../components/DataGrid';

type Row = Output<'tasks.list'>['rows'][number];

/** The tasks as a grid (the shared paged grid): urgent on top and marked, then by due date; Enter opens, Insert adds. */
export const TasksGrid = forwardRef<DataGridHandle, { search: string; onOpen(id: string): void; onInsert(): void; onTotal(n: number): void }>(function TasksGrid(
  { search, onOpen, onInsert, onTotal },
  ref,
) {
  const { t } = useTranslation();
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'number', headerName: t('tasks.field.number'), width: 110, sortable: false },
      {
        field: 'priority',
        headerName: t('tasks.field.priority'),
        width: 110,
        sortable: false,
        cellRenderer: (p: { data?: Row }) =>
          p.data ? (
            <Badge size="sm" color={p.data.priority === 'urgent' ? 'red' : p.data.priority === 'medium' ? 'yellow' : 'gray'} variant={p.data.priority === 'urgent' ? 'filled' : 'light'}>
              {t(`tasks.priority.${p.data.priority}`)}
            </Badge>
          ) : null,
      },
      { field: 'status', headerName: t('tasks.field.status'), width: 140, sortable: false, valueFormatter: (p) => (p.value ? t(`tasks.status.${p.value}`) : '') },
      { field: 'clientName', headerName: t('tasks.field.client'), width: 200, sortable: false },
      { field: 'subject', headerName: t('tasks.field.subject'), flex: 1, minWidth: 180, sortable: false, valueGetter: (p) => p.data?.subject ?? p.data?.description ?? '' },
      { field: 'assigneeName', headerName: t('tasks.field.assignee'), width: 150, sortable: false },
      { field: 'dueDate', headerName: t('tasks.field.dueDate'), width: 110, sortable: false },
      { field: 'source', headerName: t('tasks.field.source'), width: 100, sortable: false, valueFormatter: (p) => (p.value ? t(`tasks.source.${p.value}`) : '') },
      { field: 'docDate', headerName: t('tasks.field.docDate'), width: 110, sortable: false },
    ],
    [t],
  );
  const fetchPage = (req: PageRequest) => call('tasks.list', { q: search || undefined, limit: req.limit, offset: req.offset });
  return (
    <DataGrid<Row>
      ref={ref}
      gridId="tasks"
      columns={columns}
      queryKey={search}
      fetchPage={fetchPage}
      getRowId={(r) => r.id}
      onOpen={(r) => onOpen(r.id)}
      onInsert={onInsert}
      onTotal={onTotal}
    />
  );
});
