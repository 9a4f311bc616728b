/**
 * Column-level last-writer-wins: each (table, row, column) keeps the value of its greatest HLC stamp, so replicas
 * that have seen the same cells hold the same values whatever order, repetition or batching brought them. A row's
 * deletion is one more cell, `_deleted`; edits of the other columns never touch it, so an older or concurrent edit
 * cannot bring a deleted row back: only a newer `_deleted = false` (a restore) does.
 */
export type CellValue = string | number | boolean | null;
export interface Cell {
  value: CellValue;
  hlc: string;
}
/** A cell as it travels: which column of which row. */
export interface CellOf {
  table: string;
  rowId: string;
  column: string;
  value: CellValue;
  hlc: string;
}

export const DELETED = '_deleted';

/**
 * True when `incoming` replaces `current` (absent current: always). HLC text sorts as it orders, ties included (the
 * node closes the text), so a plain comparison decides alike on every replica, SQL's `>` included. An equal stamp is
 * the same write seen again: it changes nothing.
 */
export function wins(incoming: string, current: string | null | undefined): boolean {
  return current == null || incoming > current;
}

/** Folds cells into a row state map column → Cell; returns the columns that changed. Idempotent, order-free. */
export function mergeRow(row: Map<string, Cell>, cells: readonly { column: string; value: CellValue; hlc: string }[]): string[] {
  const changed = new Set<string>();
  for (const c of cells) {
    if (!wins(c.hlc, row.get(c.column)?.hlc)) continue;
    row.set(c.column, { value: c.value, hlc: c.hlc });
    changed.add(c.column);
  }
  return [...changed];
}

/** SQLite hands booleans back as 1/0, so a tombstone read from a table counts as one written in JSON. */
export function isDeleted(row: ReadonlyMap<string, Cell>): boolean {
  const v = row.get(DELETED)?.value;
  return v === true || v === 1;
}

/** One key per (table, row, column), unambiguous for any names (NUL never occurs in them). */
export function cellKey(table: string, rowId: string, column: string): string {
  return `${table}\u0000${rowId}\u0000${column}`;
}

/**
 * A batch reduced to its winners, one cell per (table, row, column), in the batch's order of first appearance: what
 * an apply needs to write, and what a push needs to send when a column was written several times since the last one.
 */
export function latestCells<T extends CellOf>(cells: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const c of cells) {
    const key = cellKey(c.table, c.rowId, c.column);
    const held = best.get(key);
    if (!held || wins(c.hlc, held.hlc)) best.set(key, c);
  }
  return [...best.values()];
}

/** The row's plain values, without its tombstone: what a replica stores in the table's columns. */
export function rowValues(row: ReadonlyMap<string, Cell>): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const [column, cell] of row) if (column !== DELETED) out[column] = cell.value;
  return out;
}

/** Whole replica state: `table → rowId → row`. */
export type Store = Map<string, Map<string, Map<string, Cell>>>;

/**
 * Folds cells of any rows into a store (the same rule as `mergeRow`, row by row); returns the rows whose state
 * changed, with their changed columns, so an apply writes only those and fires events only for them.
 */
export function mergeStore(store: Store, cells: readonly CellOf[]): { table: string; rowId: string; columns: string[] }[] {
  const touched = new Map<string, { table: string; rowId: string; columns: Set<string> }>();
  for (const c of cells) {
    let rows = store.get(c.table);
    if (!rows) store.set(c.table, (rows = new Map()));
    let row = rows.get(c.rowId);
    if (!row) rows.set(c.rowId, (row = new Map()));
    if (mergeRow(row, [c]).length === 0) continue;
    const key = `${c.table}\u0000${c.rowId}`;
    const t = touched.get(key) ?? { table: c.table, rowId: c.rowId, columns: new Set<string>() };
    t.columns.add(c.column);
    touched.set(key, t);
  }
  return [...touched.values()].map((t) => ({ table: t.table, rowId: t.rowId, columns: [...t.columns] }));
}
