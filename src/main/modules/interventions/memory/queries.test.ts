import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../../shared/api/auth';
import { STATUSES, type GridScope } from '../../../../shared/api/interventions';
import { InterventionColumns, type IndexedRow } from './columns';
import { SortOrder } from './ordering';
import { planFor } from './plan';
import { countRows, OrderedResult } from './queries';

const ORG = 'org-1';
const owner: SessionUser = { id: 'u', orgId: ORG, orgName: 'Org', login: 'o', name: 'O', role: 'owner', language: 'en', branchIds: [] };

function row(rowid: number): IndexedRow {
  return {
    rowid,
    org_id: ORG,
    branch_id: `b${rowid % 2}`,
    deleted_at: null,
    doc_date: new Date(Date.UTC(2025, 0, 1 + (rowid * 7919) % 400)).toISOString().slice(0, 10),
    client_id: `c${rowid % 37}`,
    client_name: `Client ${rowid % 37}`,
    client_name_key: `client ${rowid % 37}`,
    taken_by_id: null,
    responsible_id: null,
    classification_id: null,
    classification2_id: null,
    classification3_id: null,
    zone_id: `z${rowid % 7}`,
    object_product_id: null,
    status: STATUSES[rowid % 5]!,
    priority: 1 + (rowid % 3),
    start_local: null,
    end_local: null,
    updated_at: '2025-01-01T00:00:00.000Z',
    number: null,
    address_key: null,
    notes: null,
    client_fiscal_code: null,
    client_phone: null,
    client_email: null,
    locality: null,
    county: null,
    country: null,
    object_serial: null,
    series_id: null,
    type_id: null,
    vehicle_id: null,
    contact_id: null,
    valid: 0,
    cancelled_at: null,
  };
}

/** Enough rows that a deep page needs the result extended several times (each walk asks for at least 1,000). */
function columns(n: number): InterventionColumns {
  const cols = new InterventionColumns();
  for (let r = 1; r <= n; r++) cols.write(row(r));
  return cols;
}

describe('ordered results found on demand', () => {
  const cols = columns(100_000);
  const order = new SortOrder(cols, 'docDate');
  const statusCodes = (names: readonly string[]) => names.map((n) => 1 + STATUSES.indexOf(n as (typeof STATUSES)[number]));
  const cases: [string, GridScope, (s: number) => boolean][] = [
    ['a zone and two statuses (sparse)', { filters: { zoneId: 'z2', statuses: ['received', 'finalized'] } }, (s) => cols.code.zone[s] === cols.ids.lookup('z2') && statusCodes(['received', 'finalized']).includes(cols.code.status[s]!)],
    ['four statuses of five (dense)', { filters: { statuses: ['received', 'allocated', 'confirmed', 'finalized'] } }, (s) => cols.code.status[s] !== 5],
  ];

  it.each(cases)('gives the same pages whatever order they are asked in: %s', (_, scope, matches) => {
    const plan = () => planFor(cols, owner, scope, 0, null, () => new Uint8Array(0));
    // What any page must be: every matching row, sorted by day then rowid, read from the end for "descending".
    const expected = Array.from(order.rows).filter(matches).reverse();
    expect(expected.length).toBeGreaterThan(5000);
    expect(countRows(cols, plan())).toBe(expected.length);
    const asked: [number, number][] = [[0, 50], [1500, 100], [40, 10], [expected.length - 30, 100], [3000, 2500], [999, 2]];
    const result = new OrderedResult(plan(), order, true);
    for (const [offset, limit] of asked) expect(Array.from(result.page(offset, limit)), `${offset}+${limit}`).toEqual(expected.slice(offset, offset + limit));
    // A fresh result asked for a deep page first, then around it, agrees too.
    const deepFirst = new OrderedResult(plan(), order, true);
    expect(Array.from(deepFirst.page(5000, 100))).toEqual(expected.slice(5000, 5100));
    expect(Array.from(deepFirst.page(4990, 20))).toEqual(expected.slice(4990, 5010));
    expect(Array.from(deepFirst.page(12_000, 3000))).toEqual(expected.slice(12_000, 15_000));
    expect(Array.from(deepFirst.page(expected.length + 10, 10))).toEqual([]);
  });

  it('keeps rows sorted as values change one by one', () => {
    const cols2 = columns(3000);
    const o = new SortOrder(cols2, 'docDate');
    for (let r = 1; r <= 3000; r += 7) {
      o.remove(r);
      cols2.write({ ...row(r), doc_date: '2024-06-15' });
      o.insert(r);
    }
    const rows = Array.from(o.rows);
    const sorted = [...rows].sort((a, b) => cols2.code.docDay[a]! - cols2.code.docDay[b]! || a - b);
    expect(rows).toEqual(sorted);
    expect(rows).toHaveLength(3000);
  });
});
