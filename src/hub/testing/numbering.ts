import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { deviceMarkOf, provisionalNumber } from '../../shared/sync/provisional';
import type { CellMessage } from '../../shared/sync/protocol';
import type { TestDevice } from './device';

/** A device numbering documents offline in one series, as the desktop does: its mark, its own counter. */
export class OfflineNumbering {
  private counter = 0;
  private ms = 0;
  readonly docs: { rowId: string; provisional: string }[] = [];
  constructor(
    readonly device: TestDevice,
    readonly seriesId: string,
    readonly prefix = 'RIX-',
    readonly table = 'intervention',
  ) {}

  /** `n` documents validated one after another: each with its series and provisional number, stamped in order. */
  validate(n: number): CellMessage[] {
    const cells: CellMessage[] = [];
    for (let i = 0; i < n; i++) {
      const rowId = randomUUID();
      const provisional = provisionalNumber(this.prefix, deviceMarkOf(this.device.installationId), ++this.counter);
      this.docs.push({ rowId, provisional });
      this.ms += 10;
      cells.push(this.device.cell(this.table, rowId, 'series_id', this.seriesId, { branchId: 'riga', msAfter: this.ms }));
      cells.push(this.device.cell(this.table, rowId, 'number', provisional, { branchId: 'riga', msAfter: this.ms }));
    }
    return cells;
  }
}

/** The series' row as a device pushes it when it is made. */
export function seriesCells(device: TestDevice, seriesId: string, opts: { prefix?: string; padding?: number; nextNumber?: number } = {}): CellMessage[] {
  return [
    device.cell('doc_series', seriesId, 'doc_type', 'intervention', { branchId: 'riga', msAfter: -60_000 }),
    device.cell('doc_series', seriesId, 'prefix', opts.prefix ?? 'RIX-', { branchId: 'riga', msAfter: -60_000 }),
    device.cell('doc_series', seriesId, 'padding', opts.padding ?? 6, { branchId: 'riga', msAfter: -60_000 }),
    device.cell('doc_series', seriesId, 'next_number', opts.nextNumber ?? 1, { branchId: 'riga', msAfter: -60_000 }),
  ];
}

/** What a replica holds after applying pulled cells: the greatest stamp per cell. */
export function latestValues(cells: readonly CellMessage[]): Map<string, CellMessage> {
  const out = new Map<string, CellMessage>();
  for (const c of cells) {
    const k = `${c.table}/${c.rowId}/${c.column}`;
    const held = out.get(k);
    if (!held || c.hlc > held.hlc) out.set(k, c);
  }
  return out;
}

/** Every document's number as a device sees it after pulling `cells` over its own pushed ones. */
export function numbersSeen(pushed: readonly CellMessage[], pulled: readonly CellMessage[], rowIds: readonly string[], table = 'intervention'): string[] {
  const latest = latestValues([...pushed, ...pulled]);
  return rowIds.map((id) => String(latest.get(`${table}/${id}/number`)?.value));
}

/** Final numbers 1…n of a series, each once: what every device must show in the end. */
export function expectContiguous(numbers: readonly string[], prefix = 'RIX-', padding = 6, first = 1): void {
  const expected = numbers.map((_, i) => `${prefix}${String(first + i).padStart(padding, '0')}`);
  expect([...numbers].sort()).toEqual(expected);
}
