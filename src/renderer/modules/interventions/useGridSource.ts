/**
 * The interventions grid's rows, read page by page from main for ag-grid's Infinite Row Model. Grouping is a
 * flattened virtual list (groupModel.ts): header rows are full-width rows, an expanded last-level group's rows are
 * read with `interventions.list` inside that group's path, and expanding or collapsing recomputes the row count.
 * The model lives in refs: ag-grid asks for rows whenever it likes, and must see the latest layout.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { GridApi, IDatasource } from 'ag-grid-community';
import type { GridFilters, GridScope, GroupLevel } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { sortOf, type VRowData } from './columns';
import { gridSortItem } from './gridRows';
import { flatLayout, groupedLayout, pathKey, planRange, pruneExpanded, type GapRowData, type GroupInfo, type GroupRowData, type Layout } from './groupModel';
import type { GroupKey } from './model';

export interface GridSourceOptions {
  api(): GridApi<VRowData> | undefined;
  filters: GridFilters;
  /** Grouping shown inside the grid as header rows (empty: a flat list). */
  levels: GroupLevel[];
  /** The group tree's selection: the grid lists that group's rows only (flat). */
  treeScope?: { levels: GroupLevel[]; path: GroupKey[] } | null;
  onTotal(total: number | null): void;
  /** A page has arrived (the focus asked for may now land on it). */
  onPage(total: number): void;
}

