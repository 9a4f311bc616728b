import { errorText } from '../../app/errors';
import { useEffect, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnState } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { GRID_COLUMNS, type GridColumn, type GridFilters, type GroupLevel, type SortField } from '../../../shared/api/interventions';
import type { Output } from '../../../shared/api';
import { call } from '../../app/api';
import { useCan } from '../../app/session';
import { cleanFilters, validLevels } from './model';

export type SavedView = Output<'views.list'>[number];

/** What a saved view or custom report keeps: columns (order, width, pinning, visibility), filters, grouping and sort. */
export interface ViewConfig {
  v: 1;
  columns: ColumnState[];
  filters: GridFilters;
  groupBy: GroupLevel[];
  sort?: { sort?: SortField; desc?: boolean };
}

export function parseConfig(s: string): ViewConfig | null {
  try {
    const c = JSON.parse(s) as Partial<ViewConfig>;
    if (!c || typeof c !== 'object') return null;
    return {
      v: 1,
      columns: Array.isArray(c.columns) ? c.columns.filter((x) => x && typeof x.colId === 'string') : [],
      filters: c.filters && typeof c.filters === 'object' ? cleanFilters(c.filters) : {},
      groupBy: validLevels(c.groupBy),
      sort: c.sort,
    };
  } catch {
    return null;
  }
}

/** The data columns a config shows, in order (what its printout lists). */
export function shownColumnsOf(c: ViewConfig): GridColumn[] {
  return c.columns.filter((s) => !s.hide && (GRID_COLUMNS as readonly string[]).includes(s.colId)).map((s) => s.colId as GridColumn);
}

export function useViews() {
  return useQuery({ queryKey: ['interventions.views', 'list'], queryFn: () => call('views.list', { module: 'interventions' }), staleTime: 30_000 });
}

