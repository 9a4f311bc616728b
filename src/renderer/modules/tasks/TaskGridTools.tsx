import { useState } from 'react';
import { Button, Checkbox, Menu, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TASK_GROUP_FIELDS, TASK_SORT_FIELDS, type TaskGridColumn, type TaskGridScope, type TaskGroupField, type TaskSortField } from '../../../shared/api/taskGrid';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { openProducedFile } from '../../app/files';
import { errorText } from '../../app/errors';
import { SaveViewDialog } from '../interventions/SaveViewDialog';

/** What a saved view of the tasks grid keeps: the grouping, the filters the toolbar sets, the sort. */
export interface TaskViewConfig {
  groupBy: TaskGroupField | null;
  overdue: boolean;
  search: string;
  sort?: TaskSortField;
  desc?: boolean;
}

export function readViewConfig(text: string): TaskViewConfig | null {
  try {
    const c = JSON.parse(text) as Partial<TaskViewConfig>;
    const groupBy = c.groupBy && (TASK_GROUP_FIELDS as readonly string[]).includes(c.groupBy) ? c.groupBy : null;
    const sort = c.sort && (TASK_SORT_FIELDS as readonly string[]).includes(c.sort) ? c.sort : undefined;
    return { groupBy, overdue: c.overdue === true, search: typeof c.search === 'string' ? c.search : '', sort, desc: sort ? c.desc === true : undefined };
  } catch {
    return null;
  }
}

interface Props {
  groupBy: TaskGroupField | null;
  onGroupBy(f: TaskGroupField | null): void;
  overdue: boolean;
  onOverdue(v: boolean): void;
  /** The grid as it is now, for a view to keep and a file to hold. */
  current(): { config: TaskViewConfig; scope: TaskGridScope; columns: TaskGridColumn[] };
  onApply(c: TaskViewConfig): void;
  onError(message: string | null): void;
}

/** Grouping, the overdue filter, saved views and the grid's files (CSV, Excel, a printed list) for the tasks grid. */
export function TaskGridTools(p: Props) {
  const { t } = useTranslation();
  const views = useApiQuery('tasks.views.list', {});
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const produce = async (format: 'csv' | 'xlsx' | 'pdf') => {
    const { config, scope, columns } = p.current();
    const sort = config.sort ? { sort: config.sort, desc: config.desc } : {};
    setBusy(true);
    p.onError(null);
    try {
      const file = format === 'pdf' ? await call('tasks.grid.print', { scope, columns, ...sort }) : await call('tasks.grid.export', { scope, columns, format, ...sort });
      await openProducedFile(file, format === 'pdf' ? 'print' : 'open');
    } catch (e) {
      p.onError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Select
        size="xs"
        w={190}
        aria-label={t('taskGrid.groupBy')}
        placeholder={t('taskGrid.groupBy')}
        value={p.groupBy ?? ''}
        onChange={(v) => p.onGroupBy(v ? (v as TaskGroupField) : null)}
        data={[{ value: '', label: t('taskGrid.noGrouping') }, ...TASK_GROUP_FIELDS.map((f) => ({ value: f, label: `${t('taskGrid.groupBy')}: ${t(`tasks.field.${f}`)}` }))]}
        allowDeselect={false}
        data-testid="task-group-by"
      />
      <Checkbox size="xs" label={t('taskGrid.overdueOnly')} checked={p.overdue} onChange={(e) => p.onOverdue(e.currentTarget.checked)} data-testid="task-overdue" />
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" data-testid="task-views">
            {t('interventions.views.title')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="task-views-menu">
          {(views.data ?? []).map((v) => (
            <Menu.Item
              key={v.id}
              onClick={() => {
                const c = readViewConfig(v.config);
                if (c) p.onApply(c);
                else p.onError(t('interventions.views.broken'));
              }}
              data-testid="task-view"
            >
              {v.name}
              {v.shared ? ` (${t('interventions.views.sharedShort')})` : ''}
            </Menu.Item>
          ))}
          {!views.data?.length && <Menu.Label>{t('interventions.views.none')}</Menu.Label>}
          <Menu.Divider />
          <Menu.Item onClick={() => setSaving(true)} data-testid="task-view-save">
            {t('interventions.views.saveAs')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" loading={busy} data-testid="task-export">
            {t('taskGrid.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void produce('xlsx')} data-testid="task-export-xlsx">
            Excel (XLSX)
          </Menu.Item>
          <Menu.Item onClick={() => void produce('csv')} data-testid="task-export-csv">
            CSV
          </Menu.Item>
          <Menu.Item onClick={() => void produce('pdf')} data-testid="task-export-pdf">
            {t('taskGrid.print')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SaveViewDialog
        opened={saving}
        kind="view"
        module="tasks"
        config={() => JSON.stringify(p.current().config)}
        onClose={() => setSaving(false)}
        onSaved={() => void views.refetch()}
      />
    </>
  );
}
