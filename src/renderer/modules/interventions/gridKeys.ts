/**
 * The interventions grid's keys. On a row: Enter opens, Delete deletes (the selection, else this row), "-" closes its
 * group. On a group header: Enter/Space/→/+ open it, ←/- close it, → on an open group goes to its first row and ← on
 * a closed subgroup to its parent. Ctrl/Alt/⌘ combinations are left to the screen.
 */
import type { CellKeyDownEvent, FullWidthCellKeyDownEvent, GridApi } from 'ag-grid-community';
import type { GridRow } from '../../../shared/api/interventions';
import { isLeaf, type VRowData } from './columns';
import { isGroupRow } from './gridRows';
import { parentHeaderIndex, segmentAt, type GroupRowData, type Layout } from './groupModel';
import type { GroupKey } from './model';

export interface GridKeysOptions {
  layout(): Layout;
  isExpanded(path: GroupKey[]): boolean;
  toggle(row: GroupRowData, focusIndex: number): void;
  focusRow(index: number): void;
  selectedRows(): GridRow[];
  onOpen(row: GridRow): void;
  onDelete?(rows: GridRow[]): void;
  /** Page Down (or Up, `down` false) from row `index`. */
  page(index: number, down: boolean): void;
}

export function onGridKey(o: GridKeysOptions, e: CellKeyDownEvent<VRowData> | FullWidthCellKeyDownEvent<VRowData>): void {
  const ev = e.event as KeyboardEvent | null | undefined;
  if (!ev || ev.ctrlKey || ev.altKey || ev.metaKey) return;
  const d = e.data;
  const index = e.rowIndex ?? e.node.rowIndex ?? 0;
  if (ev.key === 'PageDown' || ev.key === 'PageUp') {
    o.page(index, ev.key === 'PageDown');
    ev.preventDefault();
    return;
  }
  const handled = isGroupRow(d) ? onGroupKey(o, ev.key, d, index) : isLeaf(d) && onRowKey(o, ev.key, d, index);
  if (handled) ev.preventDefault();
}

function onGroupKey(o: GridKeysOptions, key: string, d: GroupRowData, index: number): boolean {
  const open = key === 'ArrowRight' || key === '+';
  const close = key === 'ArrowLeft' || key === '-';
  // The row's data may be a page behind; the expanded set is the truth.
  const expanded = o.isExpanded(d.path);
  if (key === 'Enter' || key === ' ' || (open && !expanded) || (close && expanded)) o.toggle(d, index);
  else if (open && expanded) o.focusRow(index + 1);
  else if (close && d.depth > 0) {
    // Left on a closed subgroup goes up to its parent group.
    const layout = o.layout();
    for (let i = segmentAt(layout, index) - 1; i >= 0; i--) {
      const h = layout.segments[i]!.header;
      if (h && h.depth === d.depth - 1) {
        o.focusRow(layout.segments[i]!.start);
        break;
      }
    }
  } else return false;
  return true;
}

function onRowKey(o: GridKeysOptions, key: string, d: GridRow, index: number): boolean {
  if (key === 'Enter') o.onOpen(d);
  else if (key === 'Delete' && o.onDelete) {
    const sel = o.selectedRows();
    o.onDelete(sel.length ? sel : [d]);
  } else if (key === '-') {
    // "-" on a row closes its group and lands on the group's header.
    const layout = o.layout();
    const h = parentHeaderIndex(layout, index);
    const seg = h != null ? layout.segments[segmentAt(layout, h)]?.header : undefined;
    if (h == null || !seg) return false;
    o.toggle(seg, h);
  } else return false;
  return true;
}

/** Puts the keyboard focus on a row (its first data column, past the status stripe), scrolled into view. */
export function focusGridRow(api: GridApi<VRowData> | undefined, index: number): void {
  if (!api) return;
  const col = api.getAllDisplayedColumns().find((c) => c.getColId() !== 'flag') ?? api.getAllDisplayedColumns()[0];
  if (!col) return;
  api.ensureIndexVisible(index);
  api.setFocusedCell(index, col);
}

/** The group a row of the virtual list belongs to: a header row's own, a leaf's nearest header; null when not grouped. */
export function groupOfRow(layout: Layout, index: number): GroupRowData | null {
  const at = segmentAt(layout, index);
  const own = at >= 0 ? layout.segments[at]!.header : undefined;
  if (own) return own;
  const h = parentHeaderIndex(layout, index);
  return h == null ? null : (layout.segments[segmentAt(layout, h)]?.header ?? null);
}

/**
 * A page down (or up) from row `index`: the cursor moves by as many rows as the screen shows and keeps its place on
 * the screen, the rows under it scroll by a screen. Measured on the drawn rows (`box`: the grid's element), which
 * stay right where ag-grid stretches a very long list's pixels.
 */
export function pageMove(api: GridApi<VRowData> | undefined, box: HTMLElement | null, index: number, down: boolean): void {
  const count = api?.getDisplayedRowCount() ?? 0;
  const vp = box?.querySelector('.ag-grid-viewport');
  const rowEl = box?.querySelector(`.ag-grid-scrolling-rows .ag-row[row-index="${index}"]`);
  if (!api || !vp || !count) return;
  const outer = vp.getBoundingClientRect();
  const top = Math.max(outer.top, box!.querySelector('.ag-header')?.getBoundingClientRect().bottom ?? outer.top);
  const h = api.getDisplayedRowAtIndex(index)?.rowHeight ?? rowEl?.getBoundingClientRect().height ?? 0;
  if (!h) return;
  const rows = Math.max(1, Math.floor((outer.bottom - top) / h));
  const at = rowEl ? Math.max(0, Math.min(rows - 1, Math.round((rowEl.getBoundingClientRect().top - top) / h))) : 0;
  const target = Math.max(0, Math.min(count - 1, index + (down ? rows : -rows)));
  if (target === index) return;
  api.ensureIndexVisible(Math.max(0, target - at), 'top');
  const col = api.getFocusedCell()?.column ?? api.getAllDisplayedColumns().find((c) => c.getColId() !== 'flag');
  if (col) api.setFocusedCell(target, col);
}
