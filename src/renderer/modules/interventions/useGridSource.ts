/**
 * The interventions grid's rows, read page by page from main for ag-grid's Infinite Row Model. Grouping is a
 * flattened virtual list (groupModel.ts): header rows are full-width rows, an expanded last-level group's rows are
 * read with `interventions.list` inside that group's path, and expanding or collapsing recomputes the row count.
 * The model lives in refs: ag-grid asks for rows whenever it likes, and must see the latest layout.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { GridApi, IDatasource } from 'ag-grid-community';
import type { GridFilters, GridRow, GridScope, GroupLevel, SortField } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { sortOf, type VRowData } from './columns';
import { gridSortItem } from './gridRows';
import { flatLayout, groupedLayout, pathKey, planRange, pruneExpanded, type GapRowData, type GroupInfo, type GroupRowData, type Layout } from './groupModel';
import type { GroupKey } from './model';
import { RowWindows } from './rowWindows';
import { aheadOf, blocksAtScroll, screenSpan, shown } from './readAhead';

/** Rows per block of ag-grid's cache, and per read (the first one rides with the count). */
export const BLOCK = 100;

/** One stream per group path and order; main reads no sort as the newest first. */
function streamOf(scope: GridScope, order: { sort?: SortField; desc?: boolean }): string {
  return JSON.stringify([scope, order.sort ?? 'docDate', order.desc ?? true]);
}

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

/**
 * The blocks below and above the one just drawn, read into the page and then into ag-grid's own cache, so Page Down /
 * Up and a short scroll land on rows already there instead of on loading rows.
 */