export function useGridSource(o: GridSourceOptions) {
  const grouped = o.levels.length > 0 && !o.treeScope;
  const levels = o.treeScope ? o.treeScope.levels : o.levels;
  const scopeKey = JSON.stringify({ f: o.filters, l: levels, p: o.treeScope?.path ?? [], g: grouped });
  const levelsKey = JSON.stringify(o.levels);

  const latest = useRef(o);
  const layoutRef = useRef<Layout>(flatLayout(0));
  const topRef = useRef<GroupInfo[]>([]);
  const childrenRef = useRef(new Map<string, GroupInfo[]>());
  const expandedRef = useRef(new Set<string>());
  const generation = useRef(0);
  const ready = useRef(false);
  useLayoutEffect(() => {
    latest.current = o;
  });

  /** The scope of a group's rows (`path` below the tree's selection); a flat list's when there is no grouping. */
  const scopeFor = useCallback((path: GroupKey[]): GridScope => {
    const { filters, treeScope, levels: shown } = latest.current;
    const lv = treeScope ? treeScope.levels : shown;
    return lv.length ? { filters, groupBy: lv, groupPath: [...(treeScope?.path ?? []), ...path] } : { filters };
  }, []);

  /** Reads the groups (top, and below every expanded one) or the count, and lays the virtual list out. */
  const loadLayout = useCallback(async (): Promise<Layout> => {
    const { treeScope, levels: lv, api } = latest.current;
    if (!(lv.length > 0 && !treeScope)) {
      // With the grid's sort, main prepares the ordered rows while counting: any page, even far down, is then a slice.
      const { total } = await call('interventions.count', { scope: scopeFor([]), ...sortOf(gridSortItem(api()?.getColumnState() ?? [])) });
      return flatLayout(total);
    }
    const top = await call('interventions.groups', { scope: scopeFor([]) });
    const children = new Map<string, GroupInfo[]>();
    let frontier: GroupKey[][] = top.filter((g) => lv.length > 1 && expandedRef.current.has(pathKey([g.key]))).map((g) => [g.key]);
    while (frontier.length) {
      const loaded = await Promise.all(frontier.map((p) => call('interventions.groups', { scope: scopeFor(p) }).then((gs) => [p, gs] as const)));
      const next: GroupKey[][] = [];
      for (const [p, gs] of loaded) {
        children.set(pathKey(p), gs);
        if (p.length + 1 < lv.length) for (const g of gs) if (expandedRef.current.has(pathKey([...p, g.key]))) next.push([...p, g.key]);
      }
      frontier = next;
    }
    topRef.current = top;
    childrenRef.current = children;
    expandedRef.current = pruneExpanded(expandedRef.current, groupedLayout(lv, top, children, expandedRef.current));
    return groupedLayout(lv, top, children, expandedRef.current);
  }, [scopeFor]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const layout = layoutRef.current;
        const sort = sortOf(params.sortModel[0]);
        Promise.all(
          planRange(layout, params.startRow, params.endRow).map(async (part): Promise<VRowData[]> => {
            if ('header' in part) return [part.header];
            const { rows } = await call('interventions.list', { scope: scopeFor(part.path), ...sort, offset: part.offset, limit: part.limit });
            const out: VRowData[] = rows;
            for (let i = rows.length; i < part.limit; i++) out.push({ kind: 'gap', id: `gap:${pathKey(part.path)}:${part.offset + i}` } satisfies GapRowData);
            return out;
          }),
        )
          .then((chunks) => {
            const api = latest.current.api();
            if (!api || api.isDestroyed()) return;
            params.successCallback(chunks.flat(), layout.total);
            if (layout.total === 0) api.showNoRowsOverlay();
            else api.hideOverlay();
            latest.current.onPage(layout.total);
          })
          .catch(() => params.failCallback());
      },
    }),
    [scopeFor],
  );

  const applyLayout = useCallback(
    (layout: Layout, mode: 'reset' | 'refresh') => {
      layoutRef.current = layout;
      ready.current = true;
      latest.current.onTotal(layout.leafTotal);
      const api = latest.current.api();
      if (!api || api.isDestroyed()) return;
      if (mode === 'reset') api.setGridOption('datasource', datasource);
      else {
        api.setRowCount(layout.total, true);
        api.refreshInfiniteCache();
      }
      if (layout.total === 0) api.showNoRowsOverlay();
      else api.hideOverlay();
    },
    [datasource],
  );

  const resetPending = useRef(false);
  const reload = useCallback(
    async (asked: 'reset' | 'refresh') => {
      const gen = ++generation.current;
      // A refresh that overtakes a reset still in flight must reset: the reset it cancels may be the one that gives
      // the grid its datasource (a change pushed while the screen was opening).
      if (asked === 'reset') resetPending.current = true;
      const mode = resetPending.current ? 'reset' : asked;
      if (mode === 'reset') latest.current.onTotal(null);
      try {
        const layout = await loadLayout();
        if (gen !== generation.current) return;
        if (mode === 'reset') resetPending.current = false;
        applyLayout(layout, mode);
      } catch {
        const api = latest.current.api();
        if (gen === generation.current && api && !api.isDestroyed()) api.showNoRowsOverlay();
      }
    },
    [loadLayout, applyLayout],
  );

  // `interventions.changed` from main (any window, any user) invalidates this query; each new answer refreshes in place.
  const changes = useQuery({ queryKey: ['interventions.grid-refresh'], queryFn: async () => Date.now(), staleTime: Infinity });
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (seen.current !== undefined && changes.data !== seen.current) void reload('refresh');
    seen.current = changes.data;
  }, [changes.data, reload]);

  // New grouping levels: groups start collapsed.
  useEffect(() => {
    expandedRef.current = new Set();
    childrenRef.current = new Map();
  }, [levelsKey]);

  // A new scope (filters, grouping, tree node): from the first row again; expanded groups that still exist stay open.
  useEffect(() => {
    void reload('reset');
  }, [scopeKey, reload]);

  const relayout = useCallback(() => applyLayout(groupedLayout(latest.current.levels, topRef.current, childrenRef.current, expandedRef.current), 'refresh'), [applyLayout]);

  /** Opens or closes one group; its subgroups are read when it opens. False when it did not change (a later change won). */
  const toggle = useCallback(
    async (row: GroupRowData): Promise<boolean> => {
      const k = pathKey(row.path);
      const gen = ++generation.current;
      if (expandedRef.current.has(k)) expandedRef.current.delete(k);
      else {
        if (row.path.length < latest.current.levels.length) {
          try {
            childrenRef.current.set(k, await call('interventions.groups', { scope: scopeFor(row.path) }));
          } catch {
            return false;
          }
        }
        expandedRef.current.add(k);
      }
      if (gen !== generation.current) return false;
      relayout();
      return true;
    },
    [relayout, scopeFor],
  );

  return {
    grouped,
    layout: () => layoutRef.current,
    isExpanded: (path: GroupKey[]) => expandedRef.current.has(pathKey(path)),
    /** ag-grid is ready: it gets the rows once their layout is known. */
    attach: (api: GridApi<VRowData>) => ready.current && api.setGridOption('datasource', datasource),
    reload,
    toggle,
    collapseAll: () => {
      expandedRef.current = new Set();
      relayout();
    },
    expandAll: () => {
      // Top level only: expanding every group of every level could mean thousands of reads.
      for (const g of topRef.current) expandedRef.current.add(pathKey([g.key]));
      void reload('refresh');
    },
  };
}
