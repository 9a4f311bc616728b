import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../../src/main/core';
import { TASK_INTAKE } from '../../src/main/modules/tasks';
import { startDovecot } from '../../src/main/testing/dovecot';
import type { TaskGridScope, TaskGroupField } from '../../src/shared/api/taskGrid';
import { call, login, openCore } from '../lib/app';
import { ensureGenerated } from '../lib/datasets';
import { BENCH_PASSWORD } from '../lib/generate';
import { TASKS, TASKS_GENERATOR_VERSION, type TasksMeta } from '../lib/generateTasks';
import type { BenchContext, Suite } from '../lib/suite';
import { sample } from '../lib/timing';

const BUDGET_MS = 15_000;
/**
 * The interventions grid's targets (README, Benchmarks): a page ≤ 5 ms, a count or a level of groups ≤ 50 ms at p95.
 * Measured once the memory index is ready (the core's `ready`).
 */
const PAGE_MS = 5;
const COUNT_MS = 50;
const MAILS = 1000;

async function gridFigures(ctx: BenchContext): Promise<void> {
  const { results, log } = ctx;
  const ds = await ensureGenerated<TasksMeta>(`tasks-${TASKS / 1000}k`, TASKS_GENERATOR_VERSION, 'generateTasks.ts', `${TASKS.toLocaleString('en')} tasks`, log);
  const opened = performance.now();
  const core = await openCore(ds.dir);
  await core.ready;
  const readyMs = performance.now() - opened;
  try {
    results.addValue('tasks grid: open to ready, memory index read from the table', 'ms', readyMs, null, `SQL answers the grid meanwhile; load ${os.loadavg()[0]!.toFixed(1)}`);
    const token = await login(core, ds.meta.login.login, ds.meta.login.password);
    const tasks = core.sqlite.prepare(`select count(*) from task where deleted_at is null`).pluck().get() as number;
    log(`dispatcher of both branches; ${tasks.toLocaleString('en')} tasks, ${(ds.meta.bytes / 1e6).toFixed(0)} MB`);
    results.addValue('tasks dataset: tasks', 'count', tasks, null, `2 branches, 40 employees, 20,000 clients, 3 years; generated in ${ds.meta.seconds.toFixed(0)} s`);
    const all: TaskGridScope = { filters: {} };
    const page = (scope: TaskGridScope, offset: number, extra: { sort?: 'client' | 'dueDate'; desc?: boolean } = {}) => call(core, token, 'tasks.grid.list', { scope, offset, limit: 100, ...extra });
    const opts = { warmup: 5, samples: 200, budgetMs: BUDGET_MS };

    results.addSamples('tasks grid: first page, dispatcher order (open first, urgent on top)', await sample(() => page(all, 0), opts), PAGE_MS);
    results.addSamples('tasks grid: page at offset 50,000', await sample((i) => page(all, 50_000 + (i % 20) * 100), opts), PAGE_MS);
    results.addSamples('tasks grid: page at offset 250,000', await sample((i) => page(all, 250_000 + (i % 20) * 100), { ...opts, samples: 60 }), PAGE_MS);
    results.addSamples('tasks grid: count, all', await sample(() => call(core, token, 'tasks.grid.count', { scope: all }), { ...opts, samples: 60 }), COUNT_MS);
    const open: TaskGridScope = { filters: { statuses: ['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval'] } };
    const openCount = (await call(core, token, 'tasks.grid.count', { scope: open })).total;
    results.addSamples('tasks grid: filtered (open work) count + first page', await sample(async () => Promise.all([call(core, token, 'tasks.grid.count', { scope: open }), page(open, 0)]), opts), COUNT_MS, {
      note: `${openCount.toLocaleString('en')} open tasks`,
    });
    // Counts of one scope are kept until the next change: a new filter each sample (more than the index keeps) scans.
    results.addSamples('tasks grid: count of a new filter each time (open work since a varying day)', await sample((i) => call(core, token, 'tasks.grid.count', { scope: { filters: { ...open.filters, dateFrom: `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}` } } }), { ...opts, samples: 60 }), COUNT_MS);
    const urgentOverdue: TaskGridScope = { filters: { priorities: ['urgent'], overdue: true } };
    results.addSamples('tasks grid: filtered (urgent and overdue) count + first page', await sample(async () => Promise.all([call(core, token, 'tasks.grid.count', { scope: urgentOverdue }), page(urgentOverdue, 0)]), { ...opts, samples: 60 }), COUNT_MS);
    results.addSamples('tasks grid: quick search (client name) count + first page', await sample(async (i) => {
      const scope: TaskGridScope = { filters: { search: ['Zariņš', 'Kalniņa', 'Bērziņ', 'Ozol'][i % 4]! } };
      return Promise.all([call(core, token, 'tasks.grid.count', { scope }), page(scope, 0)]);
    }, { ...opts, samples: 40 }), COUNT_MS);
    for (const field of ['status', 'priority', 'assignee', 'type', 'client'] as TaskGroupField[]) {
      const n = (await call(core, token, 'tasks.grid.groups', { scope: { filters: {}, groupBy: [{ field }] } })).length;
      results.addSamples(`tasks grid: group counts by ${field}`, await sample(() => call(core, token, 'tasks.grid.groups', { scope: { filters: {}, groupBy: [{ field }] } }), { ...opts, samples: 40 }), COUNT_MS, { note: `${n} groups` });
    }
    results.addSamples('tasks grid: inside a group (status = new), count + first page', await sample(async () => {
      const scope: TaskGridScope = { filters: {}, groupBy: [{ field: 'status' }], groupPath: ['new'] };
      return Promise.all([call(core, token, 'tasks.grid.count', { scope }), page(scope, 0)]);
    }, opts), COUNT_MS);
    results.addSamples('tasks grid: first page sorted by client (its order built on first use)', await sample(() => page(all, 0, { sort: 'client' }), { ...opts, samples: 20 }), PAGE_MS);
  } finally {
    await core.close();
  }
}

