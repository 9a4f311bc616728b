import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import type { TaskPriority, TaskSource, TaskStatus } from '../../shared/rules/tasks/status';
import { createSeries } from '../modules/series';
import { createTask, moveTask, saveMailbox, saveType } from '../modules/tasks';
import { registerTask } from '../modules/tasks/register';
import { taskNoteRows, webIntakeRows } from '../modules/tasks/tables';
import { random } from '../../shared/random';
import { MINUTE } from './slots';

const fixedClock = (ms: number): Clock => ({ now: () => ms });
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The demo's mailbox host: reserved by RFC 2606, so the reader can never reach a real server. */
export const DEMO_MAILBOX_HOST = 'imap.invalid';
export const DEMO_TASKS = 320;

/** Task types in the demo's language (the service company's usual work). */
const TYPES: Record<Language, string[]> = {
  en: ['Repair', 'Maintenance', 'Installation', 'Inspection', 'Consultation'],
  lv: ['Remonts', 'Apkope', 'Uzstādīšana', 'Pārbaude', 'Konsultācija'],
  ru: ['Ремонт', 'Обслуживание', 'Установка', 'Проверка', 'Консультация'],
  lt: ['Remontas', 'Priežiūra', 'Montavimas', 'Patikra', 'Konsultacija'],
  ro: ['Reparație', 'Întreținere', 'Instalare', 'Inspecție', 'Consultanță'],
  hy: ['Վերանորոգում', 'Սպասարկում', 'Տեղադրում', 'Ստուգում', 'Խորհրդատվություն'],
};

/** What clients ask for, by type, in the demo's language (English for the languages without their own lines). */
const ASKS: Partial<Record<Language, string[]>> & { en: string[] } = {
  en: ['Boiler does not heat', 'Water leaks under the sink', 'Annual check of the heat pump', 'Install a new radiator', 'Air conditioner is noisy', 'Door lock broken', 'Fire alarm beeps', 'Advice on a new ventilation'],
  lv: ['Katls nesilda', 'Zem izlietnes tek ūdens', 'Siltumsūkņa ikgadējā apkope', 'Uzstādīt jaunu radiatoru', 'Kondicionieris trokšņo', 'Salūzusi durvju slēdzene', 'Pīkst ugunsgrēka signalizācija', 'Konsultācija par ventilāciju'],
  ru: ['Котёл не греет', 'Течёт под раковиной', 'Ежегодное обслуживание теплового насоса', 'Установить новый радиатор', 'Шумит кондиционер', 'Сломан дверной замок', 'Пищит пожарная сигнализация', 'Консультация по вентиляции'],
  lt: ['Katilas nešildo', 'Po kriaukle teka vanduo', 'Metinė šilumos siurblio patikra', 'Sumontuoti naują radiatorių', 'Triukšmauja kondicionierius', 'Sugedo durų spyna', 'Pypsi gaisro signalizacija', 'Konsultacija dėl vėdinimo'],
};

export interface DemoTasksInput {
  seed: number;
  now: number;
  language: Language;
  owner: SessionUser;
  branches: { id: string; prefix: string; dispatcher: SessionUser; manager: SessionUser; techs: SessionUser[] }[];
  clients: string[];
  count?: number;
}

/** The hub's alphabet of web form references: no 0/O or 1/I to misread over the phone. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A request that came in by itself rather than by hand: from the website's form (with the reference its visitor was
 * shown) or by e-mail to the branch's mailbox (its message on the timeline), registered as the intake registers it.
 */
async function takenRequest(ctx: Ctx, source: Exclude<TaskSource, 'manual'>, t: Parameters<typeof createTask>[1], ref: string, at: number): Promise<{ id: string; version: number }> {
  const orgId = ctx.user!.orgId;
  const row = await registerTask(ctx, { ...t, orgId, typeId: t.typeId ?? null, subject: t.subject ?? null, description: t.description ?? null, dueDate: t.dueDate ?? null, address: t.address ?? null, assigneeId: null, requestedAssigneeId: null, source, clientReview: false });
  if (source === 'web') {
    await webIntakeRows.in(ctx).insert({ org_id: orgId, branch_id: row.branch_id, submission_id: `demo-${ref}`, task_id: row.id, reference: ref, received_at: new Date(at - 2 * MINUTE).toISOString() });
  } else {
    const from = row.client_email ?? `${ref.toLowerCase()}@example.test`;
    await taskNoteRows.in(ctx).insert({ org_id: orgId, branch_id: row.branch_id, task_id: row.id, at: row.created_at, person_id: null, kind: 'email_in', text: t.description ?? '', mail_from: from, mail_subject: t.subject ?? null, message_id: `<${ref}@mail.demo.planora.test>` });
  }
  return row;
}

