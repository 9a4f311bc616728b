import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, type RefObject } from 'react';
import { useHotkeys } from '@mantine/hooks';
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
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';

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

/** Pages from main through the latest props (read at fetch time, so a new `fetchPage` needs no new source). */
function pagedSource<T>(props: RefObject<DataGridProps<T>>, api: RefObject<GridApi<T> | undefined>): IDatasource {
  return {
    getRows: (params) => {
      const limit = params.endRow - params.startRow;
      props.current
        .fetchPage({ offset: params.startRow, limit, sort: params.sortModel[0] })
        .then(({ rows, total }) => {
          params.successCallback(rows, total);
          props.current.onTotal?.(total);
          if (total === 0) api.current?.showNoRowsOverlay();
          else api.current?.hideOverlay();
        })
        .catch(() => params.failCallback());
    },
  };
}

function layoutKey(userId: string, gridId: string) {
  return `planora.grid.${userId}.${gridId}`;
}

/**
 * ag-grid (community) fed page by page from main through the Infinite Row Model, with the keys clerks expect:
 * Enter opens, Insert adds, Delete deletes, F5 refreshes. Column order, widths, visibility, pinning and sort are remembered per user.
 */
function DataGridInner<T>(props: DataGridProps<T>, ref: React.Ref<DataGridHandle>) {
  const { t } = useTranslation();
  const { user } = useSession();
  const apiRef = useRef<GridApi<T>>(undefined);
  const propsRef = useRef(props);
  propsRef.current = props;

  // A new query key means a new datasource: the grid starts again from the first row (once: the grid may have
  // been given its first source for this key as it became ready).
  const { queryKey } = props;
  const sourceKey = useRef<string | null>(null);
  useEffect(() => {
    if (!apiRef.current || sourceKey.current === queryKey) return;
    sourceKey.current = queryKey;
    apiRef.current.setGridOption('datasource', pagedSource(propsRef, apiRef));
  }, [queryKey]);

  const saveLayout = useCallback(() => {
    const api = apiRef.current;
    if (api) localStorage.setItem(layoutKey(user.id, props.gridId), JSON.stringify(api.getColumnState()));
  }, [user.id, props.gridId]);

  const onGridReady = (e: GridReadyEvent<T>) => {
    apiRef.current = e.api;
    const saved = localStorage.getItem(layoutKey(user.id, props.gridId));
    if (saved) e.api.applyColumnState({ state: JSON.parse(saved), applyOrder: true });
    sourceKey.current = props.queryKey;
    e.api.setGridOption('datasource', pagedSource(propsRef, apiRef));
  };

  useImperativeHandle(ref, () => ({
    refresh: () => apiRef.current?.refreshInfiniteCache(),
    selected: <R,>() => {
      const api = apiRef.current;
      if (!api) return undefined;
      // The caller names its row type; the grid's rows are whatever fetchPage gave it.
      const sel: unknown = api.getSelectedRows()[0];
      if (sel) return sel as R;
      const focused = api.getFocusedCell();
      return focused ? (api.getDisplayedRowAtIndex(focused.rowIndex)?.data as R | undefined) : undefined;
    },
    api: () => apiRef.current as GridApi | undefined,
  }));

  const onCellKeyDown = (e: CellKeyDownEvent<T>) => {
    const ev = e.event as KeyboardEvent | null;
    if (!ev || !e.data) return;
    const p = propsRef.current;
    if (ev.key === 'Enter' && p.onOpen) {
      ev.preventDefault();
      p.onOpen(e.data);
    } else if (ev.key === 'Delete' && p.onDelete) {
      ev.preventDefault();
      p.onDelete(e.data);
    }
  };

  // F5 works anywhere on the screen, Insert anywhere but in a field; not only inside the grid.
  useHotkeys([['F5', () => apiRef.current?.refreshInfiniteCache()]], []);
  useHotkeys([['Insert', () => propsRef.current.onInsert?.(), { preventDefault: !!props.onInsert }]], ['INPUT', 'TEXTAREA']);

  return (
    <div style={{ height: '100%', width: '100%' }} data-testid={`grid-${props.gridId}`}>
      <AgGridReact<T>
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
        onColumnMoved={saveLayout}
        onColumnResized={(e) => e.finished && saveLayout()}
        onColumnVisible={saveLayout}
        onColumnPinned={saveLayout}
        onSortChanged={saveLayout}
        overlayNoRowsTemplate={`<span>${t('grid.noRows')}</span>`}
        overlayLoadingTemplate={`<span>${t('common.loading')}</span>`}
        localeText={{ loadingOoo: t('common.loading'), noRowsToShow: t('grid.noRows') }}
      />
    </div>
  );
}

export const DataGrid = forwardRef(DataGridInner) as <T>(props: DataGridProps<T> & { ref?: React.Ref<DataGridHandle> }) => React.ReactElement;
