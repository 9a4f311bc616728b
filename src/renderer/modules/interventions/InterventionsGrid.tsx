import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellKeyDownEvent,
  ColumnState,
  FullWidthCellKeyDownEvent,
  GridApi,
  GridReadyEvent,
  ICellRendererParams,
  IDatasource,
  IRowNode,
  RowClassParams,
  RowClassRules,
} from 'ag-grid-community';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { GridColumn, GridFilters, GridRow, GridScope, GroupLevel } from '../../../shared/api/interventions';
import { GRID_COLUMNS, PRIORITIES, STATUSES } from '../../../shared/api/interventions';
import { call } from '../../app/api';
import { useFormat } from '../../app/format';
import { useSession } from '../../app/session';
import { seesAllBranches } from '../../../shared/permissions';
import { gridTheme } from '../../components/DataGrid';
import { interventionColumns, isLeaf, sortOf, type VRowData } from './columns';
import {
  flatLayout,
  groupedLayout,
  parentHeaderIndex,
  pathKey,
  planRange,
  pruneExpanded,
  segmentAt,
  type GapRowData,
  type GroupInfo,
  type GroupRowData,
  type Layout,
} from './groupModel';
import { groupFieldLabel, groupLabel, MAX_GROUP_LEVELS, type Fmt, type GroupKey } from './model';

export interface InterventionsGridHandle {
  /** F5 / a push event: counts, groups and rows again, keeping scroll, expanded groups and selection. */
  refresh(): void;
  selectedRows(): GridRow[];
  /** The selected rows, or the focused one when nothing is selected. */
  targetRows(): GridRow[];
  /** Into the grid (the focused row, or the first); `afterReload`: once the rows of a scope being read arrive. */
  focus(afterReload?: boolean): void;
  columnState(): ColumnState[];
  applyColumnState(state: ColumnState[] | null): void;
  /** Visible data columns in their displayed order (what exports and reports print). */
  shownColumns(): GridColumn[];
  sort(): { sort?: import('../../../shared/api/interventions').SortField; desc?: boolean };
  setColumnVisible(col: GridColumn, visible: boolean): void;
  setColumnPinned(col: GridColumn, pinned: 'left' | 'right' | null): void;
  fitColumns(): void;
  collapseAll(): void;
  expandAll(): void;
  api(): GridApi<VRowData> | undefined;
}

export interface InterventionsGridProps {
  filters: GridFilters;
  /** Grouping shown inside the grid as header rows (empty: a flat list). */
  levels: GroupLevel[];
  /** The group tree's selection: the grid lists that group's rows only (flat). */
  treeScope?: { levels: GroupLevel[]; path: GroupKey[] } | null;
  autoResize: boolean;
  onOpen(row: GridRow): void;
  onInsert?(): void;
  onDelete?(rows: GridRow[]): void;
  onTotal(total: number | null): void;
  onSelection?(rows: GridRow[]): void;
  /** While a form or dialog is open, Insert and F5 belong to it. */
  suspendKeys?: boolean;
  /** Columns changed by a person (shown, moved, resized, pinned, sorted). */
  onLayoutChanged?(): void;
}

const BLOCK = 100;

export function layoutKey(userId: string): string {
  return `planora.grid.${userId}.interventions`;
}

interface Ctx {
  t: ReturnType<typeof useTranslation>['t'];
  fmt: Fmt;
  toggle(row: GroupRowData, focusIndex?: number): void;
}

