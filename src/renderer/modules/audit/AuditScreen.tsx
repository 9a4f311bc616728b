import { useMemo, useRef, useState } from 'react';
import { Button, Group, SegmentedControl, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_LEVELS, type AuditAction, type AuditLevel, type AuditRow } from '../../../shared/api/admin';
import { MODULES, type Module } from '../../../shared/permissions';
import { call } from '../../app/api';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../app/apiQuery';
import { errorText } from '../../app/errors';
import { useFormat } from '../../app/format';
import { useCan } from '../../app/session';
import { DataGrid, type DataGridHandle, type PageRequest } from '../../components/DataGrid';
import { ErrorBanner, KeyButton, ScreenHeader } from '../../components/screen';
import { EntryPanel } from './EntryPanel';

interface Filters {
  /** YYYY-MM-DD as typed, read as local days. */
  from: string;
  to: string;
  userId: string | null;
  module: Module | null;
  action: AuditAction | null;
}
const NO_FILTERS: Filters = { from: '', to: '', userId: null, module: null, action: null };

/** A local calendar day → the UTC instant it starts at; `nextDay` gives the exclusive end of the day. */
function dayStart(day: string, nextDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (nextDay) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function AuditScreen() {
  const { t } = useTranslation();
  const can = useCan();
  const canApprove = can('audit', 'approve');
  const [tab, setTab] = useState<string | null>('log');

  return (
    <div className="planora-page" data-testid="audit-screen">
      <ScreenHeader title={t('audit.title')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        <Tabs.List>
          <Tabs.Tab value="log" data-testid="audit-tab-log">
            {t('audit.entries')}
          </Tabs.Tab>
          {canApprove && (
            <Tabs.Tab value="levels" data-testid="audit-tab-levels">
              {t('audit.levels')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="log" pt={6} style={{ flex: 1, minHeight: 0 }}>
          <AuditLog />
        </Tabs.Panel>
        {canApprove && (
          <Tabs.Panel value="levels" pt={6} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <AuditLevels />
          </Tabs.Panel>
        )}
      </Tabs>
    </div>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const grid = useRef<DataGridHandle>(null);
  const listening = useRef(false);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [total, setTotal] = useState<number | null>(null);
  const [entry, setEntry] = useState<AuditRow | null>(null);
  const users = useApiQuery('users.directory', { includeInactive: true });
  const branches = useApiQuery('branches.list', {});
  const userName = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const branchName = useMemo(() => new Map((branches.data ?? []).map((b) => [b.id, b.name])), [branches.data]);

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));
  const input = {
    from: dayStart(filters.from),
    to: dayStart(filters.to, true),
    userId: filters.userId ?? undefined,
    module: filters.module ?? undefined,
    action: filters.action ?? undefined,
  };
  const queryKey = JSON.stringify(input);

  const { moduleText, entityText, actionText } = useMemo(
    () => ({
      moduleText: (m: string) => t(`modules.${m}`, { defaultValue: m }),
      entityText: (e: string) => t(`audit.entities.${e}`, { defaultValue: e }),
      actionText: (a: string) => t(`audit.actions.${a}`, { defaultValue: a }),
    }),
    [t],
  );

  const columns = useMemo<ColDef<AuditRow>[]>(
    () => [
      { colId: 'at', headerName: t('audit.at'), field: 'at', width: 125, valueFormatter: (p) => fmt.dateTime(p.value as string) },
      { colId: 'user', headerName: t('fields.userId'), field: 'userName', width: 150, valueFormatter: (p) => (p.value as string | null) ?? t('audit.system') },
      { colId: 'module', headerName: t('fields.module'), field: 'module', width: 125, valueFormatter: (p) => moduleText(p.value as string) },
      { colId: 'entity', headerName: t('audit.entity'), field: 'entity', width: 125, valueFormatter: (p) => entityText(p.value as string) },
      { colId: 'action', headerName: t('fields.action'), field: 'action', width: 95, valueFormatter: (p) => actionText(p.value as string) },
      { colId: 'summary', headerName: t('audit.summary'), field: 'summary', flex: 1, minWidth: 180 },
    ],
    [t, fmt, moduleText, entityText, actionText],
  );

  /** Follows the grid's focused row (click or arrow keys) into the side panel. */
  const listen = () => {
    const api = grid.current?.api();
    if (!api || listening.current) return;
    listening.current = true;
    const show = () => {
      const cell = api.getFocusedCell();
      const row = cell ? (api.getDisplayedRowAtIndex(cell.rowIndex)?.data as AuditRow | undefined) : undefined;
      const sel = api.getSelectedRows()[0] as AuditRow | undefined;
      setEntry(row ?? sel ?? null);
    };
    api.addEventListener('cellFocused', show);
    api.addEventListener('selectionChanged', () => {
      const sel = api.getSelectedRows()[0] as AuditRow | undefined;
      if (sel) setEntry(sel);
    });
  };

  const fetchPage = async (req: PageRequest) => {
    listen();
    return call('audit.list', { ...input, offset: req.offset, limit: req.limit });
  };

  const userOptions = (users.data ?? []).map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (${t('users.inactive')})` }));
  const moduleOptions = MODULES.map((m) => ({ value: m, label: moduleText(m) }));
  const actionOptions = AUDIT_ACTIONS.map((a) => ({ value: a, label: actionText(a) }));

  return (
    <Stack gap={6} h="100%">
      <Group gap="xs" align="flex-end" wrap="wrap" data-testid="audit-filters">
        <TextInput type="date" label={t('fields.from')} value={filters.from} onChange={(e) => set('from', e.currentTarget.value)} w={140} data-testid="audit-from" />
        <TextInput type="date" label={t('fields.to')} value={filters.to} onChange={(e) => set('to', e.currentTarget.value)} w={140} data-testid="audit-to" />
        <Select label={t('fields.userId')} data={userOptions} value={filters.userId} onChange={(v) => set('userId', v)} searchable clearable w={200} placeholder={t('common.all')} data-testid="audit-user" />
        <Select
          label={t('fields.module')}
          data={moduleOptions}
          value={filters.module}
          onChange={(v) => set('module', v as Module | null)}
          clearable
          w={170}
          placeholder={t('common.all')}
          data-testid="audit-module"
        />
        <Select
          label={t('fields.action')}
          data={actionOptions}
          value={filters.action}
          onChange={(v) => set('action', v as AuditAction | null)}
          clearable
          w={140}
          placeholder={t('common.all')}
          data-testid="audit-action"
        />
        <Button variant="subtle" onClick={() => setFilters(NO_FILTERS)} disabled={queryKey === JSON.stringify({})} data-testid="audit-clear">
          {t('audit.clearFilters')}
        </Button>
        <KeyButton label={t('common.refresh')} keys="F5" onClick={() => grid.current?.refresh()} />
        {total !== null && (
          <Text size="xs" c="dimmed" ml="auto" data-testid="audit-total">
            {t('common.rows', { count: total })}
          </Text>
        )}
      </Group>
      <Group gap={6} align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <DataGrid<AuditRow>
            ref={grid}
            gridId="audit"
            columns={columns}
            queryKey={queryKey}
            fetchPage={fetchPage}
            getRowId={(r) => r.id}
            onOpen={(r) => setEntry(r)}
            onTotal={setTotal}
          />
        </div>
        <EntryPanel entry={entry} userName={userName} branchName={branchName} moduleText={moduleText} entityText={entityText} actionText={actionText} />
      </Group>
    </Stack>
  );
}

function AuditLevels() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const levels = useApiQuery('audit.levels', {});
  const setLevel = useApiMutation('audit.setLevel', {
    onSuccess: (_, { module, level }) => qc.setQueryData(apiQueryKey('audit.levels', {}), (old: Record<string, AuditLevel> | undefined) => ({ ...(old ?? {}), [module]: level })),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['audit.levels'] }),
  });
  const saving: Module | null = setLevel.isPending ? setLevel.variables.module : null;
  const failure = setLevel.error ? errorText(t, setLevel.error) : null;

  return (
    <Stack gap={6} maw={560}>
      <Text size="sm" c="dimmed">
        {t('audit.levelsHint')}
      </Text>
      <ErrorBanner message={failure ?? (levels.error ? errorText(t, levels.error) : null)} onClose={() => setLevel.reset()} />
      <Table withTableBorder striped verticalSpacing={3} horizontalSpacing={8} fz="sm" data-testid="audit-levels">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220}>{t('fields.module')}</Table.Th>
            <Table.Th>{t('fields.level')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {MODULES.map((m) => (
            <Table.Tr key={m}>
              <Table.Td>{t(`modules.${m}`)}</Table.Td>
              <Table.Td>
                <SegmentedControl
                  size="xs"
                  aria-label={t(`modules.${m}`)}
                  data={AUDIT_LEVELS.map((l) => ({ value: l, label: t(`audit.level.${l}`) }))}
                  value={levels.data?.[m] ?? ''}
                  onChange={(v) => setLevel.mutate({ module: m, level: v as AuditLevel })}
                  disabled={!levels.data || saving === m}
                  data-testid={`audit-level-${m}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={2}>
        {AUDIT_LEVELS.map((l) => (
          <Text size="xs" c="dimmed" key={l}>
            <b>{t(`audit.level.${l}`)}</b> — {t(`audit.levelInfo.${l}`)}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}