/** Time from the reader starting until every queued message is a task (or a note), against a real Dovecot. */
async function mailFigure(ctx: BenchContext): Promise<void> {
  const { results, log } = ctx;
  const dovecot = await startDovecot({ help: 'help-pass' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mail-'));
  let core: Core | null = null;
  try {
    core = await openCore(dir);
    const setup = await core.dispatch({
      name: 'setup.run',
      input: { orgName: 'Šiluma', country: 'LT', timeZone: 'Europe/Vilnius', orgPhone: '+37052000000', languages: ['lt', 'en'], branchName: 'Vilnius', ownerName: 'Jonas Petraitis', ownerLogin: 'owner', ownerPassword: BENCH_PASSWORD, ownerLanguage: 'lt' },
      sessionToken: null,
    });
    if (!setup.result.ok || !setup.sessionToken) throw new Error('setup.run failed');
    const owner = setup.sessionToken;
    const branchId = (await call(core, owner, 'branches.list', {}))[0]!.id;
    await call(core, owner, 'series.create', { docType: 'task', branchId, prefix: 'UZ-', padding: 6, nextNumber: 1 });
    // Queued before the reader starts: 1,000 requests from 250 senders, in Lithuanian, quoted-printable and base64.
    const t0 = performance.now();
    for (let i = 0; i < MAILS; i++) {
      await dovecot.deliver('help', {
        from: `"Klientas ${i % 250}" <client${i % 250}@example.test>`,
        to: 'help@example.test',
        subject: `Neveikia šildymas Nr. ${i}`,
        text: `Laba diena,\nbute ${i} neveikia šildymas. Prašau atvykti.\nAčiū`,
        textEncoding: i % 2 ? 'base64' : 'quoted-printable',
        messageId: `<bench-${i}@example.test>`,
      });
    }
    log(`${MAILS} messages delivered over LMTP in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await call(core, owner, 'tasks.saveMailbox', { branchId, name: 'Help', host: '127.0.0.1', port: dovecot.imapPort, tls: false, login: 'help', password: 'help-pass', folder: 'INBOX', doneFolder: 'Taken', enabled: true, pollSec: 15 });
    const intake = core.services.get(TASK_INTAKE);
    const count = () => core!.sqlite.prepare(`select count(*) from task_mail`).pluck().get() as number;
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    await intake.sync();
    while (count() < MAILS) {
      if (performance.now() - started > 120_000) throw new Error(`only ${count()} of ${MAILS} messages taken in 120 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await intake.stop();
    const made = core.sqlite.prepare(`select count(*) from task where source = 'email'`).pluck().get() as number;
    if (made !== MAILS) throw new Error(`${made} tasks from ${MAILS} messages`);
    results.addValue(`tasks: ingesting ${MAILS.toLocaleString('en')} queued e-mails (Dovecot, IMAP)`, 's', seconds, 30, `${made} tasks, 250 senders matched or made clients; committed a fetched chunk (up to 50) at a time, then flagged and moved; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load ${os.loadavg()[0]!.toFixed(1)}`);
    log(`ingested in ${seconds.toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
  } finally {
    await core?.close();
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const tasksSuite: Suite = {
  id: 'tasks',
  title: `Tasks grid at ${TASKS.toLocaleString('en')} tasks through the dispatcher`,
  run: gridFigures,
};

export const tasksMailSuite: Suite = {
  id: 'tasksMail',
  title: `Tasks: ${MAILS.toLocaleString('en')} queued e-mails ingested from a real Dovecot`,
  run: mailFigure,
};
