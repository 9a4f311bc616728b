import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type ProcName } from '../../shared/api';
import { BRANCH_SCOPED_KINDS, refKind, type RecordKind } from '../../shared/api/refs';
import { can, type Action, type Module } from '../../shared/permissions';
import { reportsDir } from '../reports/files';
import { addStaff, personInput, snapshotDb, type TestApp } from '../testing/harness';
import { withTestOrg } from '../testing/fixtures';
import { crossedAssignments } from './scope';

/**
 * Branch isolation over the whole contract, derived from the zod schemas: every id in every procedure's input names a
 * kind of record (src/shared/api/refs.ts). Branch B holds a record of every branch-scoped kind, marked with MARK; a
 * branch manager of A calls every procedure, reads with plain inputs and then with each id pointed at B's record.
 * Nothing of B may come back, no call may change anything with B's ids, and no call — not even an owner's — may put
 * a person on a row of a branch they do not see. A new procedure is covered the moment it is in the contract.
 */

type AnySchema = z.ZodType & { _zod: { def: any }; minLength?: number | null; minValue?: number | null };
const MARK = 'ZZBMARK';
const TODAY = '2026-11-23';
const names = Object.keys(api) as ProcName[];

function unwrap(s: AnySchema): AnySchema {
  const def = s._zod.def;
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) return unwrap(def.innerType);
  if (def.type === 'pipe') return unwrap(def.in);
  return s;
}
const isOptional = (s: AnySchema): boolean => ['optional', 'default', 'prefault'].includes(s._zod.def.type) || (s._zod.def.type === 'nullable' && isOptional(s._zod.def.innerType));
const looksLikeId = (key: string) => key === 'id' || /Ids?$/.test(key) || key === 'ids' || key === 'include';

/** Every input field that names a record: UUIDs, and anything called id/…Id/…Ids. */
function idFields(s: AnySchema, at = ''): string[] {
  const inner = unwrap(s);
  const def = inner._zod.def;
  const key = at.split('.').pop()!.replace(/\[\]$/, '');
  if (def.type === 'object') return Object.entries(def.shape as Record<string, AnySchema>).flatMap(([k, v]) => idFields(v, at ? `${at}.${k}` : k));
  if (def.type === 'array') {
    const inside = idFields(def.element, `${at}[]`);
    return inside.length ? inside : looksLikeId(key) ? [`${at}[]`] : [];
  }
  if (def.type === 'string' && (def.format === 'uuid' || looksLikeId(key))) return [at];
  return [];
}

/** The record each kind of id points at: A's side, or B's. */
type Refs = Partial<Record<RecordKind, string>>;

interface Want {
  /** Optional fields to fill as well (by path). */
  paths: string[];
  /** The one id under test (by path) and the record it names instead. */
  swap?: { at: string; id: string };
}

const wanted = (want: Want, p: string) => [...want.paths, want.swap?.at ?? ''].some((w) => w === p || w.startsWith(`${p}.`) || w.startsWith(`${p}[]`));

