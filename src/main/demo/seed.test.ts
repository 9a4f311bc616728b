import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, withCtx, type TestApp } from '../testing/harness';
import { DEMO_PASSWORD, DEMO_SEED, DEMO_LANGUAGE, seedDemo } from './seed';
import { planDemo } from './plan';
import { CLASSIFICATIONS, INTERVENTION_TYPES, PRODUCTS } from './lists';
import { demoAnnexTemplates } from './annexForms';
import { resolveReportFile } from '../reports/files';
import { DEMO_CHECKLIST_TASKS } from './taskChecklists';
import { DEMO_CHAT_TASKS } from './chatTasks';

// Few documents: the shape is what this proves; the full 3,000 are timed by `--demo` itself.
const COUNT = 150;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await withCtx(app, null, (ctx) => seedDemo(ctx, DEMO_LANGUAGE, COUNT));
}, 120_000);
afterAll(async () => app.close());

const rows = <T>(q: string, ...args: unknown[]) => app.core.sqlite.prepare(q).all(...args) as T[];

describe('the demo call centre, written through the services', () => {
  it('gives the dispatchers a busy board: tasks in every status over both branches, urgent ones on top, a mailbox to nowhere', async () => {
    const byBranch = rows<{ name: string; status: string; n: number }>(`select b.name, t.status, count(*) n from task t join branch b on b.id = t.branch_id group by 1, 2`);
    for (const branch of ['Rīga', 'Yerevan']) {
      const statuses = byBranch.filter((r) => r.name === branch).map((r) => r.status).sort();
      expect(statuses, branch).toEqual(['acknowledged', 'assigned', 'awaiting_approval', 'cancelled', 'done', 'in_progress', 'new']);
    }
    expect(byBranch.reduce((s, r) => s + r.n, 0)).toBe(320 + DEMO_CHECKLIST_TASKS + DEMO_CHAT_TASKS);
    const token = await app.login('dispatcher.riga', DEMO_PASSWORD);
    const page = await app.call(token, 'tasks.list', { statuses: ['new', 'assigned'] });
    expect(page.rows[0]!.priority).toBe('urgent');
    expect(new Set(page.rows.map((r) => r.number!.slice(0, 4)))).toEqual(new Set(['UZD-']));
    expect(rows(`select host, enabled from task_mailbox`)).toEqual([{ host: 'imap.invalid', enabled: 0 }]);
    expect(rows<{ n: number }>(`select count(*) n from task where done_at > ?`, new Date(app.clock.now()).toISOString())[0]!.n).toBe(0);
  });

  it('gives the worked tasks believable time: sessions by their technician, inside the work, never two at once', async () => {
    const entries = rows<{ task_status: string; employee_id: string; assignee_id: string; started_at: string; ended_at: string; seconds: number; task_started: string }>(
      `select t.status task_status, e.employee_id, t.assignee_id, e.started_at, e.ended_at, e.seconds, t.started_at task_started from task_time_entry e join task t on t.id = e.task_id`,
    );
    expect(new Set(entries.map((e) => e.task_status))).toEqual(new Set(['in_progress', 'awaiting_approval', 'done']));
    expect(entries.length).toBeGreaterThan(100);
    for (const e of entries) {
      expect(e.employee_id).toBe(e.assignee_id);
      expect(e.started_at >= e.task_started && e.ended_at <= new Date(app.clock.now()).toISOString()).toBe(true);
      expect(e.seconds).toBeGreaterThanOrEqual(300);
    }
    const overlaps = rows<{ n: number }>(
      `select count(*) n from task_time_entry a join task_time_entry b on a.employee_id = b.employee_id and a.id < b.id and a.started_at < b.ended_at and b.started_at < a.ended_at`,
    );
    expect(overlaps[0]!.n).toBe(0);
  });

  it('has task types with checklists, tasks awaiting approval with ticked lists, and one sent back and submitted again', async () => {
    const token = await app.login('manager.riga', DEMO_PASSWORD);
    const types = await app.call(token, 'tasks.types.list', {});
    const boiler = types.find((t) => t.name === 'Katla apkope')!;
    expect(boiler.items).toHaveLength(6);
    expect(boiler.items.filter((i) => i.required)).toHaveLength(4);
    const waiting = (await app.call(token, 'tasks.list', { statuses: ['awaiting_approval'] })).rows.filter((r) => types.some((t) => t.id === r.typeId && t.items.length));
    expect(waiting.length).toBe(3);
    for (const w of waiting) {
      const list = await app.call(token, 'tasks.checklist.get', { taskId: w.id });
      expect(list.done).toBe(list.total);
    }
    const verdicts = rows<{ text: string }>(`select n.text from task_note n join task t on t.id = n.task_id where t.branch_id = (select id from branch where name = 'Rīga') and n.text like '%"verdict"%'`).map((r) => JSON.parse(r.text).verdict);
    expect(verdicts.sort()).toEqual(['approved', 'rejected']);
    const back = rows<{ task_id: string }>(`select task_id from task_note where text like '%"verdict":"rejected"%' limit 1`)[0]!;
    expect((await app.call(token, 'tasks.get', { id: back.task_id })).status).toBe('awaiting_approval');
  });

  it('holds the planned documents in their planned states, numbered without gaps per branch', () => {
    const plan = planDemo({ seed: DEMO_SEED, now: app.clock.now(), language: DEMO_LANGUAGE, interventions: COUNT });
    const got = rows<{ status: string; valid: number; n: number }>('select status, valid, count(*) n from intervention where deleted_at is null group by 1, 2');
    const want = new Map<string, number>();
    for (const iv of plan.interventions) want.set(`${iv.status}/${iv.valid ? 1 : 0}`, (want.get(`${iv.status}/${iv.valid ? 1 : 0}`) ?? 0) + 1);
    expect(new Map(got.map((g) => [`${g.status}/${g.valid}`, g.n]))).toEqual(want);
    for (const prefix of ['RIX-', 'EVN-']) {
      const numbers = rows<{ number: string }>(`select number from intervention where number like '${prefix}%' order by number`).map((r) => Number(r.number.slice(4)));
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  });

  it('leaves an audit trail of every step, dated when it happened, and every document in the quick search', () => {
    const plan = planDemo({ seed: DEMO_SEED, now: app.clock.now(), language: DEMO_LANGUAGE, interventions: COUNT });
    const steps = plan.interventions.flatMap((iv) => iv.steps);
    const count = (kinds: string[]) => steps.filter((s) => kinds.includes(s.kind)).length;
    const audit = rows<{ entity: string; action: string; n: number; first: string }>(`select entity, action, count(*) n, min(at) first from audit_log where entity like 'intervention%' group by 1, 2`);
    const of = (entity: string, action: string) => audit.find((a) => a.entity === entity && a.action === action);
    expect(of('intervention', 'create')!.n).toBe(COUNT);
    expect(of('intervention', 'update')?.n ?? 0).toBe(count(['allocate']));
    expect(of('intervention', 'status')!.n).toBe(count(['validate', 'confirm', 'finalize', 'cancel']));
    expect(of('intervention_note', 'create')!.n).toBe(count(['note']));
    // Dated in the past, when the call came in, not when the demo was made.
    expect(Date.parse(of('intervention', 'create')!.first)).toBe(plan.interventions[0]!.createdAt);
    expect(rows<{ n: number }>('select count(*) n from intervention_search')[0]!.n).toBe(COUNT);
  });

  it('fills the reference lists in the organization language, with contracts of their clients', () => {
    const names = (kind: string) => rows<{ name: string }>('select name from nomenclature where kind = ? order by code', kind).map((r) => r.name);
    expect(names('intervention_type').sort()).toEqual(INTERVENTION_TYPES.map((t) => t.names[DEMO_LANGUAGE]).sort());
    expect(names('classification').sort()).toEqual(CLASSIFICATIONS.map((t) => t.names[DEMO_LANGUAGE]).sort());
    for (const kind of ['classification2', 'classification3', 'zone', 'vehicle', 'contract', 'estimate']) expect(names(kind).length, kind).toBeGreaterThan(1);
    expect(rows<{ n: number }>('select count(*) n from product')[0]!.n).toBe(PRODUCTS.length);
    expect(rows<{ n: number }>('select count(*) n from nomenclature where kind = ? and client_id is null', 'contract')[0]!.n).toBe(0);
  });

  it('shows dispatcher.riga a busy grid of their branch and appointments in the coming two weeks', async () => {
    const token = await app.login('dispatcher.riga', DEMO_PASSWORD);
    const riga = rows<{ n: number }>(`select count(*) n from intervention i join branch b on b.id = i.branch_id where b.name = 'Rīga'`)[0]!.n;
    expect((await app.call(token, 'interventions.count', { scope: { filters: {} } })).total).toBe(riga);
    const page = await app.call(token, 'interventions.list', { scope: { filters: {} }, offset: 0, limit: 50, sort: 'docDate', desc: true });
    expect(page.rows.length).toBe(Math.min(50, riga));
    const now = app.clock.now();
    const events = await app.call(token, 'interventions.calendar', { from: new Date(now).toISOString(), to: new Date(now + 14 * 86_400_000).toISOString() });
    expect(events.length).toBeGreaterThan(0);
  });

  it('gives Rīga\'s dispatcher and manager their own favorites and a busy My page', async () => {
    const dispatcher = await app.login('dispatcher.riga', DEMO_PASSWORD);
    const manager = await app.login('manager.riga', DEMO_PASSWORD);
    const favorites = await app.call(dispatcher, 'favorites.list', {});
    expect(favorites.map((f) => [f.kind, f.screen, f.shared])).toEqual([
      ['view', 'interventions', true],
      ['view', 'interventions', true],
      ['view', 'interventions', false],
      ['screen', 'interventions-calendar', false],
    ]);
    expect(favorites[0]!.name).toBe('Gaida sadali');
    expect((await app.call(manager, 'favorites.list', {})).map((f) => f.name ?? f.screen)).toEqual(['Augsta prioritāte, atvērtie', 'interventions']);
    // Each star is its person's: the view the manager shared is starred for the dispatcher only.
    const views = await app.call(manager, 'views.list', { module: 'interventions' });
    expect(views.find((v) => v.name === 'Gaida sadali')).toMatchObject({ shared: true, favorite: false });
    expect((await app.call(await app.login('tech.riga', DEMO_PASSWORD), 'favorites.list', {}))).toEqual([]);
    expect((await app.call(dispatcher, 'home.openInterventions', {})).total).toBeGreaterThan(0);
  });

  it('holds annex forms in the organization language that print on its documents', async () => {
    const token = await app.login('tech.riga', DEMO_PASSWORD);
    const templates = demoAnnexTemplates(DEMO_LANGUAGE);
    const stored = await app.call(token, 'annexForms.list', {});
    expect(stored.map((t) => t.name).sort()).toEqual(templates.map((t) => t.name).sort());
    expect(stored.find((t) => t.name === templates[1]!.name)!.type).toBe(INTERVENTION_TYPES.find((t) => t.code === 'MNT')!.names[DEMO_LANGUAGE]);
    const doc = (await app.call(token, 'interventions.list', { scope: { filters: { statuses: ['finalized'] } }, offset: 0, limit: 1, sort: 'docDate', desc: true })).rows[0]!;
    const offered = await app.call(token, 'annexForms.list', { interventionId: doc.id });
    const file = await app.call(token, 'annexForms.print', { interventionId: doc.id, templateId: offered.find((t) => t.name === templates[0]!.name)!.id });
    const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', resolveReportFile(app.dir, file.fileId)!.path, '-'], { encoding: 'utf8' });
    expect(pdf).toContain(doc.number!);
    expect(pdf).toContain('Darbu pieņemšanas akts');
  });

  it('stores the timeline files once, under their hash', () => {
    const files = rows<{ sha: string; name: string }>('select distinct attachment_sha256 sha, attachment_name name from intervention_note where attachment_sha256 is not null');
    for (const f of files) expect(fs.existsSync(path.join(app.core.config.attachmentsDir, f.sha.slice(0, 2), f.sha)), f.name).toBe(true);
    expect(rows<{ n: number }>('select count(*) n from intervention_note')[0]!.n).toBeGreaterThan(COUNT / 3);
  });
});

describe('the demo made in the language of the wizard', () => {
  it('writes its reference lists and notes in that language, and makes it the organization first one', async () => {
    const ro = await startTestApp();
    try {
      await withCtx(ro, null, (ctx) => seedDemo(ctx, 'ro', 10));
      const types = ro.core.sqlite.prepare(`select name from nomenclature where kind = 'intervention_type'`).pluck().all() as string[];
      expect(types.sort()).toEqual(INTERVENTION_TYPES.map((t) => t.names.ro).sort());
      expect(JSON.parse(ro.core.sqlite.prepare('select languages from org').pluck().get() as string)[0]).toBe('ro');
    } finally {
      await ro.close();
    }
  }, 120_000);
});

describe('the demo without a call centre', () => {
  it('is the organization, its staff and clients alone, its reference lists empty', async () => {
    const lean = await startTestApp();
    try {
      await withCtx(lean, null, (ctx) => seedDemo(ctx, DEMO_LANGUAGE, 0));
      const count = (table: string) => lean.core.sqlite.prepare(`select count(*) from ${table}`).pluck().get();
      expect([count('intervention'), count('nomenclature'), count('product'), count('client'), count('app_user')]).toEqual([0, 0, 0, 500, 13]);
    } finally {
      await lean.close();
    }
  }, 120_000);
});

describe('the demo calendar', () => {
  it('gives dispatcher.riga a busy week of visits and reports with something in them', async () => {
    const token = await app.login('dispatcher.riga', DEMO_PASSWORD);
    const now = app.clock.now();
    const week = await app.call(token, 'visits.range', { from: new Date(now - 3 * 86_400_000).toISOString(), to: new Date(now + 4 * 86_400_000).toISOString() });
    expect(week.filter((v) => v.status !== 'cancelled').length).toBeGreaterThan(40);
    const to = new Date(now).toISOString().slice(0, 10);
    const from = new Date(now - 30 * 86_400_000).toISOString().slice(0, 10);
    const sources = await app.call(token, 'calendarReports.sources', { from, to });
    expect(sources.rows.filter((r) => r.sourceId).length).toBeGreaterThanOrEqual(3);
    const noShows = await app.call(token, 'calendarReports.noShows', { from, to });
    expect(noShows.noShows).toBeGreaterThan(0);
    const use = await app.call(token, 'calendarReports.utilisation', { from, to });
    expect(use.rows.some((r) => (r.rate ?? 0) > 0.3)).toBe(true);
    expect((await app.call(token, 'calendarReports.unpaid', { from, to })).rows.length).toBeGreaterThan(0);
  });
});

describe('the demo tasks\' intake and notices', () => {
  it('has tasks from the web form (with the reference the visitor was shown) and by e-mail, and notices sent, acknowledged and escalated', async () => {
    const sources = Object.fromEntries(rows<{ source: string; n: number }>(`select source, count(*) n from task group by 1`).map((r) => [r.source, r.n]));
    expect(sources.web).toBeGreaterThan(20);
    expect(sources.email).toBeGreaterThan(20);
    expect(sources.manual).toBeGreaterThan(150);
    const web = rows<{ id: string; reference: string | null }>(`select t.id, w.reference from task t left join task_web_intake w on w.task_id = t.id where t.source = 'web'`);
    for (const w of web) expect(w.reference).toMatch(/^W-[2-9A-HJ-NP-Z]{7}$/);
    expect(new Set(web.map((w) => w.reference)).size).toBe(web.length);
    const unmailed = rows<{ n: number }>(`select count(*) n from task t where t.source = 'email' and not exists (select 1 from task_note n where n.task_id = t.id and n.kind = 'email_in' and n.mail_from like '%@%')`);
    expect(unmailed[0]!.n).toBe(0);

    const notices = rows<{ via: string | null; escalated: number; sent: number }>(`select acknowledged_via via, escalated_at is not null escalated, sent_at is not null sent from task_notice`);
    expect(notices.length).toBeGreaterThan(100);
    expect(notices.every((n) => n.sent === 1)).toBe(true);
    expect(notices.filter((n) => n.via === 'phone').length).toBeGreaterThan(10);
    expect(notices.filter((n) => n.via === 'email').length).toBeGreaterThan(5);
    expect(notices.filter((n) => n.escalated === 1).length).toBeGreaterThanOrEqual(1);
    const unrecorded = rows<{ n: number }>(`select count(*) n from task_notice x where x.escalated_at is not null and not exists (select 1 from task_note n where n.task_id = x.task_id and n.text like '%"escalated":true%')`);
    expect(unrecorded[0]!.n).toBe(0);

    // The dispatcher finds a web task by the reference its client quotes; the accountant reads it, and the month's invoices.
    const dispatcher = await app.login('dispatcher.riga', DEMO_PASSWORD);
    const mine = rows<{ id: string; reference: string }>(`select t.id, w.reference from task t join task_web_intake w on w.task_id = t.id join branch b on b.id = t.branch_id where b.name = 'Rīga' limit 1`)[0]!;
    const found = await app.call(dispatcher, 'tasks.list', { q: mine.reference.toLowerCase(), limit: 10, offset: 0 });
    expect(found.rows.map((r) => r.id)).toEqual([mine.id]);
    const accountant = await app.login('accountant', DEMO_PASSWORD);
    expect((await app.call(accountant, 'tasks.get', { id: mine.id })).webReference).toBe(mine.reference);
    const lastMonth = new Date(app.clock.now());
    lastMonth.setUTCDate(0);
    expect((await app.call(accountant, 'invoices.list', { month: lastMonth.toISOString().slice(0, 7) })).length).toBeGreaterThan(0);
  });

  it('has tasks the website chat made: each for the responsible person of the client\'s open task, linked to it and to a conversation', () => {
    const chat = rows<{ id: string; client_id: string; assignee_id: string; status: string; conv: string | null; kind: string; request: string; req_client: string; req_responsible: string }>(
      `select t.id, t.client_id, t.assignee_id, t.status, t.chat_conversation_id conv, t.request_kind kind, t.request_id request, r.client_id req_client, r.responsible_id req_responsible
         from task t join task r on r.id = t.request_id where t.source = 'chat'`,
    );
    expect(chat).toHaveLength(DEMO_CHAT_TASKS);
    for (const c of chat) {
      expect(c).toMatchObject({ status: 'assigned', kind: 'task', conv: c.id, req_client: c.client_id, req_responsible: c.assignee_id });
    }
    expect(new Set(chat.map((c) => c.client_id)).size).toBe(DEMO_CHAT_TASKS);
    const lines = rows<{ n: number }>(`select count(*) n from task_note n join task t on t.id = n.task_id where t.source = 'chat' and n.kind = 'note'`);
    expect(lines[0]!.n).toBe(DEMO_CHAT_TASKS);
    // Each task's link opens the conversation it came from, with the client on it.
    const archived = rows<{ id: string; client_id: string | null }>(`select id, client_id from chat_archive_conversation where id in (${chat.map(() => '?').join(',')})`, ...chat.map((c) => c.conv!));
    expect(archived.map((a) => a.id).sort()).toEqual(chat.map((c) => c.conv).sort());
    for (const a of archived) expect(a.client_id).toBe(chat.find((c) => c.conv === a.id)!.client_id);
  });

  it('shows the website chat alive without a hub: red unanswered chats, a quote, a deleted mistake, history on a client’s card', async () => {
    const dispatcher = await app.login('dispatcher.riga', DEMO_PASSWORD);
    expect(await app.call(dispatcher, 'chat.status', {})).toMatchObject({ link: 'no_hub' });
    const open = await app.call(dispatcher, 'chat.conversations', {});
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.filter((c) => c.unanswered).length).toBeGreaterThanOrEqual(2);
    expect(open.every((c) => c.ip && c.page.startsWith('https://'))).toBe(true);
    const all = await app.call(dispatcher, 'chat.conversations', { closed: true });
    expect(all.some((c) => c.status === 'closed' && !c.unanswered)).toBe(true);
    const answered = open.find((c) => !c.unanswered)!;
    const msgs = await app.call(dispatcher, 'chat.messages', { conversationId: answered.id });
    expect(msgs.some((m) => m.deleted && m.text === '')).toBe(true);
    expect(msgs.some((m) => m.quoteSeq !== null)).toBe(true);
    // The visitor who wrote twice is a client: their card shows both chats, found by the questionnaire's phone.
    const client = rows<{ id: string }>(`select c.id from client c where c.name = ?`, open.find((c) => c.id === 'demo-chat-boiler')!.answers.name)[0]!;
    const history = await app.call(dispatcher, 'chat.clientHistory', { clientId: client.id });
    expect(history.conversations.map((h) => h.conversation.id).sort()).toEqual(['demo-chat-boiler', 'demo-chat-move']);
    const accountant = await app.login('accountant', DEMO_PASSWORD);
    expect((await app.raw(accountant, 'chat.conversations', {})).ok).toBe(false);
  });
});