/** How far a task of this age got: old ones are finished (a few cancelled), today's are still being dispatched. */
function fate(ageDays: number, r: number): TaskStatus {
  if (ageDays > 20) return r < 0.1 ? 'cancelled' : 'done';
  if (ageDays > 7) return r < 0.05 ? 'cancelled' : r < 0.7 ? 'done' : r < 0.85 ? 'awaiting_approval' : 'in_progress';
  const path: TaskStatus[] = ['new', 'assigned', 'acknowledged', 'in_progress', 'awaiting_approval', 'done'];
  return path[Math.min(path.length - 1, Math.floor(r * (ageDays + 2.5)))]!;
}

/**
 * Task types, a mailbox to nowhere (switched off, marked so) and a few hundred tasks over both branches in every
 * status, written through the tasks service as the dispatchers, employees and managers did, at the times they did.
 */
export async function loadTasks(base: Ctx, o: DemoTasksInput): Promise<number> {
  const as = (user: SessionUser, ms: number): Ctx => ({ ...base, user, clock: fixedClock(ms), emit: () => undefined, emitNow: () => undefined });
  const rand = random(o.seed + 12);
  const intake = random(o.seed + 14);
  const start = o.now - 60 * DAY;
  const owner = as(o.owner, start);
  const types = [];
  for (const name of TYPES[o.language]) types.push((await saveType(owner, { name, active: true })).id);
  for (const b of o.branches) await createSeries(owner, { docType: 'task', branchId: b.id, prefix: b.prefix, padding: 5, nextNumber: 1 });
  await saveMailbox(owner, {
    branchId: o.branches[0]!.id,
    name: 'pagalba@demo.planora.test',
    host: DEMO_MAILBOX_HOST,
    port: 993,
    tls: true,
    login: 'pagalba',
    folder: 'INBOX',
    doneFolder: 'Tasks',
    enabled: false,
    pollSec: 60,
    note: 'Demo: points nowhere (imap.invalid)',
  });
  const asks = ASKS[o.language] ?? ASKS.en;
  const count = o.count ?? DEMO_TASKS;
  for (let i = 0; i < count; i++) {
    const b = o.branches[i % o.branches.length]!;
    // More tasks lately, as a growing company sees; never in the future.
    const age = Math.floor(60 * Math.pow(rand.next(), 1.6));
    const at = Math.min(o.now - HOUR, o.now - age * DAY + rand.int(8, 17) * HOUR - 12 * HOUR);
    const priority: TaskPriority = rand.chance(0.15) ? 'urgent' : rand.chance(0.25) ? 'not_urgent' : 'medium';
    const ask = asks[rand.int(0, asks.length - 1)]!;
    const input = {
      branchId: b.id,
      clientId: o.clients[rand.int(0, o.clients.length - 1)]!,
      priority,
      typeId: types[rand.int(0, types.length - 1)]!,
      subject: ask,
      description: ask,
      dueDate: rand.chance(0.6) ? new Date(at + rand.int(1, 10) * DAY).toISOString().slice(0, 10) : null,
      address: null,
      assigneeId: null,
      requestedAssigneeId: null,
    };
    // Its own stream, so the tasks' clients, dates and fates are what they were before intake had sources.
    const source: TaskSource = intake.chance(0.15) ? 'web' : intake.chance(0.2) ? 'email' : 'manual';
    const ref = `W-${Array.from({ length: 7 }, () => REFERENCE_ALPHABET[intake.int(0, REFERENCE_ALPHABET.length - 1)]).join('')}`;
    let t: { id: string; version: number } = source === 'manual' ? await createTask(as(b.dispatcher, at), input) : await takenRequest(as(b.dispatcher, at), source, input, ref, at);
    const goal = fate(age, rand.next());
    const tech = b.techs[rand.int(0, b.techs.length - 1)]!;
    let when = at;
    const step = async (who: SessionUser, status: TaskStatus, extra: { assigneeId?: string; cancelReason?: string } = {}) => {
      when = Math.min(o.now - MINUTE, when + rand.int(10, 6 * 60) * MINUTE);
      t = await moveTask(as(who, when), { id: t.id, version: t.version, status, ...extra });
    };
    if (goal === 'cancelled') {
      await step(b.dispatcher, 'cancelled', { cancelReason: ask });
      continue;
    }
    const path: TaskStatus[] = ['assigned', 'acknowledged', 'in_progress', 'awaiting_approval', 'done'];
    for (const status of path.slice(0, path.indexOf(goal as (typeof path)[number]) + 1)) {
      if (status === 'assigned') await step(b.dispatcher, status, { assigneeId: tech.id });
      else if (status === 'done') await step(b.manager, status);
      else await step(tech, status);
    }
  }
  return count;
}
