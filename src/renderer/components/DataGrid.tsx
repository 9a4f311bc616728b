import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellKeyDownEvent,
  type ColDef,
  type GridApi,
  type GridReadyEvent,
  type IDatasource,
  type SortModelItem,
} from 'ag-grid-community';
import { useGridLayout } from './gridLayout';
import { useScreenKeys } from './screen';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Dense, ERP-like: small rows, compact header. */
export const gridTheme = themeQuartz.withParams({
  fontSize: 12,
  headerFontSize: 12,
  rowHeight: 26,
  headerHeight: 28,
  spacing: 4,
  wrapperBorderRadius: 2,
});

export interface PageRequest {
  offset: number;
  limit: number;
  sort: SortModelItem | undefined;
}

export interface DataGridHandle {
  /** F5: fetch again from main, keeping scroll position and selection where possible. */
  refresh(): void;
  selected<T>(): T | undefined;
  api(): GridApi | undefined;
}

export interface DataGridProps<T> {
  /** Identifies the grid for its remembered column layout. */
  gridId: string;
  columns: ColDef<T>[];
  /** One page from main: the grid never holds a whole table. */
  fetchPage(req: PageRequest): Promise<{ rows: T[]; total: number }>;
  /** Changing this key refetches from the first row (new filter or search). */
  queryKey: string;
  getRowId(row: T): string;
  onOpen?(row: T): void;
  onInsert?(): void;
  onDelete?(row: T): void;
  onTotal?(total: number): void;
  pageSize?: number;
}

/**
 * ag-grid (community) fed page by page from main through the Infinite Row Model, with the keys clerks expect:
 * Enter opens, Insert adds, Delete deletes, F5 refreshes. Column order, widths, visibility, pinning and sort are remembered per user.
 */
function DataGridInner<T>(props: DataGridProps<T>, ref: React.Ref<DataGridHandle>) {
  const apiRef = useRef<GridApi<T>>(undefined);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const layout = useGridLayout<T>(props.gridId, () => apiRef.current);

  /** Rows from the latest `fetchPage`; a new one is handed to the grid for each query key. */
  const source = useCallback(
    (): IDatasource => ({
      getRows: (params) => {
        const limit = params.endRow - params.startRow;
        latest.current
          .fetchPage({ offset: params.startRow, limit, sort: params.sortModel[0] })
          .then(({ rows, total }) => {
            params.successCallback(rows, total);
            latest.current.onTotal?.(total);
            if (total === 0) apiRef.current?.showNoRowsOverlay();
            else apiRef.current?.hideOverlay();
          })
          .catch(() => params.failCallback());
      },
    }),
    [],
  );

  // A new query key means a new datasource: the grid starts again from the first row.
  useEffect(() => {
    apiRef.current?.setGridOption('datasource', source());
  }, [props.queryKey, source]);

  const onGridReady = (e: GridReadyEvent<T>) => {
    apiRef.current = e.api;
    layout.restore(e.api);
    e.api.setGridOption('datasource', source());
  };

  useImperativeHandle(ref, () => ({
    refresh: () => apiRef.current?.refreshInfiniteCache(),
    selected: <R,>() => {
      const api = apiRef.current;
      if (!api) return undefined;
      const sel = api.getSelectedRows()[0];
      if (sel) return sel as unknown as R;
      const focused = api.getFocusedCell();
      return focused ? (api.getDisplayedRowAtIndex(focused.rowIndex)?.data as R | undefined) : undefined;
    },
    api: () => apiRef.current as GridApi | undefined,
  }));

  const onCellKeyDown = (e: CellKeyDownEvent<T>) => {
    const ev = e.event as KeyboardEvent | null;
    if (!ev || !e.data) return;
    const p = latest.current;
    if (ev.key === 'Enter' && p.onOpen) {
      ev.preventDefault();
      p.onOpen(e.data);
    } else if (ev.key === 'Delete' && p.onDelete) {
      ev.preventDefault();
      p.onDelete(e.data);
    }
  };

  // Insert and F5 work anywhere on the screen, not only inside the grid.
  useScreenKeys({ enabled: true, onRefresh: () => apiRef.current?.refreshInfiniteCache(), onInsert: props.onInsert && (() => latest.current.onInsert?.()) });

  return (
    <div style={{ height: '100%', width: '100%' }} data-testid={`grid-${props.gridId}`}>
      <AgGridReact<T>
        {...layout.props}
        theme={gridTheme}
        columnDefs={props.columns}
        defaultColDef={{ resizable: true, sortable: false, minWidth: 60 }}
        rowModelType="infinite"
        cacheBlockSize={props.pageSize ?? 100}
        maxBlocksInCache={50}
        getRowId={(p) => props.getRowId(p.data)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={onGridReady}
        onCellKeyDown={onCellKeyDown}
        onRowDoubleClicked={(e) => e.data && props.onOpen?.(e.data)}
      />
    </div>
  );
}

export const DataGrid = forwardRef(DataGridInner) as <T>(props: DataGridProps<T> & { ref?: React.Ref<DataGridHandle> }) => React.ReactElement;