/** A group header: the full width of the grid, indented by level, with its count. */
function GroupRow(p: ICellRendererParams<VRowData, unknown, Ctx>) {
  const d = p.data as GroupRowData | undefined;
  if (!d || d.kind !== 'group') return null;
  const { t, fmt, toggle } = p.context;
  return (
    <div
      className="pl-group-row"
      style={{ paddingLeft: 8 + d.depth * 20 }}
      onClick={() => toggle(d, p.node.rowIndex ?? undefined)}
      data-testid="group-row"
      data-group-key={d.key ?? ''}
      data-depth={d.depth}
      data-expanded={d.expanded}
      data-count={d.count}
      role="treeitem"
      aria-expanded={d.expanded}
      aria-level={d.depth + 1}
    >
      <span className="pl-chevron" aria-hidden>
        {d.expanded ? '▾' : '▸'}
      </span>
      <span className="pl-group-field">{groupFieldLabel(t, d.level.field)}:</span>
      <span className="pl-group-label">{groupLabel(t, fmt, d.level, d.key, d.label)}</span>
      <span className="pl-group-count" data-testid="group-count">
        {fmt.number(d.count)}
      </span>
    </div>
  );
}

/**
 * The interventions grid: ag-grid community's Infinite Row Model fed page by page from main. Grouping is a flattened
 * virtual list (see groupModel.ts): header rows are full-width rows, an expanded last-level group's rows are read
 * with `interventions.list` inside that group's path, and expanding or collapsing recomputes the row count.
 */
