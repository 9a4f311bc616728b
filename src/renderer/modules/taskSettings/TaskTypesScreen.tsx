import { useMemo, useState } from 'react';
import { Alert, Checkbox } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TaskTypeSettings } from '../../../shared/api/taskChecklist';
import { formatMoney } from '../../../shared/rules/money';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { ErrorBanner, KeyButton, ListTable, ScreenHeader, useListSelection, useScreenKeys, type Column } from '../../components/screen';
import { TaskTypeDialog } from './TaskTypeDialog';
import { rateCurrency } from './rateCurrency';
import { useKept } from '../schedule/useKept';

/** Task types: name, hourly rate, active, and the checklist each brings to its tasks. Managers and up change them. */
export function TaskTypesScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const canEdit = useCan()('tasks', 'approve');
  const org = useApiQuery('org.get', {});
  const currency = rateCurrency(org.data?.country);
  const [inactive, setInactive] = useState(false);
  const types = useApiQuery('tasks.types.list', {});
  const rows = useMemo(() => (types.data ?? []).filter((x) => inactive || x.active), [types.data, inactive]);
  const list = useListSelection(rows, (x) => x.id, types.isLoading);
  const [editing, setEditing] = useState<TaskTypeSettings | 'new' | null>(null);
  // The dialog keeps its title while it closes.
  const shown = useKept(editing);
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('tasks.types') });
  const add = canEdit ? () => setEditing('new') : undefined;
  useScreenKeys({ enabled: !editing, onInsert: add, onRefresh: refresh });

  const columns: Column<TaskTypeSettings>[] = [
    { key: 'name', header: t('taskChecklist.typeName'), render: (x) => x.name, width: 240 },
    { key: 'rate', header: t('taskChecklist.rate'), align: 'right', width: 140, render: (x) => (x.hourlyRateMinor === null ? '—' : formatMoney(x.hourlyRateMinor, currency, fmt.locale)) },
    {
      key: 'items',
      header: t('taskChecklist.items'),
      render: (x) => (x.items.length ? `${t('taskChecklist.itemsCount', { count: x.items.length })}: ${x.items.map((i) => i.text).join(' · ')}` : '—'),
    },
    { key: 'active', header: t('taskChecklist.active'), width: 90, render: (x) => t(x.active ? 'taskChecklist.yes' : 'taskChecklist.no') },
  ];

  return (
    <div className="planora-page" data-testid="task-types-screen">
      <ScreenHeader title={t('taskChecklist.typesTitle')}>
        <Checkbox label={t('taskChecklist.showInactive')} checked={inactive} onChange={(e) => setInactive(e.currentTarget.checked)} data-testid="task-types-inactive" />
        {canEdit && <KeyButton label={t('common.add')} keys="Ins" onClick={add} data-testid="task-types-add" />}
        {canEdit && <KeyButton label={t('common.edit')} keys="Enter" disabled={!list.current} onClick={() => list.current && setEditing(list.current)} data-testid="task-types-edit" />}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      {!canEdit && (
        <Alert p="xs" color="gray" data-testid="task-types-read-only">
          {t('taskChecklist.typesReadOnly')}
        </Alert>
      )}
      <ErrorBanner message={types.error ? errorText(t, types.error) : null} onClose={refresh} />
      <ListTable label={t('taskChecklist.typesTitle')} testId="task-types-table" columns={columns} {...list.table} dimmed={(x) => !x.active} onOpen={canEdit ? (x) => setEditing(x) : undefined} />
      <TaskTypeDialog opened={editing !== null} type={shown === 'new' ? null : shown} currency={currency} onClose={() => setEditing(null)} />
    </div>
  );
}
