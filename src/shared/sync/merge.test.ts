import { describe, expect, it } from 'vitest';
import { formatHlc, nodeOf } from './hlc';
import { type Cell, type CellOf, DELETED, isDeleted, latestCells, mergeRow, mergeStore, rowValues, type Store, wins } from './merge';

const A = nodeOf('01a241a3-22a0-760d-bf88-d77457c9db65');
const B = nodeOf('01a241d8-3c60-722c-b6cc-d3ca7370b92b');
const T = Date.parse('2026-12-06T22:00:00.000Z');
const at = (ms: number, node = A, counter = 0) => formatHlc({ millis: T + ms, counter, node });

describe('which write wins', () => {
  it('a later stamp replaces the held one; an earlier or the same one does not; nothing held: always', () => {
    expect(wins(at(2), at(1))).toBe(true);
    expect(wins(at(1), at(2))).toBe(false);
    expect(wins(at(1), at(1))).toBe(false);
    expect(wins(at(1), null)).toBe(true);
    expect(wins(at(1), undefined)).toBe(true);
  });

  it('of two writes in one instant the greater device wins, alike whichever arrives first', () => {
    expect(A < B).toBe(true);
    expect(wins(at(5, B), at(5, A))).toBe(true);
    expect(wins(at(5, A), at(5, B))).toBe(false);
    // The counter orders before the device: a device's second write of one millisecond beats the other's first.
    expect(wins(at(5, A, 1), at(5, B, 0))).toBe(true);
  });
});

describe('merging cells into a row', () => {
  const cells = [
    { column: 'status', value: 'booked', hlc: at(1) },
    { column: 'notes', value: 'call first', hlc: at(2, B) },
    { column: 'status', value: 'arrived', hlc: at(3, B) },
    { column: 'status', value: 'cancelled', hlc: at(2) },
  ];

  it('keeps the latest value of each column and names the columns it changed', () => {
    const row = new Map<string, Cell>();
    expect(mergeRow(row, cells).sort()).toEqual(['notes', 'status']);
    expect(rowValues(row)).toEqual({ status: 'arrived', notes: 'call first' });
    expect(row.get('status')).toEqual({ value: 'arrived', hlc: at(3, B) });
  });

  it('gives the same row whatever the order, and a batch applied twice changes nothing', () => {
    const forward = new Map<string, Cell>();
    const backward = new Map<string, Cell>();
    mergeRow(forward, cells);
    mergeRow(backward, [...cells].reverse());
    expect(backward).toEqual(forward);
    expect(mergeRow(forward, cells)).toEqual([]);
    expect(mergeRow(forward, [cells[0]!])).toEqual([]);
  });

  it('reports an older value arriving after a newer one as no change', () => {
    const row = new Map<string, Cell>([['status', { value: 'arrived', hlc: at(3, B) }]]);
    expect(mergeRow(row, [{ column: 'status', value: 'booked', hlc: at(1) }])).toEqual([]);
    expect(row.get('status')?.value).toBe('arrived');
  });
});

describe('tombstones', () => {
  it('a delete holds against an older edit arriving after it', () => {
    const row = new Map<string, Cell>();
    mergeRow(row, [{ column: 'name', value: 'Anna', hlc: at(1) }, { column: DELETED, value: true, hlc: at(5, B) }]);
    mergeRow(row, [{ column: 'name', value: 'Anne', hlc: at(3) }]);
    expect(isDeleted(row)).toBe(true);
    expect(rowValues(row)).toEqual({ name: 'Anne' });
  });

  it('an edit newer than the delete changes the column but does not bring the row back', () => {
    const row = new Map<string, Cell>();
    mergeRow(row, [{ column: DELETED, value: true, hlc: at(5) }, { column: 'name', value: 'Later', hlc: at(9, B) }]);
    expect(isDeleted(row)).toBe(true);
    expect(row.get('name')?.value).toBe('Later');
  });

  it('only a restore newer than the delete brings it back; an older one changes nothing', () => {
    const row = new Map<string, Cell>([[DELETED, { value: true, hlc: at(5) }]]);
    expect(mergeRow(row, [{ column: DELETED, value: false, hlc: at(4, B) }])).toEqual([]);
    expect(isDeleted(row)).toBe(true);
    expect(mergeRow(row, [{ column: DELETED, value: false, hlc: at(6, B) }])).toEqual([DELETED]);
    expect(isDeleted(row)).toBe(false);
  });

  it('reads a tombstone stored by SQLite (1/0) as one sent in JSON; a row without one is live', () => {
    expect(isDeleted(new Map([[DELETED, { value: 1, hlc: at(1) }]]))).toBe(true);
    expect(isDeleted(new Map([[DELETED, { value: 0, hlc: at(1) }]]))).toBe(false);
    expect(isDeleted(new Map([['name', { value: 'x', hlc: at(1) }]]))).toBe(false);
  });
});

describe('batches', () => {
  const c = (rowId: string, column: string, value: string, hlc: string): CellOf & { branchId: null } => ({ table: 'client', rowId, column, value, hlc, branchId: null });

  it('latestCells keeps one winner per table, row and column, with its other fields', () => {
    const batch = [c('r1', 'name', 'a', at(1)), c('r1', 'name', 'b', at(3)), c('r1', 'name', 'c', at(2, B)), c('r2', 'name', 'd', at(1)), c('r1', 'phone', 'e', at(1))];
    expect(latestCells(batch)).toEqual([c('r1', 'name', 'b', at(3)), c('r2', 'name', 'd', at(1)), c('r1', 'phone', 'e', at(1))]);
    expect(latestCells([])).toEqual([]);
  });

  it('mergeStore folds rows of several tables and lists only the rows that changed', () => {
    const store: Store = new Map();
    const first = [c('r1', 'name', 'a', at(2)), c('r2', 'name', 'b', at(1)), { ...c('v1', 'status', 'booked', at(1)), table: 'visit' }];
    expect(mergeStore(store, first)).toEqual([
      { table: 'client', rowId: 'r1', columns: ['name'] },
      { table: 'client', rowId: 'r2', columns: ['name'] },
      { table: 'visit', rowId: 'v1', columns: ['status'] },
    ]);
    expect(mergeStore(store, [c('r1', 'name', 'old', at(1)), c('r2', 'name', 'new', at(3))])).toEqual([{ table: 'client', rowId: 'r2', columns: ['name'] }]);
    expect(mergeStore(store, first)).toEqual([]);
    expect(rowValues(store.get('client')!.get('r2')!)).toEqual({ name: 'new' });
  });
});
