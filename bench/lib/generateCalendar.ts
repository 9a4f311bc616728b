/**
 * Benchmark data for the calendar: an organization set up through the real core (two branches on Riga's clock, a
 * dispatcher of both, 50 employees), then their weeks, services, 20,000 clients and a year of visits — every working
 * day full from 09:00 to 18:00 with visits of 15–45 minutes and a lunch break — written straight through
 * better-sqlite3 and entered in the change record with `recordAllImported`, as the interventions bench does.
 *
 *   tsx bench/lib/generateCalendar.ts <dir>      (the suite runs this in a child process when its cache misses)
 *
 * Saturdays and Sundays are left free: the booking figure books there. Bump CALENDAR_GENERATOR_VERSION whenever what
 * is generated changes: cached databases are keyed by it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Temporal } from 'temporal-polyfill';
import { v7 as uuidv7 } from 'uuid';
import { recordAllImported } from '../../src/main/api/funnel';
import { reversedDigits } from '../../src/shared/rules/phone';
import { foldKey } from '../../src/shared/rules/text';
import { instantAt } from '../../src/shared/rules/zonedTime';
import { benchConfig, call, openCore } from './app';
import { BENCH_PASSWORD as PASSWORD, rng } from './generate';
import { PEOPLE } from './names';

export const CALENDAR_GENERATOR_VERSION = 2;
export const CALENDAR_YEAR = { from: '2026-01-01', to: '2026-12-31' };
const TZ = 'Europe/Riga';
const EMPLOYEES = 50;
const CLIENTS = 20_000;

export interface CalendarMeta {
  generatorVersion: number;
  seconds: number;
  bytes: number;
  visits: number;
  lines: number;
  payments: number;
  branchIds: string[];
  /** Employees per branch, in the order generated. */
  employees: string[][];
  serviceIds: string[][];
  clientIds: string[];
  login: { login: string; password: string };
}

const WEEK = JSON.stringify(Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '13:00'], ['13:30', '18:00']]])));

