import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { PlainAgGrid } from '../../components/PlainAgGrid';
import type {
  CellFocusedEvent,
  CellKeyDownEvent,
  ColDef,
  ColumnState,
  FullWidthCellKeyDownEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  IRowNode,
  IsFullWidthRowParams,
  RowDoubleClickedEvent,
  RowSelectionOptions,
  SuppressKeyboardEventParams,
  ViewportChangedEvent,
} from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { GridColumn, GridFilters, GridRow, GroupLevel, SortField } from '../../../shared/api/interventions';
import { GRID_COLUMNS } from '../../../shared/api/interventions';
import { seesAllBranches } from '../../../shared/permissions';
import { useApiQuery } from '../../app/apiQuery';
import { useFormat } from '../../app/format';
import { useSession } from '../../app/session';
import { gridTheme } from '../../components/DataGrid';
import { headerMeasure } from '../../components/headerWidth';
import { useGridLayout } from '../../components/gridLayout';
import { useScreenKeys } from '../../components/screen';
import { interventionColumns, isLeaf, sortOf, type VRowData } from './columns';
import { focusGridRow, groupOfRow, onGridKey, pageMove } from './gridKeys';
import { gridRowId, gridSortItem, isGroupRow, ROW_CLASS_RULES } from './gridRows';
import { GroupRowCell, type GridContext } from './cells';
import type { GroupRowData } from './groupModel';
import type { GroupKey } from './model';
import { BLOCK, useGridSource } from './useGridSource';

/** Keys that move the grid's cursor from row to row. */
const NAV_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown']);

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
  sort(): { sort?: SortField; desc?: boolean };
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
  /** Rows of the current scope are on screen: reads that could wait may go now. */
  onRowsShown?(): void;
  onSelection?(rows: GridRow[]): void;
  /** While a form or dialog is open, Insert and F5 belong to it. */
  suspendKeys?: boolean;
  /** Columns changed by a person (shown, moved, resized, pinned, sorted). */
  onLayoutChanged?(): void;
  /** The focused row (null on a header) and its group (the header's own; null when not grouped). */
  onFocusChange?(focus: GridFocus): void;
}

export interface GridFocus {
  row: GridRow | null;
  group: GroupRowData | null;
  /** Moved there by the arrows or Page Up/Down (the cursor may be passing through). */
  byKey?: boolean;
}

/** ag-grid's own Page Up/Down is throttled to one press in 100 ms: a quick second press was lost. The grid's keys do it. */
const suppressPageKeys = (p: SuppressKeyboardEventParams) => (p.event.key === 'PageDown' || p.event.key === 'PageUp') && !p.event.ctrlKey && !p.event.altKey && !p.event.metaKey && !p.editing;

/** Built once: ag-grid re-applies every option whose reference changes on a render. */
const DEFAULT_COL_DEF: ColDef<VRowData> = { resizable: true, sortable: false, minWidth: 40, wrapHeaderText: true, autoHeaderHeight: true, suppressKeyboardEvent: suppressPageKeys };
const ROW_SELECTION: RowSelectionOptions<VRowData> = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true, isRowSelectable: (n) => isLeaf(n.data) };
const getRowId = (p: GetRowIdParams<VRowData>) => gridRowId(p.data);
const isFullWidthRow = (p: IsFullWidthRowParams<VRowData>) => isGroupRow(p.rowNode.data);

const selectedRowsOf = (api: GridApi<VRowData> | undefined): GridRow[] => (api?.getSelectedRows() ?? []).filter(isLeaf);

/** A form or dialog is on top: the keys are its own. */
const overlayOpen = () => !!document.querySelector('.mantine-Modal-content, .mantine-Drawer-content');

/**
 * The interventions grid: ag-grid community's Infinite Row Model fed page by page from main (useGridSource.ts), grouped
 * in header rows or scoped to the tree's group, with the keys of gridKeys.ts and the column layout remembered per user.
 */
