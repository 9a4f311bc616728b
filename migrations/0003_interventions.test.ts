import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedUpTo, schemaNames, type MigratedDb } from '../src/main/testing/migrations';

let m: MigratedDb;
beforeEach(async () => {
  m = await migratedUpTo('0003_interventions');
});
afterEach(async () => m.close());

const T = '2026-11-23T09:00:00.000Z';

function addIntervention(id: string, over: Record<string, unknown> = {}) {
  const row = { id, org_id: 'o1', branch_id: 'b1', doc_date: '2026-11-23', client_id: 'c1', priority: 2, status: 'received', client_name: 'Jānis', client_name_key: 'janis', created_at: T, updated_at: T, ...over };
  const keys = Object.keys(row);
  m.sqlite.prepare(`insert into intervention (${keys.join(', ')}) values (${keys.map((k) => `@${k}`).join(', ')})`).run(row);
}

describe('0003_interventions', () => {
  it('adds the module tables and the grid indexes, each partial on live rows', () => {
    expect(schemaNames(m.sqlite, 'table')).toEqual(
      expect.arrayContaining(['nomenclature', 'product', 'intervention', 'intervention_note', 'approval', 'outbox', 'saved_view', 'intervention_fts']),
    );
    const grid = m.sqlite.prepare(`select name, sql from sqlite_master where type='index' and tbl_name='intervention' and sql is not null`).all() as { name: string; sql: string }[];
    expect(grid.length).toBeGreaterThanOrEqual(16);
    for (const ix of grid) expect(ix.sql, ix.name).toMatch(/where "deleted_at" is null/i);
  });

  it('plans the grid default sort and a zone filter on their indexes', () => {
    for (let i = 0; i < 3000; i++) addIntervention(`i${i}`, { zone_id: `z${i % 20}`, doc_date: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}` });
    m.sqlite.exec('analyze');
    const plan = (q: string) => (m.sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`select id from intervention where org_id='o1' and deleted_at is null order by doc_date desc, id desc limit 100`)).toMatch(/USING (COVERING )?INDEX intervention_date/);
    expect(plan(`select count(*) from intervention where org_id='o1' and deleted_at is null and zone_id='z1'`)).toMatch(/INDEX intervention_zone/);
  });

  it('keeps a contentless full-text index that can forget a row', () => {
    m.sqlite.prepare(`insert into intervention_fts(rowid, number, client, phone, notes) values (1, 'INT-00001', 'Bērziņš', '+37129123456 37129123456', 'katls tek')`).run();
    const hits = (q: string) => m.sqlite.prepare(`select rowid from intervention_fts where intervention_fts match ?`).pluck().all(q);
    expect(hits('"berz"*')).toEqual([1]);
    expect(hits('"37129123"*')).toEqual([1]);
    m.sqlite.prepare(`delete from intervention_fts where rowid = 1`).run();
    expect(hits('"berz"*')).toEqual([]);
  });

  it('refuses a timeline line for an intervention that does not exist', () => {
    const add = () =>
      m.sqlite.prepare(`insert into intervention_note (id, org_id, intervention_id, at, style, text, created_at, updated_at) values ('n1', 'o1', 'missing', ?, 1, 'x', ?, ?)`).run(T, T, T);
    expect(add).toThrow(/FOREIGN KEY/);
  });
});
