import { useMemo, useRef, useState } from 'react';
import { Alert, Checkbox, Text } from '@mantine/core';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { ServiceRow } from '../../../shared/api/schedule';
import { formatMoney } from '../../../shared/rules/money';
import { call } from '../../app/api';
import { useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { DataGrid, type DataGridHandle, type PageRequest } from '../../components/DataGrid';
import { ConfirmDialog, ErrorBanner, KeyButton, ScreenHeader } from '../../components/screen';
import { ServiceDialog } from './ServiceDialog';
import { useBranchPick } from './useBranchPick';
import { useKept } from './useKept';
import classes from './schedule.module.css';

type SortKey = 'name' | 'durationMin' | 'priceMinor';

/** A branch's services in a grid: colour, name, duration, price, who performs it; editing needs the approve right. */
export function ServicesScreen() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const can = useCan();
  const canEdit = can('calendar', 'approve');
  const { branch, picker } = useBranchPick('services-branch');
  const [inactive, setInactive] = useState(false);
  const services = useApiQuery('services.list', { branchId: branch?.id ?? '', includeInactive: inactive }, { enabled: !!branch });
  const people = useApiQuery('users.directory', { includeInactive: true });
  const nameOf = useMemo(() => new Map((people.data ?? []).map((u) => [u.id, u.name])), [people.data]);
  const grid = useRef<DataGridHandle>(null);
  const [editing, setEditing] = useState<ServiceRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ServiceRow | null>(null);
  const shown = useKept(editing);

  const columns = useMemo<ColDef<ServiceRow>[]>(
    () => [
      {
        headerName: t('schedule.colour'),
        field: 'colour',
        width: 80,
        cellRenderer: (p: { value: string }) => <span className={classes.swatch} style={{ background: p.value }} aria-label={p.value} />,
      },
      { headerName: t('schedule.name'), field: 'name', flex: 2, minWidth: 200, sortable: true },
      { headerName: t('schedule.duration'), field: 'durationMin', width: 130, sortable: true, type: 'rightAligned' },
      { headerName: t('schedule.price'), field: 'priceMinor', width: 130, sortable: true, type: 'rightAligned', valueFormatter: (p) => (p.data ? formatMoney(p.data.priceMinor, p.data.currency, fmt.locale) : '') },
      {
        headerName: t('schedule.performers'),
        colId: 'performers',
        flex: 3,
        minWidth: 200,
        valueGetter: (p) => (p.data ? (p.data.performerIds.length ? p.data.performerIds.map((id) => nameOf.get(id) ?? '?').join(', ') : t('schedule.anyone')) : ''),
      },
      { headerName: t('schedule.active'), field: 'active', width: 90, valueFormatter: (p) => (p.value ? t('common.yes') : t('common.no')) },
    ],
    [t, fmt, nameOf],
  );

  // The grid pages through the list already read; a push event or a new filter reads it again.
  const rows = services.data;
  const fetchPage = async (req: PageRequest) => {
    const list = [...(rows ?? [])];
    const key = req.sort?.colId as SortKey | undefined;
    if (key) {
      list.sort((a, b) => (key === 'name' ? a.name.localeCompare(b.name, fmt.locale) : a[key] - b[key]));
      if (req.sort!.sort === 'desc') list.reverse();
    }
    return { rows: list.slice(req.offset, req.offset + req.limit), total: list.length };
  };
  const refresh = () => void services.refetch();
  const add = canEdit && branch ? () => setEditing('new') : undefined;
  const selected = () => grid.current?.selected<ServiceRow>();

  return (
    <div className="planora-page" data-testid="services-screen">
      <ScreenHeader title={t('schedule.servicesTitle')}>
        {picker}
        <Checkbox label={t('schedule.showInactive')} checked={inactive} onChange={(e) => setInactive(e.currentTarget.checked)} data-testid="services-inactive" />
        {canEdit && <KeyButton label={t('common.add')} keys="Ins" onClick={add} data-testid="services-add" />}
        {canEdit && <KeyButton label={t('common.edit')} keys="Enter" onClick={() => { const s = selected(); if (s) setEditing(s); }} data-testid="services-edit" />}
        {canEdit && <KeyButton label={t('common.delete')} keys="Del" onClick={() => { const s = selected(); if (s) setDeleting(s); }} data-testid="services-delete" />}
        <KeyButton label={t('common.refresh')} keys="F5" onClick={refresh} />
      </ScreenHeader>
      {!canEdit && (
        <Alert p="xs" color="gray" data-testid="services-read-only">
          {t('schedule.servicesReadOnly')}
        </Alert>
      )}
      <ErrorBanner message={services.error ? errorText(t, services.error) : null} onClose={refresh} />
      <div className="planora-grow">
        <DataGrid<ServiceRow>
          ref={grid}
          gridId="services"
          columns={columns}
          fetchPage={fetchPage}
          queryKey={`${branch?.id}|${inactive}|${services.dataUpdatedAt}|${people.dataUpdatedAt}`}
          getRowId={(r) => r.id}
          onOpen={canEdit ? (r) => setEditing(r) : undefined}
          onInsert={add}
          onDelete={canEdit ? (r) => setDeleting(r) : undefined}
        />
      </div>
      {canEdit && (
        <Text size="xs" c="dimmed">
          {t('schedule.servicesKeys')}
        </Text>
      )}
      {branch && <ServiceDialog opened={editing !== null} service={shown === 'new' ? null : shown} branch={branch} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('schedule.deleteTitle')}
        message={t('schedule.deleteService', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        testId="service-delete-confirm"
        onConfirm={() => (deleting ? call('services.delete', { id: deleting.id }) : undefined)}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}
