/**
 * Benchmark data for the tasks grid: an organization set up through the real core (two branches, a dispatcher of
 * both, 40 employees, task types), then 20,000 clients and 500,000 tasks over three years — most done or cancelled,
 * the rest spread over the open statuses, a tenth urgent, due dates on most — written straight through
 * better-sqlite3 and entered in the change record with `recordAllImported`, as the other benches do.
 *
 *   tsx bench/lib/generateTasks.ts <dir> [tasks]
 *
 * Bump TASKS_GENERATOR_VERSION whenever what is generated changes: cached databases are keyed by it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { recordAllImported } from '../../src/main/api/funnel';
import { foldKey } from '../../src/shared/rules/text';
import { PRIORITY_RANK, type TaskPriority } from '../../src/shared/rules/tasks/status';
import { benchConfig, call, openCore } from './app';
import { BENCH_PASSWORD as PASSWORD, rng } from './generate';
import { PEOPLE } from './names';

export const TASKS_GENERATOR_VERSION = 1;
export const TASKS = 500_000;
const EMPLOYEES = 40;
const CLIENTS = 20_000;
const TYPES = ['Katilo remontas', 'Šildymo patikra', 'Vandentiekis', 'Elektra', 'Kondicionieriai', 'Dujų įranga', 'Montavimas', 'Konsultacija'];
const STREETS = ['Gedimino pr.', 'Laisvės al.', 'Savanorių pr.', 'Vilniaus g.', 'Pilies g.', 'Kauno g.', 'Žalgirio g.'];
const TOWNS = ['Vilnius', 'Kaunas', 'Klaipėda', 'Šiauliai', 'Panevėžys'];

export interface TasksMeta {
  generatorVersion: number;
  seconds: number;
  bytes: number;
  tasks: number;
  branchIds: string[];
  employees: string[];
  typeIds: string[];
  clientIds: string[];
  login: { login: string; password: string };
}

export async function generateTasks(dir: string, count = TASKS, log: (msg: string) => void = console.log): Promise<TasksMeta> {
  const t0 = Date.now();
  const rand = rng(20261207);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const bytes16 = () => Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256));
  const newId = (ms: number) => uuidv7({ msecs: Math.floor(ms), random: bytes16() });
  const iso = (ms: number) => new Date(ms).toISOString();

  fs.mkdirSync(dir, { recursive: true });
  const core = await openCore(dir);
  let orgId = '';
  const branchIds: string[] = [];
  const employees: string[] = [];
  const employeeBranch: number[] = [];
  const typeIds: string[] = [];
  const seriesIds: string[] = [];
  let dispatcherId = '';
  try {
    const setup = await core.dispatch({
      name: 'setup.run',
      input: { orgName: 'Šiluma ir Ko', country: 'LT', timeZone: 'Europe/Vilnius', orgPhone: '+37052000000', languages: ['lt', 'en'], branchName: 'Vilnius', ownerName: 'Jonas Petraitis', ownerLogin: 'owner', ownerPassword: PASSWORD, ownerLanguage: 'lt' },
      sessionToken: null,
    });
    if (!setup.result.ok || !setup.sessionToken) throw new Error(`setup.run failed: ${JSON.stringify(setup.result)}`);
    const owner = setup.sessionToken;
    orgId = (await call(core, owner, 'auth.me', {}))!.orgId;
    branchIds.push((await call(core, owner, 'branches.list', {}))[0]!.id);
    branchIds.push((await call(core, owner, 'branches.create', { name: 'Kaunas', address: 'Laisvės al. 1, Kaunas', timeZone: 'Europe/Vilnius' })).id);
    for (const [b, prefix] of [[0, 'VNO-'], [1, 'KUN-']] as const) seriesIds.push((await call(core, owner, 'series.create', { docType: 'task', branchId: branchIds[b]!, prefix, padding: 6, nextNumber: 1 })).id);
    let n = 0;
    const person = () => {
      const pool = PEOPLE.lv[n % 2 ? 'female' : 'male'];
      return `${pool.first[n % pool.first.length]} ${pool.last[(n++ * 7) % pool.last.length]}`;
    };
    dispatcherId = (await call(core, owner, 'users.create', { login: 'dispatcher.1', password: PASSWORD, name: person(), role: 'dispatcher', language: 'lt', branchIds })).id;
    for (let i = 0; i < EMPLOYEES; i++) {
      employees.push((await call(core, owner, 'users.create', { login: `tech.${i + 1}`, password: PASSWORD, name: person(), role: 'employee', language: 'lt', branchIds: [branchIds[i % 2]!] })).id);
      employeeBranch.push(i % 2);
    }
    for (const name of TYPES) typeIds.push((await call(core, owner, 'tasks.saveType', { name, active: true })).id);
  } finally {
    await core.close();
  }
  log(`  organization, 2 branches, ${EMPLOYEES} employees, ${TYPES.length} task types through the core (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  const db = new Database(benchConfig(dir).dbFile);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  const made = iso(Date.parse('2023-11-01T08:00:00Z'));
  const clients: { id: string; name: string; key: string; email: string; phone: string }[] = [];
  db.transaction(() => {
    const insClient = db.prepare(
      `insert into client (id, org_id, kind, name, name_key, fiscal_code, preferred_language, notes, responsible_id, primary_phone, primary_email, primary_locality, created_at, updated_at, deleted_at, version) values (?, ?, 'person', ?, ?, null, 'lt', null, null, ?, ?, null, ?, ?, null, 1)`,
    );
    for (let i = 0; i < CLIENTS; i++) {
      const p = PEOPLE.lv[rand() < 0.5 ? 'female' : 'male'];
      const name = `${pick(p.first)} ${pick(p.last)}`;
      const c = { id: newId(Date.parse(made)), name, key: foldKey(name), email: `client${i}@example.test`, phone: `+3706${String(Math.floor(rand() * 1e7)).padStart(7, '0')}` };
      clients.push(c);
      insClient.run(c.id, orgId, name, c.key, c.phone, c.email, made, made);
    }
  })();

  const ins = db.prepare(
    `insert into task (id, org_id, created_at, updated_at, deleted_at, version, branch_id, series_id, number, doc_date, client_id, client_name, client_name_key, client_email, client_phone, client_review,
       address, address_key, priority, priority_rank, type_id, subject, description, due_date, responsible_id, assignee_id, requested_assignee_id, status, source,
       assigned_at, acknowledged_at, started_at, submitted_at, done_at, cancelled_at, cancel_reason)
     values (?, ?, ?, ?, null, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const from = Date.parse('2023-12-01T06:00:00Z');
  const to = Date.parse('2026-12-06T16:00:00Z');
  const step = (to - from) / count;
  const numbers = [0, 0];
  const OPEN = ['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval'] as const;
  const BATCH = 20_000;
  for (let done = 0; done < count; ) {
    db.transaction(() => {
      for (const end = Math.min(count, done + BATCH); done < end; done++) {
        const at = from + done * step;
        const b = rand() < 0.6 ? 0 : 1;
        const c = pick(clients);
        // The last weeks hold the open work; older tasks are history, as in a service company's file.
        const age = to - at;
        const status = age < 21 * 86_400_000 ? (rand() < 0.8 ? pick(OPEN) : 'done') : rand() < 0.93 ? 'done' : rand() < 0.5 ? 'cancelled' : pick(OPEN);
        const r = rand();
        const priority: TaskPriority = r < 0.1 ? 'urgent' : r < 0.7 ? 'medium' : 'not_urgent';
        const staff = employees.filter((_, i) => employeeBranch[i] === b);
        const assignee = status === 'new' || (status === 'cancelled' && rand() < 0.5) ? null : pick(staff);
        const stamp = iso(at);
        const day = stamp.slice(0, 10);
        const due = rand() < 0.7 ? iso(at + (1 + Math.floor(rand() * 14)) * 86_400_000).slice(0, 10) : null;
        const address = `${pick(STREETS)} ${1 + Math.floor(rand() * 120)}, ${pick(TOWNS)}`;
        const closedAt = status === 'done' || status === 'cancelled' ? iso(at + (1 + rand() * 5) * 86_400_000) : null;
        const number = `${b === 0 ? 'VNO-' : 'KUN-'}${String(++numbers[b]!).padStart(6, '0')}`;
        ins.run(
          newId(at), orgId, stamp, closedAt ?? stamp, branchIds[b]!, seriesIds[b]!, number, day, c.id, c.name, c.key, c.email, c.phone,
          address, foldKey(address), priority, PRIORITY_RANK[priority], rand() < 0.85 ? pick(typeIds) : null, `${pick(TYPES)}: ${pick(['neveikia', 'gedimas', 'patikra', 'garantinis'])}`, due,
          dispatcherId, assignee, status, rand() < 0.55 ? 'email' : rand() < 0.6 ? 'manual' : 'web',
          assignee ? stamp : null, null, null, null, status === 'done' ? closedAt : null, status === 'cancelled' ? closedAt : null, status === 'cancelled' ? 'Klientas atšaukė' : null,
        );
      }
    })();
    if (done % 100_000 === 0) log(`  ${done.toLocaleString('en')} tasks (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const recorded = recordAllImported(db);
  db.exec('ANALYZE');
  db.close();
  log(`  change record: ${recorded.toLocaleString('en')} rows; ANALYZE (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  const meta: TasksMeta = {
    generatorVersion: TASKS_GENERATOR_VERSION,
    seconds: (Date.now() - t0) / 1000,
    bytes: fs.statSync(benchConfig(dir).dbFile).size,
    tasks: count,
    branchIds,
    employees,
    typeIds,
    clientIds: clients.slice(0, 500).map((c) => c.id),
    login: { login: 'dispatcher.1', password: PASSWORD },
  };
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
  return meta;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: generateTasks.ts <dir> [tasks]');
  await generateTasks(dir, process.argv[3] ? Number(process.argv[3]) : TASKS);
}