export const InterventionsGrid = forwardRef<InterventionsGridHandle, InterventionsGridProps>(function InterventionsGrid(props, ref) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { user } = useSession();
  const apiRef = useRef<GridApi<VRowData>>(undefined);
  const propsRef = useRef(props);
  propsRef.current = props;

  // The grid's data model lives in refs: ag-grid asks for rows whenever it likes, and must see the latest layout.
  const layoutRef = useRef<Layout>(flatLayout(0));
  const topRef = useRef<GroupInfo[]>([]);
  const childrenRef = useRef(new Map<string, GroupInfo[]>());
  const expandedRef = useRef(new Set<string>());
  const generation = useRef(0);
  /** Focus asked for while a page is loading (Enter in the search box): given when the rows arrive. */
  const pendingFocus = useRef(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const layoutReady = useRef(false);
  const resetPending = useRef(false);

  const grouped = props.levels.length > 0 && !props.treeScope;
  const levels = props.treeScope ? props.treeScope.levels : props.levels;
  const prefix = props.treeScope?.path ?? [];
  const scopeKey = JSON.stringify({ f: props.filters, l: levels, p: prefix, g: grouped });
  const levelsKey = JSON.stringify(props.levels);

  const scopeFor = useCallback(
    (path: GroupKey[]): GridScope => {
      const full = [...prefix, ...path];
      return levels.length ? { filters: props.filters, groupBy: levels, groupPath: full } : { filters: props.filters };
    },
    [scopeKey],
  );
  const scopeRef = useRef(scopeFor);
  scopeRef.current = scopeFor;

  const ctx = useRef<Ctx>({ t, fmt, toggle: () => undefined }).current;
  ctx.t = t;
  ctx.fmt = fmt;

  /** Reads the groups (top, and below every expanded one) or the count, and lays the virtual list out. */
  const loadLayout = useCallback(async (): Promise<Layout> => {
    const scope = scopeRef.current;
    if (!grouped) {
      // With the grid's sort, main prepares the ordered rows while counting: any page, even far down, is then a slice.
      const { total } = await call('interventions.count', { scope: scope([]), ...sortOf(toSortItem(apiRef.current?.getColumnState() ?? [])) });
      return flatLayout(total);
    }
    const lv = propsRef.current.levels;
    const top = await call('interventions.groups', { scope: scope([]) });
    const children = new Map<string, GroupInfo[]>();
    let frontier: GroupKey[][] = top.filter((g) => lv.length > 1 && expandedRef.current.has(pathKey([g.key]))).map((g) => [g.key]);
    while (frontier.length) {
      const loaded = await Promise.all(frontier.map((p) => call('interventions.groups', { scope: scope(p) }).then((gs) => [p, gs] as const)));
      const next: GroupKey[][] = [];
      for (const [p, gs] of loaded) {
        children.set(pathKey(p), gs);
        if (p.length + 1 < lv.length) for (const g of gs) if (expandedRef.current.has(pathKey([...p, g.key]))) next.push([...p, g.key]);
      }
      frontier = next;
    }
    topRef.current = top;
    childrenRef.current = children;
    const layout = groupedLayout(lv, top, children, expandedRef.current);
    expandedRef.current = pruneExpanded(expandedRef.current, layout);
    return groupedLayout(lv, top, children, expandedRef.current);
  }, [grouped]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const layout = layoutRef.current;
        const scope = scopeRef.current;
        const sort = sortOf(params.sortModel[0]);
        const parts = planRange(layout, params.startRow, params.endRow);
        Promise.all(
          parts.map(async (part): Promise<VRowData[]> => {
            if ('header' in part) return [part.header];
            const { rows } = await call('interventions.list', { scope: scope(part.path), ...sort, offset: part.offset, limit: part.limit });
            const out: VRowData[] = rows;
            for (let i = rows.length; i < part.limit; i++) out.push({ kind: 'gap', id: `gap:${pathKey(part.path)}:${part.offset + i}` } satisfies GapRowData);
            return out;
          }),
        )
          .then((chunks) => {
            const api = apiRef.current;
            if (!api || api.isDestroyed()) return;
            params.successCallback(chunks.flat(), layout.total);
            if (layout.total === 0) api.showNoRowsOverlay();
            else api.hideOverlay();
            // Until the asked-for focus has landed on rows of the new scope, each page that arrives gives it again
            // (an older page may arrive first) — unless the person has moved on to something else.
            if (pendingFocus.current > Date.now() && layout.total > 0) {
              setTimeout(() => {
                const active = document.activeElement;
                const here = !active || active === document.body || !!boxRef.current?.contains(active) || active.getAttribute('data-testid') === 'filter-search';
                if (here && !document.querySelector('.mantine-Drawer-content, .mantine-Modal-content')) focusRow(Math.min(api.getFocusedCell()?.rowIndex ?? 0, layout.total - 1));
              }, 0);
            }
          })
          .catch(() => params.failCallback());
      },
    }),
    [],
  );

  const applyLayout = useCallback(
    (layout: Layout, mode: 'reset' | 'refresh') => {
      layoutRef.current = layout;
      layoutReady.current = true;
      propsRef.current.onTotal(layout.leafTotal);
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return;
      if (mode === 'reset') {
        api.setGridOption('datasource', datasource);
      } else {
        api.setRowCount(layout.total, true);
        api.refreshInfiniteCache();
      }
      if (layout.total === 0) api.showNoRowsOverlay();
      else api.hideOverlay();
    },
    [datasource],
  );

  const reload = useCallback(
    async (asked: 'reset' | 'refresh') => {
      const gen = ++generation.current;
      // A refresh that overtakes a reset still in flight must reset: the reset it cancels may be the one that gives
      // the grid its datasource (a change pushed while the screen was opening).
      if (asked === 'reset') resetPending.current = true;
      const mode = resetPending.current ? 'reset' : asked;
      if (mode === 'reset') propsRef.current.onTotal(null);
      try {
        const layout = await loadLayout();
        if (gen !== generation.current) return;
        if (mode === 'reset') resetPending.current = false;
        applyLayout(layout, mode);
      } catch {
        if (gen === generation.current && apiRef.current && !apiRef.current.isDestroyed()) apiRef.current.showNoRowsOverlay();
      }
    },
    [loadLayout, applyLayout],
  );

  // New grouping levels: groups start collapsed.
  useEffect(() => {
    expandedRef.current = new Set();
    childrenRef.current = new Map();
  }, [levelsKey]);

  // A new scope (filters, grouping, tree node): from the first row again; expanded groups that still exist stay open.
  useEffect(() => {
    void reload('reset');
  }, [scopeKey, reload]);

  /** Opens or closes one group; its subgroups are read when it opens. */
  const toggle = useCallback(
    async (row: GroupRowData, focusIndex?: number) => {
      const k = pathKey(row.path);
      const lv = propsRef.current.levels;
      const gen = ++generation.current;
      if (expandedRef.current.has(k)) {
        expandedRef.current.delete(k);
      } else {
        if (row.path.length < lv.length) {
          try {
            const gs = await call('interventions.groups', { scope: scopeRef.current(row.path) });
            childrenRef.current.set(k, gs);
          } catch {
            return;
          }
        }
        expandedRef.current.add(k);
      }
      if (gen !== generation.current) return;
      applyLayout(groupedLayout(lv, topRef.current, childrenRef.current, expandedRef.current), 'refresh');
      if (focusIndex != null) setTimeout(() => focusRow(focusIndex), 0);
    },
    [applyLayout],
  );
  ctx.toggle = (row, i) => void toggle(row, i);

  const focusRow = (index: number) => {
    const api = apiRef.current;
    if (!api) return;
    const col = api.getAllDisplayedColumns().find((c) => c.getColId() !== 'flag') ?? api.getAllDisplayedColumns()[0];
    if (!col) return;
    api.ensureIndexVisible(index);
    api.setFocusedCell(index, col);
  };

  // `interventions.changed` from main (any window, any user) invalidates this query; each new answer refreshes in place.
  const changes = useQuery({ queryKey: ['interventions.grid-refresh'], queryFn: async () => Date.now(), staleTime: Infinity });
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (seen.current !== undefined && changes.data !== seen.current) void reload('refresh');
    seen.current = changes.data;
  }, [changes.data, reload]);

  // Where every branch this person sees keeps one clock, the time columns' headers name it once.
  const branches = useQuery({ queryKey: ['branches.list', {}], queryFn: () => call('branches.list', {}), staleTime: 60_000 });
  const zones = new Set((branches.data ?? []).filter((b) => seesAllBranches(user.role) || user.branchIds.includes(b.id)).map((b) => b.timeZone));
  const sharedZone = zones.size === 1 ? [...zones][0]! : null;
  const columns = useMemo(() => interventionColumns(t, fmt, sharedZone), [i18n.language, sharedZone]);

  // Dates and labels are drawn by renderers: a new language redraws them.
  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
    apiRef.current?.redrawRows();
  }, [i18n.language]);

  const saveLayout = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    localStorage.setItem(layoutKey(user.id), JSON.stringify(api.getColumnState()));
    propsRef.current.onLayoutChanged?.();
  }, [user.id]);

  const fit = useCallback(() => {
    if (propsRef.current.autoResize) apiRef.current?.sizeColumnsToFit();
  }, []);
  useEffect(() => {
    if (props.autoResize) apiRef.current?.sizeColumnsToFit();
  }, [props.autoResize]);

  const onGridReady = (e: GridReadyEvent<VRowData>) => {
    apiRef.current = e.api;
    const saved = localStorage.getItem(layoutKey(user.id));
    if (saved) {
      try {
        e.api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
      } catch {
        /* a damaged layout is ignored */
      }
    }
    if (layoutReady.current) e.api.setGridOption('datasource', datasource);
    fit();
  };

  const selectedRows = (): GridRow[] => (apiRef.current?.getSelectedRows() ?? []).filter(isLeaf);
  const focusedNode = (): IRowNode<VRowData> | undefined => {
    const api = apiRef.current;
    const f = api?.getFocusedCell();
    return f && api ? (api.getDisplayedRowAtIndex(f.rowIndex) ?? undefined) : undefined;
  };

  useImperativeHandle(ref, () => ({
    refresh: () => void reload('refresh'),
    selectedRows,
    targetRows: () => {
      const sel = selectedRows();
      if (sel.length) return sel;
      const d = focusedNode()?.data;
      return isLeaf(d) ? [d] : [];
    },
    focus: (afterReload) => {
      const api = apiRef.current;
      pendingFocus.current = Date.now() + 3000;
      // A new search is on its way: the rows shown now are the old ones, so wait for the new.
      if (afterReload || !api || api.getDisplayedRowCount() === 0) return;
      focusRow(Math.min(api.getFocusedCell()?.rowIndex ?? 0, api.getDisplayedRowCount() - 1));
    },
    columnState: () => apiRef.current?.getColumnState() ?? [],
    applyColumnState: (state) => {
      const api = apiRef.current;
      if (!api) return;
      if (state) api.applyColumnState({ state, applyOrder: true });
      else {
        api.resetColumnState();
        localStorage.removeItem(layoutKey(user.id));
      }
      fit();
    },
    shownColumns: () =>
      (apiRef.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((c): c is GridColumn => (GRID_COLUMNS as readonly string[]).includes(c)),
    sort: () => sortOf(toSortItem(apiRef.current?.getColumnState() ?? [])),
    setColumnVisible: (col, visible) => {
      apiRef.current?.setColumnsVisible([col], visible);
      fit();
    },
    setColumnPinned: (col, pinned) => apiRef.current?.setColumnsPinned([col], pinned),
    fitColumns: () => apiRef.current?.sizeColumnsToFit(),
    collapseAll: () => {
      expandedRef.current = new Set();
      applyLayout(groupedLayout(propsRef.current.levels, topRef.current, childrenRef.current, expandedRef.current), 'refresh');
    },
    expandAll: () => {
      // Top level only: expanding every group of every level could mean thousands of reads.
      for (const g of topRef.current) expandedRef.current.add(pathKey([g.key]));
      void reload('refresh');
    },
    api: () => apiRef.current,
  }));

  const onKeyDown = (e: CellKeyDownEvent<VRowData> | FullWidthCellKeyDownEvent<VRowData>) => {
    const ev = e.event as KeyboardEvent | null | undefined;
    if (!ev || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    const d = e.data;
    const index = e.rowIndex ?? e.node.rowIndex ?? 0;
    const p = propsRef.current;
    if (d && 'kind' in d && d.kind === 'group') {
      const open = ev.key === 'ArrowRight' || ev.key === '+';
      const close = ev.key === 'ArrowLeft' || ev.key === '-';
      // The row's data may be a page behind; the expanded set is the truth.
      const expanded = expandedRef.current.has(pathKey(d.path));
      if (ev.key === 'Enter' || ev.key === ' ' || (open && !expanded) || (close && expanded)) {
        ev.preventDefault();
        void toggle(d, index);
      } else if (open && expanded) {
        ev.preventDefault();
        focusRow(index + 1);
      } else if (close && d.depth > 0) {
        // Left on a closed subgroup goes up to its parent group.
        ev.preventDefault();
        const layout = layoutRef.current;
        for (let i = segmentAt(layout, index) - 1; i >= 0; i--) {
          const h = layout.segments[i]!.header;
          if (h && h.depth === d.depth - 1) {
            focusRow(layout.segments[i]!.start);
            break;
          }
        }
      }
      return;
    }
    if (!isLeaf(d)) return;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      p.onOpen(d);
    } else if (ev.key === 'Delete' && p.onDelete) {
      ev.preventDefault();
      const sel = selectedRows();
      p.onDelete(sel.length ? sel : [d]);
    } else if (ev.key === '-') {
      // "-" on a row closes its group and lands on the group's header.
      const h = parentHeaderIndex(layoutRef.current, index);
      const seg = h != null ? layoutRef.current.segments[segmentAt(layoutRef.current, h)]?.header : undefined;
      if (h != null && seg) {
        ev.preventDefault();
        void toggle(seg, h);
      }
    }
  };

  // Insert and F5 work anywhere on the screen, not only inside the grid.
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      // A form or dialog on top has the keys (but F5 never reloads the page and loses what is typed).
      if (propsRef.current.suspendKeys || document.querySelector('.mantine-Modal-content, .mantine-Drawer-content')) {
        if (ev.key === 'F5') ev.preventDefault();
        return;
      }
      if (ev.key === 'F5') {
        ev.preventDefault();
        void reload('refresh');
      } else if (ev.key === 'Insert' && propsRef.current.onInsert && !(ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement)) {
        ev.preventDefault();
        propsRef.current.onInsert();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reload]);

  // Rules, not a class callback: ag-grid only adds what `getRowClass` returns and never takes it off, so a row node
  // that is handed another document (rows move down when one is inserted above) kept the old shading as well.
  const rowClassRules = useMemo(() => rowClassRulesFor(), []);

  return (
    <div ref={boxRef} style={{ height: '100%', width: '100%' }} className="pl-grid" data-testid="interventions-grid" data-grouped={grouped || undefined}>
      <AgGridReact<VRowData>
        theme={gridTheme}
        columnDefs={columns}
        defaultColDef={{ resizable: true, sortable: false, minWidth: 40 }}
        maintainColumnOrder
        context={ctx}
        rowModelType="infinite"
        cacheBlockSize={BLOCK}
        maxBlocksInCache={60}
        blockLoadDebounceMillis={30}
        getRowId={(p) => {
          const d = p.data;
          if ('kind' in d) return d.kind === 'group' ? `g:${pathKey(d.path)}` : d.id;
          return d.id;
        }}
        isFullWidthRow={(p) => {
          const d = p.rowNode.data;
          return !!d && 'kind' in d && d.kind === 'group';
        }}
        fullWidthCellRenderer={GroupRow}
        rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true, isRowSelectable: (n) => isLeaf(n.data) }}
        rowClassRules={rowClassRules}
        tooltipShowDelay={400}
        onGridReady={onGridReady}
        onCellKeyDown={onKeyDown}
        onRowDoubleClicked={(e) => isLeaf(e.data) && propsRef.current.onOpen(e.data)}
        onSelectionChanged={() => propsRef.current.onSelection?.(selectedRows())}
        onColumnMoved={(e) => e.finished && saveLayout()}
        onColumnResized={(e) => e.finished && e.source !== 'sizeColumnsToFit' && saveLayout()}
        onColumnVisible={saveLayout}
        onColumnPinned={saveLayout}
        onSortChanged={saveLayout}
        onGridSizeChanged={fit}
        onFirstDataRendered={fit}
        overlayNoRowsTemplate={`<span>${t('grid.noRows')}</span>`}
        overlayLoadingTemplate={`<span>${t('common.loading')}</span>`}
        localeText={{ loadingOoo: t('common.loading'), noRowsToShow: t('grid.noRows') }}
      />
    </div>
  );
});