/** A minimal valid value for a schema: required fields, plus the wanted ones; ids from `refs`, the swapped one from B. */
function sample(proc: ProcName, s: AnySchema, refs: Refs, want: Want, at = ''): unknown {
  const inner = unwrap(s);
  const def = inner._zod.def;
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, AnySchema>)) {
        const p = at ? `${at}.${k}` : k;
        if (!isOptional(v) || wanted(want, p)) out[k] = sample(proc, v, refs, want, p);
      }
      return out;
    }
    case 'array': {
      const min = (def.checks ?? []).map((c: any) => c._zod.def).find((d: any) => d.check === 'min_length')?.minimum ?? 0;
      const n = Math.max(min, wanted(want, `${at}[]`) || wanted(want, at) ? 1 : 0);
      return Array.from({ length: n }, () => sample(proc, def.element, refs, want, `${at}[]`));
    }
    case 'string': {
      if (want.swap && (want.swap.at === at || want.swap.at === at.replace(/\[\]$/, ''))) return want.swap.id;
      const kind = idFields(s, at).length ? refKind(proc, at) : undefined;
      if (kind && kind !== 'none') return refs[kind] ?? randomUUID();
      if (def.format === 'date') return TODAY;
      // Instants in the order they appear, two weeks apart: from < to, start < end, around the seeded work.
      if (def.format === 'datetime') return new Date(Date.parse(`${TODAY}T10:00:00.000Z`) + (instants++ - 0.5) * 14 * 86_400_000).toISOString();
      if (def.format === 'email') return 'someone@example.lv';
      // Codes with a shape of their own (a calendar colour, a currency).
      const key = at.split('.').pop()!;
      if (key in SHAPED) return SHAPED[key];
      // Four letters where the length allows: also a valid base64 piece (an upload's data).
      return 'x'.repeat(Math.min((inner as { maxLength?: number | null }).maxLength ?? 4, Math.max(4, inner.minLength ?? 1)));
    }
    case 'number':
      return Number.isFinite(inner.minValue) ? inner.minValue : 0;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries)[0];
    case 'literal':
      return def.values[0];
    case 'union':
      return sample(proc, def.options[0], refs, want, at);
    default:
      return undefined;
  }
}

/** Text fields whose contract asks for a shape, by name. */
const SHAPED: Record<string, string> = { colour: '#336699', currency: 'EUR', month: '2026-11', unit: 'H87' };

let app: TestApp;
let owner: string;
let managerA: string;
const A: Refs = {};
const B: Refs = {};
/** Ids of B's records that must never reach a user of A. */
const secrets: string[] = [];

/** Whatever a call answered, and the files it made: nothing of B in them. */
function leaks(out: unknown): string[] {
  let text = JSON.stringify(out) ?? '';
  const fileId = (out as { data?: { fileId?: unknown } })?.data?.fileId;
  if (typeof fileId === 'string') {
    const dir = reportsDir(app.dir);
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(fileId) && !f.endsWith('.json'))) {
      const file = path.join(dir, f);
      text += f.endsWith('.pdf')
        ? execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
        : f.endsWith('.xlsx')
          ? execFileSync('unzip', ['-p', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
          : fs.readFileSync(file, 'utf8');
    }
  }
  return [MARK, ...secrets].filter((s) => text.includes(s));
}

/** A record's current version, wherever it lives (a `version` beside an `id` must match it to get past the stale check). */
function versionOf(id: unknown): number {
  const tables = app.core.sqlite.prepare(`select name from sqlite_master where type = 'table' and sql like '%version%' and sql like '%deleted_at%'`).pluck().all() as string[];
  for (const t of tables) {
    const v = app.core.sqlite.prepare(`select version from "${t}" where id = ?`).pluck().get(id);
    if (typeof v === 'number') return v;
  }
  return 1;
}

let instants = 0;
function inputFor(proc: ProcName, refs: Refs, want: Want): unknown {
  instants = 0;
  const input = sample(proc, api[proc].input as unknown as AnySchema, refs, want) as Record<string, unknown>;
  if ('version' in input && 'id' in input) input.version = versionOf(input.id);
  return input;
}

/**
 * Calls with the smallest input; when main answers that an optional field is needed after all (a grouping level),
 * fills that one too and calls again: the service itself says what a valid call looks like.
 */
async function callAs(token: string, proc: ProcName, swap?: Want['swap']) {
  const want: Want = { paths: [], swap };
  for (;;) {
    const r = await app.raw(token, proc, inputFor(proc, A, want));
    const field = !r.ok && r.error.code === 'validation' ? r.error.field : undefined;
    if (!field || want.paths.includes(field) || field === swap?.at.replace(/\[\]$/, '') || want.paths.length > 3) return r;
    if (!idFields(api[proc].input as unknown as AnySchema).includes(field)) want.paths.push(field);
    else return r;
  }
}

const permitted = (proc: ProcName) => {
  const access = api[proc].access as { module?: Module; action?: Action };
  return !access.module || can('branch_manager', access.module, access.action!);
};

