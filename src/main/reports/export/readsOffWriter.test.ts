import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordImported } from '../../api/funnel';
import type { GridColumn } from '../../../shared/api/interventions';
import { newId } from '../../db/ids';
import { setupOrg, startTestApp, type TestApp } from '../../testing/harness';
import { resolveReportFile } from '../files';
import { INTERVENTION_INDEX } from '../../modules/interventions';

/** Enough rows that the export outlasts a second on a quiet machine too (40,000 took 0.99 s on one). */
const ROWS = 60_000;
const COLUMNS: GridColumn[] = ['status', 'number', 'docDate', 'client', 'startAt', 'priority', 'valid', 'notes', 'phone', 'address'];
const CLIENT_NAME = 'Concurrency Client ā';

let app: TestApp;
let owner: string;
let branchId: string;
let clientId: string;
const lines: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ log: (msg) => void lines.push(msg) });
  owner = await setupOrg(app);
  branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const client = await app.call(owner, 'clients.create', { kind: 'person', name: CLIENT_NAME, phones: [{ number: '+37167000111' }], emails: [], addresses: [], contacts: [] });
  clientId = client.client.id;
  const orgId = (await app.call(owner, 'auth.me', {}))!.orgId;
  // Seeded around the service in one transaction (as the bench's generator does), then the memory index reads them.
  app.core.sqlite.transaction(() => {
    const stmt = app.core.sqlite.prepare(
      `insert into intervention (id, org_id, branch_id, doc_date, client_id, priority, confirmed_real, status, valid, client_name, client_name_key, notes, created_at, updated_at, version)
       values (?, ?, ?, ?, ?, 2, 0, 'received', 0, ?, 'concurrency client a', ?, ?, ?, 1)`,
    );
    for (let i = 0; i < ROWS; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      stmt.run(newId(app.clock), orgId, branchId, `2026-10-${day}`, clientId, CLIENT_NAME, `bulk row ${i} with some notes`, '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z');
    }
    recordImported(app.core.sqlite, 'intervention');
  })();
  await app.core.services.get(INTERVENTION_INDEX).reload(app.core.db, app.core.sqlite);
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (app) fs.rmSync(app.dir, { recursive: true, force: true });
});

const ROUNDS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const start = performance.now();
  const out = await fn();
  return { ms: performance.now() - start, out };
}

describe('reads off the writer', () => {
  it('while a long XLSX export runs, grid pages and saves answer within 50 ms (median; none near the length of the export), and the export still has every row', async () => {
    let doc = await app.call(owner, 'interventions.create', { branchId, clientId, priority: 'high', docDate: '2026-11-23', notes: 'edited during the export' });
    const scope = { filters: { dateTo: '2026-10-31' } };
    const list = () => app.call(owner, 'interventions.list', { scope: { filters: {} }, offset: 0, limit: 50 });
    const update = (notes: string) => app.call(owner, 'interventions.update', { id: doc.id, version: doc.version, branchId, clientId, priority: 'high', docDate: '2026-11-23', notes });
    // Warmed up first: what is measured is waiting on the export, not a first call's compiling.
    await list();
    doc = await update('warm-up');
    let finished = false;
    const started = performance.now();
    const exporting = app.call(owner, 'export.interventions', { scope, columns: COLUMNS, format: 'xlsx' }).finally(() => (finished = true));

    const page: number[] = [];
    const save: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, 80));
      const listed = await timed(list);
      expect(listed.out.rows).toHaveLength(50);
      page.push(listed.ms);
      const saved = await timed(() => update(`saved in round ${round}`));
      doc = saved.out;
      save.push(saved.ms);
      // Only answers given while the export was still running prove anything.
      expect(finished).toBe(false);
    }

    // Waiting on the export would take its whole run (over a second); answering between its pages takes a few ms.
    // On an idle machine every answer is within 50 ms; on a loaded one the scheduler alone can add tens of ms to
    // one, so the typical answer (the median) is held to 50 ms and every one to far less than the export's run.
    expect(median(page)).toBeLessThan(50);
    expect(median(save)).toBeLessThan(50);
    expect(Math.max(...page, ...save)).toBeLessThan(250);
    const r = await exporting;
    const exportMs = performance.now() - started;
    expect(exportMs).toBeGreaterThan(1000);
    expect(r.rows).toBe(ROWS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(resolveReportFile(app.core.config.dataDir, r.fileId)!.path);
    expect(wb.worksheets[0]!.actualRowCount - 1).toBe(ROWS);
    // The saves went through: the last one is what a new read sees.
    expect((await app.call(owner, 'interventions.get', { id: doc.id })).notes).toBe(`saved in round ${ROUNDS - 1}`);

    // The slow call is logged by name and duration, and nothing of what it read or was asked.
    const slow = lines.filter((l) => l.startsWith('slow call:'));
    expect(slow.some((l) => /^slow call: export\.interventions took \d+ ms$/.test(l))).toBe(true);
    expect(slow.join('\n')).not.toMatch(/Concurrency|bulk row|2026-10|dateTo/);
  }, 120_000);
});
