import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import { overlapping, type OtherSession } from '../../shared/rules/tasks/time';
import { addTimeEntry } from '../modules/tasks';
import { random } from '../../shared/random';
import { MINUTE } from './slots';

const fixedClock = (ms: number): Clock => ({ now: () => ms });
const HOUR = 60 * MINUTE;

/** What a technician writes beside a session, in the demo's language (English where it has no lines of its own). */
const NOTES: Partial<Record<Language, string[]>> & { en: string[] } = {
  en: ['Diagnosis', 'Replaced the valve', 'Cleaned the filter', 'Waited for parts', 'Tested and handed over', 'Travel'],
  lv: ['Diagnostika', 'Nomainīts vārsts', 'Iztīrīts filtrs', 'Gaidītas detaļas', 'Pārbaudīts un nodots', 'Ceļš'],
  ru: ['Диагностика', 'Заменён клапан', 'Очищен фильтр', 'Ожидание запчастей', 'Проверено и сдано', 'Дорога'],
  lt: ['Diagnostika', 'Pakeistas vožtuvas', 'Išvalytas filtras', 'Laukta detalių', 'Patikrinta ir perduota', 'Kelionė'],
};

export interface DemoTimeInput {
  seed: number;
  now: number;
  language: Language;
  /** The technicians who work the tasks: each writes their own sessions. */
  techs: SessionUser[];
}

/**
 * Sessions on the tasks that were worked (in progress, awaiting approval, done): one to three per task inside the
 * time it was under way, written by its technician a little after each ended, as manual entries — never two at once
 * for one person, as the service would refuse. The last note of a few is travel, not billed.
 */
export async function loadTaskTime(base: Ctx, o: DemoTimeInput): Promise<number> {
  const rand = random(o.seed + 16);
  const notes = NOTES[o.language] ?? NOTES.en;
  const byId = new Map(o.techs.map((t) => [t.id, t]));
  const tasks = await base.db
    .selectFrom('task')
    .select(['id', 'assignee_id', 'started_at', 'submitted_at', 'done_at'])
    .where('status', 'in', ['in_progress', 'awaiting_approval', 'done'])
    .where('deleted_at', 'is', null)
    .where('started_at', 'is not', null)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  const placed = new Map<string, OtherSession[]>();
  const nowIso = new Date(o.now).toISOString();
  let written = 0;
  for (const t of tasks) {
    const tech = t.assignee_id ? byId.get(t.assignee_id) : undefined;
    if (!tech || !t.started_at) continue;
    const from = Date.parse(t.started_at);
    const to = Math.min(o.now - MINUTE, Date.parse(t.submitted_at ?? t.done_at ?? nowIso));
    const window = to - from;
    if (window < 10 * MINUTE) continue;
    const n = window > 3 * HOUR ? rand.int(1, 3) : window > HOUR ? rand.int(1, 2) : 1;
    const slot = Math.floor(window / n);
    for (let i = 0; i < n; i++) {
      const length = Math.min(3 * HOUR, Math.max(5 * MINUTE, Math.floor((slot * rand.int(50, 95)) / 100 / MINUTE) * MINUTE));
      const start = from + i * slot;
      const session = { startedAt: new Date(start).toISOString(), endedAt: new Date(start + length).toISOString() };
      const mine = placed.get(tech.id) ?? [];
      if (overlapping(session, mine, nowIso)) continue;
      const travel = i === n - 1 && n > 1 && rand.chance(0.3);
      const ctx: Ctx = { ...base, user: tech, clock: fixedClock(Math.min(o.now, start + length + rand.int(1, 30) * MINUTE)) };
      const entry = await addTimeEntry(ctx, { taskId: t.id, ...session, note: travel ? notes[notes.length - 1]! : rand.chance(0.7) ? notes[rand.int(0, notes.length - 2)]! : null, billable: !travel });
      mine.push({ id: entry.id, taskNumber: null, ...session });
      placed.set(tech.id, mine);
      written++;
    }
  }
  return written;
}