export async function generateCalendar(dir: string, log: (msg: string) => void = console.log): Promise<CalendarMeta> {
  const t0 = Date.now();
  const rand = rng(20261206);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const bytes16 = () => Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256));
  const newId = (ms: number) => uuidv7({ msecs: Math.floor(ms), random: bytes16() });
  const iso = (ms: number) => new Date(ms).toISOString();

  fs.mkdirSync(dir, { recursive: true });
  const core = await openCore(dir);
  let orgId = '';
  const branchIds: string[] = [];
  const employees: string[][] = [[], []];
  try {
    const setup = await core.dispatch({
      name: 'setup.run',
      input: { orgName: 'Klinika Sveikata', country: 'LV', timeZone: TZ, orgPhone: '+37167000000', languages: ['lv', 'en'], branchName: 'Rīga', ownerName: 'Jānis Bērziņš', ownerLogin: 'owner', ownerPassword: PASSWORD, ownerLanguage: 'lv' },
      sessionToken: null,
    });
    if (!setup.result.ok || !setup.sessionToken) throw new Error(`setup.run failed: ${JSON.stringify(setup.result)}`);
    const owner = setup.sessionToken;
    orgId = (await call(core, owner, 'auth.me', {}))!.orgId;
    branchIds.push((await call(core, owner, 'branches.list', {}))[0]!.id);
    branchIds.push((await call(core, owner, 'branches.create', { name: 'Jūrmala', address: 'Jomas iela 1, Jūrmala', timeZone: TZ })).id);
    let n = 0;
    const person = () => {
      const pool = PEOPLE.lv[n % 2 ? 'female' : 'male'];
      return `${pool.first[n % pool.first.length]} ${pool.last[(n++ * 7) % pool.last.length]}`;
    };
    await call(core, owner, 'users.create', { login: 'dispatcher.1', password: PASSWORD, name: person(), role: 'dispatcher', language: 'lv', branchIds });
    for (let i = 0; i < EMPLOYEES; i++) {
      const b = i % 2;
      employees[b]!.push((await call(core, owner, 'users.create', { login: `doctor.${i + 1}`, password: PASSWORD, name: person(), role: 'employee', language: 'lv', branchIds: [branchIds[b]!] })).id);
    }
  } finally {
    await core.close();
  }
  log(`  organization, 2 branches, ${EMPLOYEES} employees through the core (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  const db = new Database(benchConfig(dir).dbFile);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  const made = iso(Date.parse('2025-12-15T08:00:00Z'));
  const synced = (id: string) => [id, orgId, made, made] as const;
  const SERVICES = [
    ['Konsultācija', 30, 4500, '#1c7ed6'],
    ['Atkārtota konsultācija', 20, 3000, '#2b8a3e'],
    ['Procedūra', 45, 7000, '#e8590c'],
    ['Analīzes', 15, 1500, '#862e9c'],
  ] as const;
  const MIX = [0, 0, 0, 1, 1, 1, 2, 3, 3, 3];
  const serviceIds: string[][] = [[], []];
  const clientIds: string[] = [];
  db.transaction(() => {
    const insWeek = db.prepare(`insert into work_schedule (id, org_id, created_at, updated_at, deleted_at, version, branch_id, user_id, week) values (?, ?, ?, ?, null, 1, ?, ?, ?)`);
    const insService = db.prepare(
      `insert into service (id, org_id, created_at, updated_at, deleted_at, version, branch_id, name, duration_min, price_minor, currency, colour, performers, active) values (?, ?, ?, ?, null, 1, ?, ?, ?, ?, 'EUR', ?, ?, 1)`,
    );
    for (let b = 0; b < 2; b++) {
      for (const u of employees[b]!) insWeek.run(...synced(newId(Date.parse(made))), branchIds[b]!, u, WEEK);
      for (const [name, min, price, colour] of SERVICES) {
        const id = newId(Date.parse(made));
        serviceIds[b]!.push(id);
        insService.run(...synced(id), branchIds[b]!, name, min, price, colour, JSON.stringify(employees[b]));
      }
    }
    const insClient = db.prepare(
      `insert into client (id, org_id, kind, name, name_key, fiscal_code, preferred_language, notes, responsible_id, primary_phone, primary_email, primary_locality, created_at, updated_at, deleted_at, version) values (?, ?, 'person', ?, ?, null, 'lv', null, null, ?, null, null, ?, ?, null, 1)`,
    );
    const insPhone = db.prepare(`insert into client_phone (id, org_id, client_id, position, created_at, updated_at, deleted_at, version, number, label, digits_rev) values (?, ?, ?, 0, ?, ?, null, 1, ?, 'mobile', ?)`);
    for (let i = 0; i < CLIENTS; i++) {
      const p = PEOPLE.lv[rand() < 0.6 ? 'female' : 'male'];
      const name = `${pick(p.first)} ${pick(p.last)}`;
      const phone = `+3712${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`;
      const id = newId(Date.parse(made));
      clientIds.push(id);
      insClient.run(id, orgId, name, foldKey(name), phone, made, made);
      insPhone.run(newId(Date.parse(made)), orgId, id, made, made, phone, reversedDigits(phone));
    }
  })();

  // ---- visits: every working day of the year, each employee booked from 09:00 to 18:00 with lunch free ----
  const insVisit = db.prepare(
    `insert into visit (id, org_id, created_at, updated_at, deleted_at, version, branch_id, user_id, kind, client_id, starts_at, ends_at, status, cancel_reason, first_consultation, asap, notes, source_id, service_id, reminder, total_minor, paid_minor, currency, created_by)
     values (?, ?, ?, ?, null, 1, ?, ?, 'visit', ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?, 'EUR', null)`,
  );
  const insLine = db.prepare(`insert into visit_line (id, org_id, created_at, updated_at, deleted_at, version, branch_id, visit_id, kind, service_id, product_id, name, quantity, price_minor) values (?, ?, ?, ?, null, 1, ?, ?, 'service', ?, null, ?, 1, ?)`);
  const insPay = db.prepare(`insert into visit_payment (id, org_id, created_at, updated_at, deleted_at, version, branch_id, visit_id, method, amount_minor, paid_at, note) values (?, ?, ?, ?, null, 1, ?, ?, ?, ?, ?, null)`);
  const today = Date.parse('2026-12-06T12:00:00Z');
  let visits = 0;
  let lines = 0;
  let payments = 0;
  const last = Temporal.PlainDate.from(CALENDAR_YEAR.to);
  for (let d = Temporal.PlainDate.from(CALENDAR_YEAR.from); Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
    if (d.dayOfWeek > 5) continue;
    const day = d.toString();
    const blocks = [
      [Date.parse(instantAt(`${day}T09:00`, TZ)!), Date.parse(instantAt(`${day}T13:00`, TZ)!)],
      [Date.parse(instantAt(`${day}T13:30`, TZ)!), Date.parse(instantAt(`${day}T18:00`, TZ)!)],
    ];
    db.transaction(() => {
      for (let b = 0; b < 2; b++) {
        for (const u of employees[b]!) {
          for (const [from, to] of blocks) {
            for (let t = from!; ; ) {
              // Consultations and tests most, procedures least: about 24 minutes a visit.
              const s = pick(MIX);
              const [name, min, price] = SERVICES[s]!;
              const end = t + min * 60_000;
              if (end > to!) break;
              const past = end < today;
              const r = rand();
              const status = past ? (r < 0.9 ? 'arrived' : r < 0.96 ? 'no_show' : 'cancelled') : r < 0.97 ? 'booked' : 'cancelled';
              const paid = status === 'arrived' && rand() < 0.9 ? price : 0;
              const id = newId(t - 14 * 86_400_000);
              const stamp = iso(t - 14 * 86_400_000);
              insVisit.run(id, orgId, stamp, stamp, branchIds[b]!, u, pick(clientIds), iso(t), iso(end), status, status === 'cancelled' ? 'Klients atcēla' : null, rand() < 0.1 ? 1 : 0, !past && status === 'booked' && rand() < 0.04 ? 1 : 0, serviceIds[b]![s]!, past ? (rand() < 0.9 ? 'will_come' : 'no_answer') : 'none', price, paid);
              insLine.run(newId(t), orgId, stamp, stamp, branchIds[b]!, id, serviceIds[b]![s]!, name, price);
              visits++;
              lines++;
              if (paid) {
                insPay.run(newId(end), orgId, iso(end), iso(end), branchIds[b]!, id, rand() < 0.6 ? 'card' : 'cash', paid, iso(end));
                payments++;
              }
              // Mostly back to back, sometimes a free quarter of an hour.
              t = end + (rand() < 0.04 ? 15 * 60_000 : 0);
            }
          }
        }
      }
    })();
  }
  log(`  ${visits.toLocaleString('en')} visits, ${lines.toLocaleString('en')} lines, ${payments.toLocaleString('en')} payments (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const recorded = recordAllImported(db);
  db.exec('ANALYZE');
  db.close();
  log(`  change record: ${recorded.toLocaleString('en')} rows; ANALYZE (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const meta: CalendarMeta = {
    generatorVersion: CALENDAR_GENERATOR_VERSION,
    seconds: (Date.now() - t0) / 1000,
    bytes: fs.statSync(benchConfig(dir).dbFile).size,
    visits,
    lines,
    payments,
    branchIds,
    employees,
    serviceIds,
    clientIds: clientIds.slice(0, 500),
    login: { login: 'dispatcher.1', password: PASSWORD },
  };
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
  return meta;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: generateCalendar.ts <dir>');
  await generateCalendar(dir);
}