function SaveDialog(p: { opened: boolean; kind: 'view' | 'report'; initialName?: string; config: () => string; onClose(): void; onSaved(v: SavedView): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(p.kind === 'report');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (p.opened) {
      setName(p.initialName ?? '');
      setShared(p.kind === 'report');
      setFailure(null);
    }
  }, [p.opened, p.initialName, p.kind]);
  const save = async () => {
    if (!name.trim()) return setFailure(t('errors.required'));
    setBusy(true);
    try {
      const v = await call('views.save', { module: 'interventions', kind: p.kind, name: name.trim(), shared, config: p.config() });
      p.onSaved(v);
      p.onClose();
    } catch (e) {
      setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={t(p.kind === 'view' ? 'interventions.views.saveTitle' : 'interventions.reports.saveTitle')} size="sm" zIndex={350}>
      <Stack gap="xs" data-testid={`save-${p.kind}-dialog`}>
        <Text size="xs" c="dimmed">
          {t('interventions.views.saveHint')}
        </Text>
        <TextInput
          label={t('fields.name')}
          data-autofocus
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            }
          }}
          data-testid={`save-${p.kind}-name`}
        />
        <Checkbox label={t('interventions.views.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} disabled={!can('interventions', 'write')} />
        {failure && (
          <Alert color="red" p="xs">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={busy} data-testid={`save-${p.kind}-ok`}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * Named views (the person's own or shared) and the Favorites star: the current view is starred for quick access,
 * starred views come first.
 */
export function ViewsMenu(p: { current: SavedView | null; config(): string; onApply(v: SavedView): void; onError(text: string): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const views = useViews();
  const [saving, setSaving] = useState(false);
  const list = (views.data ?? []).filter((v) => v.kind === 'view').sort((a, b) => Number(b.favorite) - Number(a.favorite) || a.name.localeCompare(b.name));
  const current = p.current ? (views.data ?? []).find((v) => v.id === p.current!.id) ?? p.current : null;
  const refresh = () => qc.invalidateQueries({ queryKey: ['interventions.views'] });

  const star = async (v: SavedView) => {
    try {
      await call('views.setFavorite', { id: v.id, favorite: !v.favorite });
      await refresh();
    } catch (e) {
      p.onError(errorText(t, e));
    }
  };
  const remove = async (v: SavedView) => {
    try {
      await call('views.delete', { id: v.id });
      await refresh();
    } catch (e) {
      p.onError(errorText(t, e));
    }
  };

  return (
    <>
      <Group gap={0} wrap="nowrap">
        <Menu position="bottom-start" zIndex={400} shadow="md" width={280}>
          <Menu.Target>
            <Button variant="default" data-testid="views-menu" rightSection="▾" style={{ maxWidth: 200 }}>
              <Text size="xs" truncate>
                {current ? current.name : t('interventions.views.title')}
              </Text>
            </Button>
          </Menu.Target>
          <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
            {list.length === 0 && <Menu.Label>{t('interventions.views.none')}</Menu.Label>}
            {list.map((v) => (
              <Menu.Item
                key={v.id}
                onClick={() => p.onApply(v)}
                leftSection={v.favorite ? '★' : '☆'}
                rightSection={v.shared ? <Text size="xs" c="dimmed">{t('interventions.views.sharedShort')}</Text> : undefined}
                data-testid="view-item"
              >
                {v.name}
              </Menu.Item>
            ))}
            <Menu.Divider />
            <Menu.Item onClick={() => setSaving(true)} data-testid="view-save">
              {t('interventions.views.saveAs')}
            </Menu.Item>
            {current?.mine && (
              <Menu.Item color="red" onClick={() => void remove(current)}>
                {t('interventions.views.delete', { name: current.name })}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
        <Tooltip label={current ? t(current.favorite ? 'interventions.views.unstar' : 'interventions.views.star') : t('interventions.views.starHint')}>
          <ActionIcon
            variant="default"
            size={26}
            onClick={() => (current ? void star(current) : setSaving(true))}
            aria-label={t('interventions.toolbar.favorites')}
            data-testid="favorite-toggle"
            data-favorite={current?.favorite || undefined}
            c={current?.favorite ? 'yellow.7' : undefined}
          >
            {current?.favorite ? '★' : '☆'}
          </ActionIcon>
        </Tooltip>
      </Group>
      <SaveDialog opened={saving} kind="view" config={p.config} onClose={() => setSaving(false)} onSaved={(v) => void refresh().then(() => p.onApply(v))} />
    </>
  );
}

/** Custom reports: the current grid saved under a name (shared by default); open one to see it, or print it. */
export function ReportsMenu(p: { config(): string; onOpen(v: SavedView): void; onPrint(v: SavedView): void; children?: ReactNode }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const views = useViews();
  const [saving, setSaving] = useState(false);
  const reports = (views.data ?? []).filter((v) => v.kind === 'report').sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <Menu position="bottom-start" zIndex={400} shadow="md" width={p.children ? 460 : 320}>
        <Menu.Target>
          <Button variant="default" data-testid="reports-menu" rightSection="▾">
            {t('interventions.toolbar.customReports')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }}>
          {p.children}
          {reports.length === 0 && <Menu.Label>{t('interventions.reports.none')}</Menu.Label>}
          {reports.map((r) => (
            <Group key={r.id} gap={4} wrap="nowrap" px={6} py={2} data-testid="report-item">
              <Text size="xs" style={{ flex: 1 }} truncate>
                {r.name}
              </Text>
              <Button size="compact-xs" variant="subtle" onClick={() => p.onOpen(r)}>
                {t('common.open')}
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => p.onPrint(r)}>
                {t('interventions.actions.print')}
              </Button>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setSaving(true)} data-testid="report-save">
            {t('interventions.reports.saveCurrent')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SaveDialog opened={saving} kind="report" config={p.config} onClose={() => setSaving(false)} onSaved={() => void qc.invalidateQueries({ queryKey: ['interventions.views'] })} />
    </>
  );
}
