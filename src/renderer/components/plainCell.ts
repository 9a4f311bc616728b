import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';

/** A piece of a plain cell: an element with its class, attributes and children (text or elements). */
export function el(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: (Node | string | null)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'className') e.className = String(v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null) e.append(c);
  return e;
}

/**
 * A cell renderer for ag-grid's own drawing (PlainAgGrid.tsx): `draw` makes the cell's content from its params, or
 * null for an empty cell. A row whose data changes is drawn again (ag-grid makes a new renderer when `refresh` says no).
 */
export function plainCell<TData, TValue = unknown, TContext = unknown>(draw: (p: ICellRendererParams<TData, TValue, TContext>) => HTMLElement | null): new () => ICellRendererComp<TData> {
  return class PlainCell implements ICellRendererComp<TData> {
    private gui: HTMLElement = document.createElement('span');
    init(p: ICellRendererParams<TData, TValue, TContext>): void {
      this.gui = draw(p) ?? document.createElement('span');
    }
    getGui(): HTMLElement {
      return this.gui;
    }
    refresh(): boolean {
      return false;
    }
  };
}
