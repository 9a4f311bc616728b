/**
 * What every data grid shares: its column layout (order, widths, visibility, pinning, sort) remembered per user, and
 * its overlays in the user's language. A grid spreads `props` on AgGridReact and calls `restore` when it is ready.
 */
import type { AgGridReactProps } from 'ag-grid-react';
import type { ColumnEvent, ColumnState, GridApi } from 'ag-grid-community';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';

export function gridLayoutKey(userId: string, gridId: string): string {
  return `planora.grid.${userId}.${gridId}`;
}

/** `onSaved`: a person changed the columns (a saved view may now differ from what is shown). */
export function useGridLayout<T>(gridId: string, api: () => GridApi<T> | undefined, onSaved?: () => void) {
  const { t } = useTranslation();
  const { user } = useSession();
  const key = gridLayoutKey(user.id, gridId);

  // The props keep their references across renders (ag-grid re-applies an option whose reference changes): the
  // handlers read the latest `api` and `onSaved` through a ref.
  const latest = useRef({ api, onSaved });
  useLayoutEffect(() => {
    latest.current = { api, onSaved };
  });
  const save = () => {
    const { api, onSaved } = latest.current;
    const a = api();
    if (!a) return;
    localStorage.setItem(key, JSON.stringify(a.getColumnState()));
    onSaved?.();
  };
  const restore = (a: GridApi<T>) => {
    const saved = localStorage.getItem(key);
    if (!saved) return;
    try {
      a.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
    } catch {
      /* a damaged layout is ignored */
    }
  };
  const forget = () => localStorage.removeItem(key);
  // Only what a person did: a move or resize once it ends, never the grid's own fitting of columns.
  const whenDone = (e: ColumnEvent & { finished: boolean }) => e.finished && e.source !== 'sizeColumnsToFit' && save();

  const props = useMemo(
    () =>
      ({
        onColumnMoved: whenDone,
        onColumnResized: whenDone,
        onColumnVisible: save,
        onColumnPinned: save,
        onSortChanged: save,
        overlayNoRowsTemplate: `<span>${t('grid.noRows')}</span>`,
        overlayLoadingTemplate: `<span>${t('common.loading')}</span>`,
        localeText: { loadingOoo: t('common.loading'), noRowsToShow: t('grid.noRows') },
      }) satisfies Partial<AgGridReactProps<T>>,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- save and whenDone read the key and the api when called
    [t, key],
  );
  return { props, restore, forget };
}