const ids = names.flatMap((proc) => idFields(api[proc].input as unknown as AnySchema).map((at) => [proc, at] as const));
const scoped = ids.filter(([proc, at]) => BRANCH_SCOPED_KINDS.includes(refKind(proc, at)!));
const assigning = ids.filter(([proc, at]) => refKind(proc, at) === 'assignee');
const people = ids.filter(([proc, at]) => refKind(proc, at) === 'user' && !api[proc].writes);
const reads = names.filter((n) => !api[n].writes && !('public' in api[n].access));
/**
 * Reads answered live by the hub about a conversation in this desk's chat archive: the test organization has neither
 * a hub nor a conversation, so their plain input is refused (`not_found`); what they answer is still checked for leaks.
 */
const ASKS_THE_HUB = new Set<ProcName>(['chat.targets']);

withTestOrg('file', async (org) => {
  ({ app, owner } = org);
  const [riga] = await app.call(owner, 'branches.list', {});
  A.branch = riga!.id;
  const yerevan = await app.call(owner, 'branches.create', { name: `${MARK} Yerevan`, timeZone: 'Asia/Yerevan' });
  B.branch = yerevan.id;
  A.series = (await app.call(owner, 'series.create', { docType: 'intervention', branchId: A.branch, prefix: 'RIX-', padding: 5, nextNumber: 1 })).id;
  B.series = (await app.call(owner, 'series.create', { docType: 'intervention', branchId: B.branch, prefix: `${MARK}-`, padding: 5, nextNumber: 1 })).id;

  const person = (login: string, role: 'branch_manager' | 'dispatcher' | 'employee', branch: string) => addStaff(app, owner, login, role, branch);
  await person('manager.a', 'branch_manager', A.branch);
  A.assignee = A.user = (await person('tech.a', 'employee', A.branch)).id;
  B.assignee = B.user = (await person('tech.b', 'employee', B.branch)).id;
  await person('dispatcher.b', 'dispatcher', B.branch);
  managerA = await app.login('manager.a', 'password-123');
  const dispatcherB = await app.login('dispatcher.b', 'password-123');
  await app.login('tech.b', 'password-123');

  A.client = B.client = (await app.call(owner, 'clients.create', personInput('Shared Client'))).client.id;
  A.product = B.product = (await app.call(owner, 'products.create', { name: 'Boiler', isSystem: false })).id;
  A.nomenclature = B.nomenclature = (await app.call(owner, 'nomenclature.create', { kind: 'zone', name: 'Centre' })).id;
  A.view = B.view = (await app.call(owner, 'views.save', { module: 'interventions', kind: 'view', name: 'Mine', shared: false, config: '{}' })).id;
  A.annexTemplate = B.annexTemplate = (await app.call(owner, 'annexForms.create', { name: 'Acceptance', body: '<p>{{ intervention.number }} {{ client.name }}</p>' })).id;
  await app.call(owner, 'interventions.setSettings', { ...(await app.call(owner, 'interventions.settings', {})), approvals: true });

  const doc = { clientId: A.client, priority: 'high' as const, docDate: TODAY, objectProductId: A.product };
  A.intervention = (await app.call(owner, 'interventions.create', { ...doc, branchId: A.branch, notes: 'Riga job' })).id;
  const slot = { startAt: '2026-11-24T09:00:00.000Z', endAt: '2026-11-24T11:00:00.000Z' };
  const b1 = await app.call(owner, 'interventions.create', {
    ...doc,
    branchId: B.branch,
    seriesId: B.series,
    notes: `${MARK} notes`,
    objectSerial: `${MARK}-SN`,
    takenById: B.assignee,
    responsibleId: B.assignee,
    ...slot,
  });
  await app.call(owner, 'interventions.validate', { id: b1.id, version: b1.version });
  await app.call(owner, 'interventions.addNote', { id: b1.id, style: 2, text: `${MARK} timeline` });
  const waiting = await app.call(owner, 'interventions.create', { ...doc, branchId: B.branch, notes: `${MARK} waiting` });
  const b3 = await app.call(dispatcherB, 'interventions.create', { ...doc, branchId: B.branch, notes: `${MARK} to cancel` });
  await app.call(dispatcherB, 'interventions.cancel', { id: b3.id, version: b3.version, reason: `${MARK} reason` });
  B.intervention = b1.id;
  B.approval = (await app.call(owner, 'interventions.approvals', {}))[0]!.id;
  const service = (branchId: string, name: string) => ({ branchId, name, durationMin: 30, priceMinor: 1000, currency: 'EUR', colour: '#2b8a3e', performerIds: [] });
  A.service = (await app.call(owner, 'services.create', service(A.branch, 'Consultation'))).id;
  B.service = (await app.call(owner, 'services.create', service(B.branch, `${MARK} service`))).id;
  const absence = (branchId: string, userId: string, note: string) => ({ branchId, userId, kind: 'vacation' as const, dayFrom: TODAY, dayTo: TODAY, intervals: null, note });
  A.exception = (await app.call(owner, 'schedule.createException', absence(A.branch, A.user!, 'Away'))).id;
  B.exception = (await app.call(owner, 'schedule.createException', absence(B.branch, B.user!, `${MARK} away`))).id;
  await app.call(owner, 'schedule.setWeek', { branchId: B.branch, userId: B.user!, week: { '1': [['09:00', '18:00']] }, version: 0 });
  const visit = { clientId: A.client, start: '2026-11-24T10:00:00.000Z', durationMin: 30, asap: true, outsideHoursConfirmed: true };
  A.visit = (await app.call(owner, 'visits.book', { ...visit, userId: A.assignee, serviceId: A.service })).id;
  B.visit = (await app.call(owner, 'visits.book', { ...visit, userId: B.assignee, serviceId: B.service, notes: `${MARK} visit` })).id;
  const taskType = await app.call(owner, 'tasks.types.save', { name: 'Repair', active: true, hourlyRateMinor: null, items: [{ text: 'Photo of the work', required: true }] });
  A.taskType = B.taskType = taskType.id;
  A.checkTemplateItem = B.checkTemplateItem = taskType.items[0]!.id;
  const task = { clientId: A.client, priority: 'urgent' as const, typeId: A.taskType };
  A.task = (await app.call(owner, 'tasks.create', { ...task, branchId: A.branch, subject: 'Riga leak' })).id;
  B.task = (await app.call(owner, 'tasks.create', { ...task, branchId: B.branch, subject: `${MARK} task`, assigneeId: B.assignee })).id;
  await app.call(owner, 'tasks.addNote', { taskId: B.task, text: `${MARK} task note` });
  A.checkItem = (await app.call(owner, 'tasks.checklist.get', { taskId: A.task })).items[0]!.id;
  B.checkItem = (await app.call(owner, 'tasks.checklist.get', { taskId: B.task })).items[0]!.id;
  const mailbox = { port: 993, tls: true, login: 'help', folder: 'INBOX', enabled: false, pollSec: 60, host: 'imap.invalid' };
  A.mailbox = (await app.call(owner, 'tasks.saveMailbox', { ...mailbox, branchId: A.branch, name: 'Riga help' })).id;
  B.mailbox = (await app.call(owner, 'tasks.saveMailbox', { ...mailbox, branchId: B.branch, name: `${MARK} help` })).id;
  const session = { startedAt: '2026-11-23T07:00:00.000Z', endedAt: '2026-11-23T08:00:00.000Z', billable: true };
  A.timeEntry = (await app.call(owner, 'tasks.time.add', { ...session, taskId: A.task, employeeId: A.assignee, note: 'Riga work' })).id;
  B.timeEntry = (await app.call(owner, 'tasks.time.add', { ...session, taskId: B.task, employeeId: B.assignee, note: `${MARK} work` })).id;
  // A month's invoice in each branch, from a done task with a material used on it.
  await app.call(owner, 'series.create', { docType: 'invoice', branchId: A.branch, prefix: 'SF-', padding: 4, nextNumber: 1 });
  for (const [refs, name] of [[A, 'Pipe'], [B, `${MARK} valve`]] as const) {
    // Of no type: a type with a checklist would wait for a manager's approval before done.
    let t = await app.call(owner, 'tasks.create', { clientId: A.client, priority: 'urgent', branchId: refs.branch!, subject: name, assigneeId: refs.assignee });
    refs.material = (await app.call(owner, 'invoices.saveMaterial', { taskId: t.id, name, quantityMilli: 1000, unit: 'H87', unitPriceMinor: 500 })).id;
    t = await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'in_progress' });
    await app.call(owner, 'tasks.move', { id: t.id, version: t.version, status: 'done' });
    await app.call(owner, 'invoices.generate', { month: '2026-11', branchId: refs.branch! });
    const [inv] = await app.call(owner, 'invoices.list', { month: '2026-11', branchId: refs.branch! });
    refs.invoice = inv!.id;
    refs.invoiceLine = (await app.call(owner, 'invoices.get', { id: inv!.id })).lines[0]!.id;
  }
  secrets.push(B.branch, B.series, b1.id, waiting.id, b3.id, B.approval, B.service, B.exception, B.visit, B.task, B.mailbox, B.checkItem, B.invoice!, B.invoiceLine!, B.material!, B.timeEntry);
});

