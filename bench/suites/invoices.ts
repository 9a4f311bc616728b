import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { call, openCore } from '../lib/app';
import { time } from '../lib/timing';
import type { Suite } from '../lib/suite';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);
const TASKS = Number(process.env.BENCH_TASKS ?? 50_000);
const MONTH = '2026-11';
const RUNS = 3;

/**
 * A month's invoices for 2,000 clients from 50,000 done tasks: each task with a timer entry (a third of them on a task
 * type with its own rate, the rest at the employee's) and every fourth with a material, as `invoices.generate` reads
 * them. The month is generated three times: the first makes the drafts, the next ones replace them (the regeneration
 * a manager runs after correcting time), each through the write funnel with its change records.
 */
export const invoicesSuite: Suite = {
  id: 'invoices',
  title: 'Invoices: a month for 2,000 clients from 50,000 tasks',
  async run({ results, log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-bench-invoices-'));
    const core = await openCore(dir);
    try {
      const setup = await core.dispatch({
        name: 'setup.run',
        input: { orgName: 'UAB Šiluma', country: 'LT', timeZone: 'Europe/Vilnius', languages: ['lt', 'en'], branchName: 'Vilnius', ownerName: 'Ona Jonaitienė', ownerLogin: 'owner', ownerPassword: 'bench-pass-1', ownerLanguage: 'lt' },
        sessionToken: null,
      });
      if (!setup.result.ok || !setup.sessionToken) throw new Error(`setup.run failed: ${JSON.stringify(setup.result)}`);
      const owner = setup.sessionToken;
      const orgId = (await call(core, owner, 'auth.me', {}))!.orgId;
      const branchId = (await call(core, owner, 'branches.list', {}))[0]!.id;
      const employees: string[] = [];
      for (let i = 0; i < 10; i++) employees.push((await call(core, owner, 'users.create', { login: `tech.${i}`, password: 'bench-pass-1', name: `Technikas ${i}`, role: 'employee', language: 'lt', branchIds: [branchId] })).id);
      const types: string[] = [];
      for (let i = 0; i < 3; i++) types.push((await call(core, owner, 'tasks.saveType', { name: `Tipas ${i}`, active: true })).id);

      // The month's work written straight into the file: generating it through the services would take longer than the figure.
      const db = core.sqlite;
      const at = '2026-11-01T00:00:00.000Z';
      db.transaction(() => {
        db.prepare('update task_type set hourly_rate_minor = 5500 where id = ?').run(types[0]);
        db.prepare('update app_user set hourly_rate_minor = 3500 where role = ?').run('employee');
        const insClient = db.prepare(`insert into client (id, org_id, kind, name, name_key, fiscal_code, preferred_language, created_at, updated_at, version) values (?, ?, 'company', ?, ?, ?, 'lt', ?, ?, 1)`);
        const clients: string[] = [];
        for (let i = 0; i < CLIENTS; i++) {
          const id = randomUUID();
          clients.push(id);
          insClient.run(id, orgId, `UAB Klientas ${i}`, `uab klientas ${i}`, String(300000000 + i), at, at);
        }
        const insTask = db.prepare(
          `insert into task (id, org_id, branch_id, number, doc_date, client_id, client_name, client_name_key, priority, priority_rank, type_id, subject, assignee_id, status, source, done_at, created_at, updated_at, version)
           values (?, ?, ?, ?, ?, ?, ?, ?, 'medium', 1, ?, ?, ?, 'done', 'manual', ?, ?, ?, 1)`,
        );
        const insTime = db.prepare(
          `insert into task_time_entry (id, org_id, branch_id, task_id, employee_id, started_at, ended_at, seconds, day, source, billable, created_at, updated_at, version)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'timer', 1, ?, ?, 1)`,
        );
        const insMaterial = db.prepare(
          `insert into task_material (id, org_id, branch_id, task_id, name, quantity_milli, unit, unit_price_minor, vat_bp, created_at, updated_at, version)
           values (?, ?, ?, ?, 'Vamzdis', 1500, 'MTR', 420, null, ?, ?, 1)`,
        );
        for (let i = 0; i < TASKS; i++) {
          const id = randomUUID();
          const day = 1 + (i % 28);
          const done = `2026-11-${String(day).padStart(2, '0')}T12:00:00.000Z`;
          const start = `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`;
          insTask.run(id, orgId, branchId, `UZD-${i}`, done.slice(0, 10), clients[i % CLIENTS], `UAB Klientas ${i % CLIENTS}`, `uab klientas ${i % CLIENTS}`, types[i % 3], `Darbas ${i}`, employees[i % 10], done, done, done);
          const seconds = 600 + ((i * 7_919) % 14_400);
          insTime.run(randomUUID(), orgId, branchId, id, employees[i % 10], start, new Date(Date.parse(start) + seconds * 1000).toISOString(), seconds, done.slice(0, 10), done, done);
          if (i % 4 === 0) insMaterial.run(randomUUID(), orgId, branchId, id, done, done);
        }
      })();
      log(`${CLIENTS.toLocaleString('en')} clients, ${TASKS.toLocaleString('en')} done tasks with their time, ${(TASKS / 4).toLocaleString('en')} materials`);

      const times: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // CPU time beside wall time: on a shared machine the wall clock also counts other people's work.
        const c0 = process.cpuUsage();
        const { ms, value } = await time(() => call(core, owner, 'invoices.generate', { month: MONTH }));
        const c1 = process.cpuUsage(c0);
        times.push(ms);
        cpu.push((c1.user + c1.system) / 1000);
        log(`run ${run + 1}: ${value.drafts} drafts (${value.replaced} replaced, ${value.unchanged} unchanged) from ${value.tasks} tasks in ${ms.toFixed(0)} ms (CPU ${cpu[run]!.toFixed(0)} ms)`);
      }
      const lines = db.prepare('select count(*) from invoice_line where deleted_at is null').pluck().get() as number;
      log(`${lines.toLocaleString('en')} lines on the month's drafts`);
      results.addValue(
        `invoices: generating a month for ${CLIENTS.toLocaleString('en')} clients from ${TASKS.toLocaleString('en')} tasks`,
        'ms',
        Math.max(...times),
        10_000,
        `worst of ${RUNS} runs (first ${times[0]!.toFixed(0)} ms, CPU ${cpu[0]!.toFixed(0)} ms, makes the drafts; the others find them unchanged, CPU ${cpu[RUNS - 1]!.toFixed(0)} ms); ${lines.toLocaleString('en')} lines`,
      );
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