function readAhead(windows: RowWindows<GridRow>, api: GridApi<VRowData>, stream: string, start: number, end: number, total: number): void {
  // Asking ag-grid for a row of a block it lacks makes it load that block (from the page's rows, at once).
  const warm = (at: number) => !api.isDestroyed() && api.getDisplayedRowAtIndex(at);
  for (const b of aheadOf(start, end, total, BLOCK)) {
    if (windows.peek(stream, b.offset, b.limit)) setTimeout(() => warm(b.offset), 0);
    else if (!windows.covered(stream, b.offset, b.limit))
      windows.read(stream, b.offset, b.limit).then(
        () => warm(b.offset),
        () => undefined, // read again when ag-grid asks for it
      );
  }
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
  const windows = useMemo(
    () => new RowWindows<GridRow>(async (stream, offset, limit) => {
      const [scope, sort, desc] = JSON.parse(stream) as [GridScope, SortField, boolean];
      return (await call('interventions.list', { scope, sort, desc, offset, limit })).rows;
    }),
    [],
  );
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
      // The first page rides along: the screen's rows need no second round trip.
      const scope = scopeFor([]);
      const order = sortOf(gridSortItem(api()?.getColumnState() ?? []));
      const { total, rows } = await call('interventions.count', { scope, ...order, first: BLOCK });
      if (rows) windows.put(streamOf(scope, order), 0, rows);
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
  }, [scopeFor, windows]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const layout = layoutRef.current;
        const sort = sortOf(params.sortModel[0]);
        const api = latest.current.api();
        const flat = layout.segments.length === 1 && !!layout.segments[0]!.leaves;
        // The screen straddling this block and its neighbour: both read in one round trip and drawn together.
        const wide = flat && api ? screenSpan(params.startRow, params.endRow, api.getFirstDisplayedRowIndex(), api.getLastDisplayedRowIndex(), layout.total, BLOCK) : undefined;
        const parts = planRange(layout, params.startRow, params.endRow);
        const done = (chunks: VRowData[][]) => {
          const a = latest.current.api();
          if (!a || a.isDestroyed()) return;
          params.successCallback(chunks.flat(), layout.total);
          if (layout.total === 0) a.showNoRowsOverlay();
          else a.hideOverlay();
          latest.current.onPage(layout.total);
          // Only from a block on screen: a block read ahead does not read further ahead itself.
          if (flat && layout === layoutRef.current && shown(params.startRow, params.endRow, a.getFirstDisplayedRowIndex(), a.getLastDisplayedRowIndex())) readAhead(windows, a, streamOf(scopeFor([]), sort), params.startRow, params.endRow, layout.total);
        };
        // Rows already in the page (the first page that came with the count, a block read ahead) are handed over in
        // this very call: the grid draws them in its current frame instead of after a promise and another frame.
        const held = parts.map((part): VRowData[] | null => ('header' in part ? [part.header] : windows.peek(streamOf(scopeFor(part.path), sort), part.offset, part.limit)));
        if (held.every((c): c is VRowData[] => c !== null)) return done(held);
        Promise.all(
          parts.map(async (part): Promise<VRowData[]> => {
            if ('header' in part) return [part.header];
            const rows = await windows.read(streamOf(scopeFor(part.path), sort), part.offset, part.limit, wide);
            const out: VRowData[] = rows.slice();
            for (let i = rows.length; i < part.limit; i++) out.push({ kind: 'gap', id: `gap:${pathKey(part.path)}:${part.offset + i}` } satisfies GapRowData);
            return out;
          }),
        )
          .then(done)
          .catch(() => params.failCallback());
      },
    }),
    [scopeFor, windows],
  );

  const applyLayout = useCallback(
    (layout: Layout, mode: 'reset' | 'refresh') => {
      layoutRef.current = layout;
      ready.current = true;
      latest.current.onTotal(layout.leafTotal);
      const api = latest.current.api();
      if (!api || api.isDestroyed()) return;
      if (mode === 'reset') {
        api.setGridOption('datasource', datasource);
        // A new scope is read from its first rows: the old scroll depth means nothing in another result, and staying
        // there read a block deep down after the count had already brought the first page.
        if (layout.total > 0) api.ensureIndexVisible(0, 'top');
      } else {
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
      // A refresh means the data may have changed; a new scope reads other streams anyway.
      windows.clear();
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
    [loadLayout, applyLayout, windows],
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

  /** The flat list's stream, or null while the grid shows groups. */
  const flatStream = (api: GridApi<VRowData>): string | null => {
    const layout = layoutRef.current;
    return layout.segments.length === 1 && layout.segments[0]!.leaves ? streamOf(scopeFor([]), sortOf(gridSortItem(api.getColumnState()))) : null;
  };

  return {
    grouped,
    /** The rendered rows moved (a scroll, Page Down): the blocks around them are made ready. */
    onViewport: (api: GridApi<VRowData>) => {
      const layout = layoutRef.current;
      const first = api.getFirstDisplayedRowIndex();
      const last = api.getLastDisplayedRowIndex();
      const stream = flatStream(api);
      if (!stream || first < 0 || last < first) return;
      // Rows on screen still being read go first; their arrival reads ahead itself.
      if (!windows.peek(stream, first, Math.min(last, layout.total - 1) - first + 1)) return;
      readAhead(windows, api, stream, Math.floor(first / BLOCK) * BLOCK, Math.min(layout.total, (Math.floor(last / BLOCK) + 1) * BLOCK), layout.total);
    },
    /**
     * The grid's viewport scrolled (seen before the grid itself sees it): the rows the new position shows are asked for
     * now, while the grid draws its empty rows, and its own request then joins this one.
     */
    onScroll: (viewport: HTMLElement) => {
      const api = latest.current.api();
      const stream = api && !api.isDestroyed() && ready.current ? flatStream(api) : null;
      if (!api || !stream) return;
      const span = blocksAtScroll(viewport.scrollTop, viewport.scrollHeight, viewport.clientHeight, api.getSizesForCurrentTheme().rowHeight, layoutRef.current.total, BLOCK);
      // A read that fails is read again when the grid asks for those rows.
      if (span && !windows.covered(stream, span.offset, span.limit)) windows.read(stream, span.offset, span.limit).catch(() => undefined);
    },
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
