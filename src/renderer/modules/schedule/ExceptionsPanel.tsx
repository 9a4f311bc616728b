import { useState } from 'react';
import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExceptionRow } from '../../../shared/api/schedule';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { ConfirmDialog, KeyButton, ListTable, ScreenHeader, useListSelection, type Column } from '../../components/screen';
import { ExceptionDialog } from './ExceptionDialog';
import { formatIntervals } from './intervalsText';
import { useKept } from './useKept';

/** How far the list reaches: the last quarter (what was) and the coming year (what is planned). */
const PAST_DAYS = 92;
const AHEAD_DAYS = 366;

const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** One person's exceptions in the branch, with add, edit (Enter) and delete (Del) for those who set hours. */
export function ExceptionsPanel(p: { branchId: string; person: { id: string; name: string }; today: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useApiQuery('schedule.exceptions', { branchId: p.branchId, userId: p.person.id, from: shift(p.today, -PAST_DAYS), to: shift(p.today, AHEAD_DAYS) });
  const selection = useListSelection(list.data, (e) => e.id, list.isLoading);
  const [editing, setEditing] = useState<ExceptionRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ExceptionRow | null>(null);
  const shown = useKept(editing);
  const dates = (e: ExceptionRow) => (e.dayFrom === e.dayTo ? fmt.date(e.dayFrom) : `${fmt.date(e.dayFrom)} – ${fmt.date(e.dayTo)}`);

  const columns: Column<ExceptionRow>[] = [
    { key: 'kind', header: t('schedule.kind'), render: (e) => t(`schedule.kinds.${e.kind}`), width: 150 },
    { key: 'dates', header: `${t('schedule.dayFrom')} – ${t('schedule.dayTo')}`, render: dates, width: 220 },
    { key: 'hours', header: t('schedule.exceptionHours'), render: (e) => (e.intervals ? formatIntervals(e.intervals) : t('schedule.wholeDay')), width: 200 },
    { key: 'note', header: t('schedule.note'), render: (e) => e.note ?? '' },
  ];

  return (
    <div data-testid="exceptions-panel">
      <ScreenHeader level={2} title={t('schedule.exceptionsOf', { name: p.person.name })}>
        {p.canEdit && (
          <Group gap="xs">
            <KeyButton label={t('schedule.addException')} onClick={() => setEditing('new')} data-testid="exception-add" />
            <KeyButton label={t('common.edit')} keys="Enter" disabled={!selection.current} onClick={() => selection.current && setEditing(selection.current)} data-testid="exception-edit" />
            <KeyButton label={t('common.delete')} keys="Del" color="red" variant="light" disabled={!selection.current} onClick={() => selection.current && setDeleting(selection.current)} data-testid="exception-delete" />
          </Group>
        )}
      </ScreenHeader>
      <ListTable
        label={t('schedule.exceptionsOf', { name: p.person.name })}
        testId="exceptions-table"
        columns={columns}
        {...selection.table}
        onOpen={p.canEdit ? (e) => setEditing(e) : undefined}
        onDelete={p.canEdit ? (e) => setDeleting(e) : undefined}
      />
      <ExceptionDialog
        opened={editing !== null}
        exception={shown === 'new' ? null : shown}
        branchId={p.branchId}
        userId={p.person.id}
        userName={p.person.name}
        today={p.today}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('schedule.deleteTitle')}
        message={deleting ? t('schedule.deleteException', { kind: t(`schedule.kinds.${deleting.kind}`), dates: dates(deleting) }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => (deleting ? call('schedule.deleteException', { id: deleting.id }) : undefined)}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