export const InterventionsGrid = forwardRef<InterventionsGridHandle, InterventionsGridProps>(function InterventionsGrid(props, ref) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useSession();
  const apiRef = useRef<GridApi<VRowData>>(undefined);
  const boxRef = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const api = useCallback(() => apiRef.current, []);

  /** Focus asked for while a page is loading (Enter in the search box): given when the rows arrive. */
  const pendingFocus = useRef(0);
  /** The focus asked for lands on the first row: a new search or filter starts at the top of what it found. */
  const focusFirst = useRef(false);
  const onPage = useCallback((total: number) => {
    latest.current.onRowsShown?.();
    // Until the asked-for focus has landed on rows of the new scope, each page that arrives gives it again
    // (an older page may arrive first) — unless the person has moved on to something else.
    if (pendingFocus.current <= Date.now() || total === 0) return;
    setTimeout(() => {
      const active = document.activeElement;
      const here = !active || active === document.body || !!boxRef.current?.contains(active) || active.getAttribute('data-testid') === 'filter-search';
      const a = apiRef.current;
      if (a && here && !overlayOpen()) focusGridRow(a, focusFirst.current ? 0 : Math.min(a.getFocusedCell()?.rowIndex ?? 0, total - 1));
    }, 0);
  }, []);

  const source = useGridSource({ api, filters: props.filters, levels: props.levels, treeScope: props.treeScope, onTotal: props.onTotal, onPage });
  const { reload, toggle } = source;
  const layout = useGridLayout<VRowData>('interventions', api, () => latest.current.onLayoutChanged?.());

  const toggleAndFocus = useCallback((row: Parameters<typeof toggle>[0], focusIndex?: number) => {
    void toggle(row).then((changed) => changed && focusIndex != null && setTimeout(() => focusGridRow(apiRef.current, focusIndex), 0));
  }, [toggle]);
  const context = useMemo<GridContext>(() => ({ t, fmt, toggle: toggleAndFocus }), [t, fmt, toggleAndFocus]);

  // Where every branch this person sees keeps one clock, the time columns' headers name it once.
  const branches = useApiQuery('branches.list', {}, { staleTime: 60_000 });
  const zones = new Set((branches.data ?? []).filter((b) => seesAllBranches(user.role) || user.branchIds.includes(b.id)).map((b) => b.timeZone));
  const sharedZone = zones.size === 1 ? [...zones][0]! : null;
  // Header words are measured in the grid's own font once it is drawn (and again once web fonts have loaded).
  const [measure, setMeasure] = useState<{ of: (s: string) => number } | null>(null);
  const measureHeaders = useCallback(() => {
    if (boxRef.current) setMeasure({ of: headerMeasure(boxRef.current) });
  }, []);
  useEffect(() => {
    let live = true;
    void document.fonts?.ready.then(() => live && measureHeaders());
    return () => {
      live = false;
    };
  }, [measureHeaders]);
  const columns = useMemo(() => interventionColumns(t, fmt, sharedZone, measure?.of), [t, fmt, sharedZone, measure]);

  // Dates and labels are drawn by renderers: a new language redraws them.
  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
    apiRef.current?.redrawRows();
  }, [context]);

  const fit = useCallback(() => {
    if (latest.current.autoResize) apiRef.current?.sizeColumnsToFit();
  }, []);
  useEffect(() => {
    if (props.autoResize) apiRef.current?.sizeColumnsToFit();
  }, [props.autoResize]);

  const onGridReady = (e: GridReadyEvent<VRowData>) => {
    apiRef.current = e.api;
    measureHeaders();
    layout.restore(e.api);
    source.attach(e.api);
    fit();
  };

  const selectedRows = (): GridRow[] => selectedRowsOf(apiRef.current);

  // The selection follows the keyboard, as in a file list: a row reached with the arrows (or Page Up/Down) is the one
  // chosen, so the toolbar and Delete act on the row the person sees the cursor on — also after Esc brought the
  // cursor back from a form. Shift keeps what was chosen and adds the row; a click selects as ag-grid does.
  const navKey = useRef<{ shift: boolean; at: number } | null>(null);
  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    if (NAV_KEYS.has(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) navKey.current = { shift: e.shiftKey, at: performance.now() };
  };
  /** Whether a navigation key moved the cursor here. */
  const selectFocused = (rowIndex: number | null): boolean => {
    const key = navKey.current;
    navKey.current = null;
    if (!key || performance.now() - key.at > 1000 || rowIndex == null) return false;
    const a = apiRef.current;
    const node = a?.getDisplayedRowAtIndex(rowIndex);
    if (!a || !node) return true;
    if (isLeaf(node.data)) node.setSelected(true, !key.shift);
    else if (!key.shift) a.deselectAll();
    return true;
  };
  // Capture: the viewport's scroll reaches this box before the grid's own listener on the viewport.
  const onScrollCapture = (e: React.UIEvent) => {
    const el = e.target as HTMLElement;
    if (el.classList?.contains('ag-grid-viewport')) source.onScroll(el);
  };
  const focusedNode = (): IRowNode<VRowData> | undefined => {
    const a = apiRef.current;
    const f = a?.getFocusedCell();
    return f && a ? (a.getDisplayedRowAtIndex(f.rowIndex) ?? undefined) : undefined;
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
      const a = apiRef.current;
      pendingFocus.current = Date.now() + 3000;
      focusFirst.current = !!afterReload;
      // A new search is on its way: the rows shown now are the old ones, so wait for the new.
      if (afterReload || !a || a.getDisplayedRowCount() === 0) return;
      focusGridRow(a, Math.min(a.getFocusedCell()?.rowIndex ?? 0, a.getDisplayedRowCount() - 1));
    },
    columnState: () => apiRef.current?.getColumnState() ?? [],
    applyColumnState: (state) => {
      const a = apiRef.current;
      if (!a) return;
      if (state) a.applyColumnState({ state, applyOrder: true });
      else {
        a.resetColumnState();
        layout.forget();
      }
      fit();
    },
    shownColumns: () => (apiRef.current?.getAllDisplayedColumns() ?? []).map((c) => c.getColId()).filter((c): c is GridColumn => (GRID_COLUMNS as readonly string[]).includes(c)),
    sort: () => sortOf(gridSortItem(apiRef.current?.getColumnState() ?? [])),
    setColumnVisible: (col, visible) => {
      apiRef.current?.setColumnsVisible([col], visible);
      fit();
    },
    setColumnPinned: (col, pinned) => apiRef.current?.setColumnsPinned([col], pinned),
    fitColumns: () => apiRef.current?.sizeColumnsToFit(),
    collapseAll: source.collapseAll,
    expandAll: source.expandAll,
    api,
  }));

  // Insert and F5 work anywhere on the screen, not only inside the grid; F5 never reloads the page and loses what is typed.
  useScreenKeys({ enabled: !props.suspendKeys, onRefresh: () => !overlayOpen() && void reload('refresh'), onInsert: props.onInsert && (() => !overlayOpen() && latest.current.onInsert?.()) });

  const keys = {
    layout: source.layout,
    isExpanded: source.isExpanded,
    toggle: toggleAndFocus,
    focusRow: (i: number) => focusGridRow(apiRef.current, i),
    selectedRows,
    // After the key event: a form whose document was read ahead is ready at once, and must not take this Enter as its own.
    onOpen: (r: GridRow) => void setTimeout(() => latest.current.onOpen(r), 0),
    onDelete: props.onDelete && ((rows: GridRow[]) => latest.current.onDelete?.(rows)),
    page: (index: number, down: boolean) => pageMove(apiRef.current, boxRef.current, index, down),
  };

  // ag-grid re-applies an option whose reference is new: the handlers it gets are made once and call this render's.
  const live = useRef({ onGridReady, keys, selectFocused, source });
  useLayoutEffect(() => {
    live.current = { onGridReady, keys, selectFocused, source };
  });
  const events = useMemo(
    () => ({
      onGridReady: (e: GridReadyEvent<VRowData>) => live.current.onGridReady(e),
      onCellKeyDown: (e: CellKeyDownEvent<VRowData> | FullWidthCellKeyDownEvent<VRowData>) => onGridKey(live.current.keys, e),
      onRowDoubleClicked: (e: RowDoubleClickedEvent<VRowData>) => isLeaf(e.data) && latest.current.onOpen(e.data),
      onViewportChanged: (e: ViewportChangedEvent<VRowData>) => live.current.source.onViewport(e.api),
      onSelectionChanged: () => latest.current.onSelection?.(selectedRowsOf(apiRef.current)),
      onCellFocused: (e: CellFocusedEvent<VRowData>) => {
        const byKey = live.current.selectFocused(e.rowIndex);
        const d = e.rowIndex == null ? undefined : apiRef.current?.getDisplayedRowAtIndex(e.rowIndex)?.data;
        latest.current.onFocusChange?.({ row: isLeaf(d) ? d : null, group: e.rowIndex == null ? null : groupOfRow(live.current.source.layout(), e.rowIndex), byKey });
      },
    }),
    [],
  );

  return (
    <div ref={boxRef} onKeyDownCapture={onKeyDownCapture} onScrollCapture={onScrollCapture} style={{ height: '100%', width: '100%' }} className="pl-grid" data-testid="interventions-grid" data-grouped={source.grouped || undefined}>
      <PlainAgGrid<VRowData>
        {...layout.props}
        theme={gridTheme}
        columnDefs={columns}
        defaultColDef={DEFAULT_COL_DEF}
        maintainColumnOrder
        context={context}
        rowModelType="infinite"
        cacheBlockSize={BLOCK}
        maxBlocksInCache={60}
        // No wait before a read: a jump's block is read at once (a block a drag only passes is dropped unread, as
        // ag-grid purges blocks still waiting when new ones are asked for).
        blockLoadDebounceMillis={0}
        maxConcurrentDatasourceRequests={3}
        getRowId={getRowId}
        isFullWidthRow={isFullWidthRow}
        fullWidthCellRenderer={GroupRowCell}
        rowSelection={ROW_SELECTION}
        rowClassRules={ROW_CLASS_RULES}
        tooltipShowDelay={400}
        rowBuffer={0}
        {...events}
        onGridSizeChanged={fit}
        onFirstDataRendered={fit}
      />
    </div>
  );
});
