/**
 * XLSX/CSV export of 100,000 interventions: time and the core's peak memory (target ≤ 10 s, ≤ 400 MB).
 *
 *   npx tsx bench/interventions-export.ts [rows]
 *
 * The parent seeds a database once (direct SQL, like a branch after years of work), then runs each scenario in a fresh child
 * process that opens the core on it and exports through the dispatcher, so the child's peak RSS is the core's own.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GridColumn } from '../src/shared/api/interventions';
import { GRID_COLUMNS } from '../src/shared/api/interventions';
import { newId } from '../src/main/db/ids';
import { foldKey } from '../src/shared/rules/text';
import { OWNER, setupOrg, startTestApp, tempDir } from '../src/main/testing/harness';

const here = fileURLToPath(import.meta.url);
const TYPICAL: GridColumn[] = ['series', 'number', 'docDate', 'client', 'type', 'object', 'startAt', 'endAt', 'status', 'priority', 'takenBy', 'phone', 'locality', 'zone', 'notes'];
const SCENARIOS: Record<string, { format: 'xlsx' | 'csv'; columns: GridColumn[] }> = {
  'xlsx, 15 columns (a typical grid)': { format: 'xlsx', columns: TYPICAL },
  'xlsx, all 29 columns': { format: 'xlsx', columns: [...GRID_COLUMNS] },
  'csv, all 29 columns': { format: 'csv', columns: [...GRID_COLUMNS] },
};

async function seed(dir: string, rows: number): Promise<void> {
  const app = await startTestApp({}, dir);
  const owner = await setupOrg(app, { orgName: 'Bench Serviss' });
  const me = (await app.call(owner, 'auth.me', {}))!;
  const branchId = (await app.call(owner, 'branches.list', {}))[0]!.id;
  const db = app.core.sqlite;
  const stamp = '2026-01-01T00:00:00.000Z';
  const nom = db.prepare(`insert into nomenclature (id, org_id, kind, code, name, name_key, client_id, active, created_at, updated_at, version) values (?, ?, ?, null, ?, ?, null, 1, ?, ?, 1)`);
  const prod = db.prepare(`insert into product (id, org_id, code, name, name_key, is_system, active, created_at, updated_at, version) values (?, ?, ?, ?, ?, 0, 1, ?, ?, 1)`);
  const ins = db.prepare(
    `insert into intervention (id, org_id, branch_id, number, doc_date, client_id, priority, confirmed_real, type_id, object_product_id, object_serial,
       taken_by_id, start_at, end_at, start_local, end_local, status, valid, notes, zone_id, client_name, client_name_key, client_fiscal_code, client_phone,
       client_email, address, address_key, locality, county, country, created_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  db.transaction(() => {
    const types = ['Ремонт котла', 'Montaj centrală', 'Apkope', 'Սպասարկում'].map((name) => {
      const id = newId();
      nom.run(id, me.orgId, 'intervention_type', name, foldKey(name), stamp, stamp);
      return id;
    });
    const zones = ['Zona Ļaudonas', 'Kurzeme', 'Vidzeme', 'Latgale'].map((name) => {
      const id = newId();
      nom.run(id, me.orgId, 'zone', name, foldKey(name), stamp, stamp);
      return id;
    });
    const products = Array.from({ length: 50 }, (_, i) => {
      const id = newId();
      const name = `Cazan Ariston ăîșț ${i}`;
      prod.run(id, me.orgId, `CAZ-${i}`, name, foldKey(name), stamp, stamp);
      return id;
    });
    const statuses = ['received', 'allocated', 'confirmed', 'finalized', 'cancelled'];
    for (let i = 0; i < rows; i++) {
      const day = new Date(Date.UTC(2024, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
      const client = `SIA Ēriks Ķēniņš ${i % 2000}`;
      const start = `${day}T07:00:00.000Z`;
      ins.run(
        newId(),
        me.orgId,
        branchId,
        `INT-${String(i + 1).padStart(6, '0')}`,
        day,
        newId(),
        1 + (i % 3),
        types[i % types.length]!,
        products[i % products.length]!,
        `SN-${i % 5000}`,
        me.id,
        start,
        `${day}T09:30:00.000Z`,
        `${day}T09:00`,
        `${day}T11:30`,
        statuses[i % statuses.length]!,
        i % 2,
        `Nr. ${i}: ${i % 7 === 0 ? 'Boiler leaks, "urgent"; call before, ā ē ķ ļ ņ š ž ą ė į ų' : 'Apkope'}`,
        zones[i % zones.length]!,
        client,
        foldKey(client),
        `LV4000${String(i).padStart(6, '0')}`,
        `+3716700${String(i % 10000).padStart(4, '0')}`,
        `client${i % 2000}@example.lv`,
        `Ģertrūdes iela ${i % 200}`,
        foldKey(`Ģertrūdes iela ${i % 200}`),
        'Rīga',
        null,
        'LV',
        stamp,
        stamp,
      );
    }
  })();
  await app.close();
}

async function runScenario(dir: string, name: string): Promise<void> {
  const s = SCENARIOS[name]!;
  const app = await startTestApp({ validateOutput: false, log: (m, e) => console.error(m, e) }, dir);
  const token = await app.login(OWNER.login, OWNER.password);
  let last = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const off = app.core.bus.on((e) => {
    if (e.name === 'export.progress') last = (e.payload as { done: number }).done;
  });
  const r = await app.call(token, 'export.interventions', { scope: { filters: {} }, columns: s.columns, format: s.format, jobId: 'bench' });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  off();
  const size = fs.statSync(path.join(dir, 'reports', `${r.fileId}.${s.format}`)).size;
  await app.close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ name, rows: r.rows, progressDone: last, seconds: +(ms / 1000).toFixed(2), cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), peakRssMb: Math.round(peakMb), fileMb: +(size / 1e6).toFixed(1) }) + '\n');
}

async function main(): Promise<void> {
  if (process.argv[2] === '--run') return runScenario(process.argv[3]!, process.argv[4]!);
  const rows = Number(process.argv[2] ?? 100_000);
  const dir = tempDir('planora-bench-');
  const t0 = performance.now();
  await seed(dir, rows);
  console.log(`seeded ${rows} interventions in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`);
  if (process.env.SEED_ONLY) return;
  let failed = false;
  for (const name of Object.keys(SCENARIOS)) {
    const child = spawnSync(process.execPath, [...process.execArgv, here, '--run', dir, name], { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 });
    if (child.status !== 0) {
      console.error(child.stderr);
      failed = true;
      continue;
    }
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { seconds: number; peakRssMb: number };
    const ok = out.seconds <= 10 && out.peakRssMb <= 400;
    if (!ok) failed = true;
    console.log(`${ok ? 'ok  ' : 'SLOW'} ${JSON.stringify(out)}`);
  }
  if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

void main();