function toSortItem(state: ColumnState[]) {
  const s = state.find((c) => c.sort);
  return s ? { colId: s.colId, sort: s.sort! } : undefined;
}

const leaf = (p: RowClassParams<VRowData>): GridRow | undefined => (isLeaf(p.data) ? p.data : undefined);

/** One rule per class, each evaluated on the row's current data, so a class comes off as soon as it no longer fits. */
export function rowClassRulesFor(): RowClassRules<VRowData> {
  const rules: RowClassRules<VRowData> = {
    'pl-gap': (p) => !!p.data && 'kind' in p.data && p.data.kind === 'gap',
    'pl-grp': (p) => !!p.data && 'kind' in p.data && p.data.kind === 'group',
    'pl-row-warn': (p) => !!leaf(p)?.warning,
  };
  for (let depth = 0; depth <= MAX_GROUP_LEVELS; depth++) rules[`pl-grp-${depth}`] = (p) => !!p.data && 'kind' in p.data && p.data.kind === 'group' && p.data.depth === depth;
  for (const s of STATUSES) rules[`pl-row-${s}`] = (p) => leaf(p)?.status === s;
  for (const pr of PRIORITIES) rules[`pl-row-p-${pr}`] = (p) => leaf(p)?.priority === pr;
  return rules;
}
