import { errorText } from '../../app/errors';
import { useState } from 'react';
import { Button, Menu, Text, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnState } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { GRID_COLUMNS, type GridColumn, type GridFilters, type GroupLevel, type SortField } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { cleanFilters, validLevels } from './model';
import { SaveViewDialog } from './SaveViewDialog';

import type { SavedView } from './model';

export type { SavedView };

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

/**
 * Named views (the person's own or shared) and the Favorites star: the current view is starred for quick access,
 * starred views come first. Given as pieces, so the toolbar can show them in its row or fold them into "More"; the
 * save dialog is one, wherever it was asked from.
 */
export function useViewsMenu(p: { current: SavedView | null; config(): string; onApply(v: SavedView): void; onError(text: string): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const views = useViews();
  const [saving, setSaving] = useState(false);
  const list = (views.data ?? []).filter((v) => v.kind === 'view').sort((a, b) => Number(b.favorite) - Number(a.favorite) || a.name.localeCompare(b.name));
  const current = p.current ? (views.data ?? []).find((v) => v.id === p.current!.id) ?? p.current : null;
  // A star here is also one of the person's favorites (My page, the navigation).
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['interventions.views'] }), qc.invalidateQueries({ queryKey: ['favorites.list'] })]);

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

  const entries = (
    <>
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
    </>
  );

  return {
    label: current ? current.name : t('interventions.views.title'),
    entries,
    star: {
      run: () => (current ? void star(current) : setSaving(true)),
      on: !!current?.favorite,
      label: t('interventions.toolbar.favorites'),
      hint: current ? t(current.favorite ? 'interventions.views.unstar' : 'interventions.views.star') : t('interventions.views.starHint'),
    },
    dialog: <SaveViewDialog opened={saving} kind="view" config={p.config} onClose={() => setSaving(false)} onSaved={(v) => void refresh().then(() => p.onApply(v))} />,
  };
}

type ViewsMenuParts = ReturnType<typeof useViewsMenu>;


/** The star of the current view: its favorite, or (no view yet) the way to save one. */
export function FavoriteToggle(p: { star: ViewsMenuParts['star'] }) {
  return (
    <Tooltip label={p.star.hint}>
      <Button
        variant="default"
        onClick={p.star.run}
        leftSection={<span style={{ color: p.star.on ? 'var(--mantine-color-yellow-7)' : undefined }}>{p.star.on ? '★' : '☆'}</span>}
        data-testid="favorite-toggle"
        data-favorite={p.star.on || undefined}
      >
        {p.star.label}
      </Button>
    </Tooltip>
  );
}