describe('branch isolation over the whole contract', () => {
  it('knows what every id of every procedure names', () => {
    const unknown = ids.filter(([proc, at]) => !refKind(proc, at)).map(([proc, at]) => `${proc} ${at}`);
    expect(unknown, 'declare these in src/shared/api/refs.ts').toEqual([]);
    expect(secrets).toHaveLength(16);
  });

  it("would fail on a new procedure's undeclared id, and checks a declared one at once", () => {
    const widget = z.strictObject({ id: z.uuid(), gadgetIds: z.array(z.uuid()).max(5), filters: z.strictObject({ branchId: z.uuid().optional() }) });
    const found = idFields(widget as unknown as AnySchema);
    expect(found).toEqual(['id', 'gadgetIds[]', 'filters.branchId']);
    expect(found.map((at) => refKind('widgets.get', at))).toEqual([undefined, undefined, 'branch']);
  });

  it.each(reads)('%s shows a user of branch A nothing of branch B', async (proc) => {
    const r = await callAs(managerA, proc);
    if (permitted(proc) && !ASKS_THE_HUB.has(proc)) expect(r.ok ? null : r.error, `${proc} refused its plain input`).toBeNull();
    expect(leaks(r)).toEqual([]);
  });

  it.each([...scoped, ...people])('%s with %s of branch B: refused, or nothing of B read and nothing changed', async (proc, at) => {
    const kind = refKind(proc, at)!;
    const before = snapshotDb(app.core);
    const r = await callAs(managerA, proc, { at, id: B[kind]! });
    expect(leaks(r)).toEqual([]);
    if (api[proc].writes && kind !== 'user') expect(snapshotDb(app.core) === before, `${proc} changed the database with ${at} of branch B`).toBe(true);
    if (!r.ok && r.error.code !== 'forbidden') {
      // Refused for the id under test, not for some other flaw of the input (which would prove nothing).
      expect(r.error.field, `${proc} refused ${JSON.stringify(r.error)} before reaching ${at}`).toBe(at.split('.').pop()!.replace(/\[\]$/, ''));
    }
  });

  it.each(assigning)('%s %s: even an owner cannot put a person on a row of a branch they do not see', async (proc, at) => {
    const r = await callAs(owner, proc, { at, id: B.assignee! });
    expect(await crossedAssignments(app.core.db)).toEqual([]);
    // A visit the owner may book (B's employee in B's own calendar) is cancelled, so the next try finds the time free.
    if (r.ok && proc.startsWith('visits.')) {
      const { id, version } = r.data as { id: string; version: number };
      await app.call(owner, 'visits.cancel', { id, version, reason: 'isolation test' });
    }
    if (!r.ok) expect(r.error, `${proc} refused before reaching ${at}`).toMatchObject({ field: at.replace(/\[\]$/, ''), key: 'errors.assignee_not_in_branch' });
  });
});
