import type { Language } from '../../shared/i18n/languages';
import type { Priority, Status } from '../../shared/api/interventions';
import { random, type Random } from '../../shared/random';
import { Diary } from './diary';
import { DAY, HOUR, MINUTE, addDays, localDay, slotsBetween, weekday, workingInstant } from './slots';
import { planClients, type PlannedClient } from './clientsPlan';
import { CLASSIFICATIONS, CLASSIFICATIONS_2, CLASSIFICATIONS_3, INTERVENTION_TYPES, PRODUCTS, VEHICLES, ZONES } from './lists';
import { CANCEL_REASONS, PROBLEMS, TIMELINE } from './texts';
import { BRANCH_ZONES, CREW, STAFF, type BranchKey } from './staff';

/** How far back the call centre's history reaches, and how far ahead its appointments. */
export const HISTORY_DAYS = 120;
export const AHEAD_DAYS = 14;
export const DEMO_INTERVENTIONS = 3000;

export type Step =
  | { kind: 'allocate' | 'validate' | 'confirm' | 'finalize'; at: number; by: string }
  | { kind: 'cancel'; at: number; by: string; reason: string }
  | { kind: 'note'; at: number; by: string; style: 1 | 2; text: string; attachment?: 'photo' | 'report'; public?: true };

export interface PlannedIntervention {
  branch: BranchKey;
  client: number;
  createdAt: number;
  createdBy: string;
  /** The document date on the branch's calendar. */
  docDate: string;
  priority: Priority;
  type: number;
  classification: number;
  classification2: number;
  classification3: number;
  /** Index into the branch's zones and vans. */
  zone: number;
  vehicle: number | null;
  product: number | null;
  serial: string | null;
  useContract: boolean;
  useEstimate: boolean;
  notes: string;
  /** Who and when: given at creation when the call was booked on the line, else by the "allocate" step; none while received. */
  takenBy: string;
  responsible: string;
  startAt: number | null;
  endAt: number | null;
  /** In time order; the last one leaves the document in `status`. */
  steps: Step[];
  /** Booked while the caller was on the line: created already allocated. */
  allocatedOnCreate: boolean;
  status: Status;
  valid: boolean;
}

export interface DemoPlan {
  language: Language;
  now: number;
  /** When the organization, its staff, lists and clients came to be. */
  start: number;
  clients: PlannedClient[];
  interventions: PlannedIntervention[];
}

/** The mix of states by a call's age: fresh calls wait, last week's are on the calendar, old ones are done. */
function statusFor(rand: Random, ageDays: number): Status {
  if (ageDays < 2) return rand.weighted({ received: 40, allocated: 30, confirmed: 15, finalized: 10, cancelled: 5 });
  if (ageDays < AHEAD_DAYS) return rand.weighted({ received: 8, allocated: 22, confirmed: 25, finalized: 38, cancelled: 7 });
  return rand.weighted({ received: 2, allocated: 2, confirmed: 3, finalized: 85, cancelled: 8 });
}

const VALID_SHARE: Record<Status, number> = { received: 0.1, allocated: 0.4, confirmed: 0.6, finalized: 0.92, cancelled: 0.4 };

/** Calendar days of the history with their weight: weekdays busy, Saturdays quiet, Sundays nearly empty, recent weeks busier. */
function callDays(today: string): { date: string; weight: number }[] {
  const days = [];
  for (let d = HISTORY_DAYS - 1; d >= 0; d--) {
    const date = addDays(today, -d);
    const wd = weekday(date);
    days.push({ date, weight: (wd === 0 ? 0.1 : wd === 6 ? 0.35 : 1) * (1 + (HISTORY_DAYS - d) / HISTORY_DAYS) });
  }
  return days;
}

function pickDay(rand: Random, days: { date: string; weight: number }[], total: number): string {
  let r = rand.next() * total;
  for (const d of days) if ((r -= d.weight) < 0) return d.date;
  return days[days.length - 1]!.date;
}

/** One call: when it came, what it is about, and what happened to it until `now`. */
function planOne(rand: Random, diary: Diary, now: number, branch: BranchKey, client: number, createdAt: number, text: (n: Record<Language, string>) => string): PlannedIntervention {
  const tz = BRANCH_ZONES[branch];
  const crew = CREW[branch];
  const classification = rand.int(0, CLASSIFICATIONS.length - 1);
  const problems = PROBLEMS[CLASSIFICATIONS[classification]!.code]!;
  let status = statusFor(rand, (now - createdAt) / DAY);
  const length = rand.pick([1, 1.5, 2, 2, 3]) * HOUR;
  // Most calls are booked while the caller is on the line; the rest are given out later that day.
  const onTheLine = rand.chance(0.7);
  const allocAt = onTheLine ? createdAt : Math.min(createdAt + rand.int(5, 240) * MINUTE, now - MINUTE);
  let startAt: number | null = null;
  let takenBy = rand.pick(crew.takes);
  const booked = (slots: number[]) => {
    const b = diary.book(rand, crew.takes, slots, length);
    if (b) ({ startAt, person: takenBy } = b);
    return !!b;
  };
  if (status === 'finalized') {
    // Done within a day or two of the call, finished before now with time to close it.
    const slots = slotsBetween(tz, allocAt + HOUR, now - 2 * HOUR, 4, length);
    if (!booked(slots.slice(0, 40)) && !booked(slots)) status = 'confirmed';
  }
  if (status === 'allocated' || status === 'confirmed') {
    const fresh = now - createdAt < AHEAD_DAYS * DAY;
    // Recent calls are booked in the coming two weeks; the few old ones left open are overdue visits.
    const slots = fresh ? slotsBetween(tz, now + HOUR, now + AHEAD_DAYS * DAY, AHEAD_DAYS, length) : slotsBetween(tz, allocAt + HOUR, now, 4, length);
    if (!booked(slots)) status = 'received';
  }
  const createdBy = rand.pick(crew.receives);
  const steps: Step[] = [];
  const valid = rand.chance(VALID_SHARE[status]);
  if (valid) steps.push({ kind: 'validate', at: createdAt + rand.int(1, 4) * MINUTE, by: createdBy });
  if (rand.chance(0.3)) steps.push({ kind: 'note', at: Math.min(createdAt + rand.int(10, 360) * MINUTE, now - MINUTE), by: createdBy, style: 2, text: text(rand.pick(TIMELINE.callback)) });
  if (startAt !== null) {
    const endAt = startAt + length;
    if (!onTheLine) steps.push({ kind: 'allocate', at: allocAt, by: createdBy });
    if (status !== 'allocated') {
      const confirmAt = Math.max(allocAt + MINUTE, Math.min(allocAt + rand.int(10, 720) * MINUTE, startAt - 5 * MINUTE, now - MINUTE));
      steps.push({ kind: 'confirm', at: confirmAt, by: takenBy });
    }
    if (status === 'finalized') {
      if (rand.chance(0.3)) steps.push({ kind: 'note', at: startAt + 15 * MINUTE, by: takenBy, style: 1, text: text(rand.pick(TIMELINE.visit)) });
      if (rand.chance(1 / 45)) steps.push({ kind: 'note', at: startAt + 20 * MINUTE, by: takenBy, style: 1, text: text(TIMELINE.photo), attachment: 'photo' });
      // What the technician did is the client's to read in the portal; callbacks and arrivals stay the office's.
      if (rand.chance(0.5)) steps.push({ kind: 'note', at: endAt - 2 * MINUTE, by: takenBy, style: 1, text: text(rand.pick(TIMELINE.done)), public: true });
      if (rand.chance(1 / 60)) steps.push({ kind: 'note', at: endAt, by: takenBy, style: 1, text: text(TIMELINE.report), attachment: 'report' });
      steps.push({ kind: 'finalize', at: Math.min(endAt + rand.int(5, 90) * MINUTE, now - MINUTE), by: takenBy });
    }
  }
  if (status === 'cancelled') {
    if (rand.chance(0.4)) {
      const slots = slotsBetween(tz, allocAt + HOUR, now + AHEAD_DAYS * DAY, 4, length);
      if (slots.length) {
        startAt = rand.pick(slots);
        if (!onTheLine) steps.push({ kind: 'allocate', at: allocAt, by: createdBy });
      }
    }
    const cancelAt = Math.min(allocAt + rand.int(30, 48 * 60) * MINUTE, now - MINUTE);
    steps.push({ kind: 'cancel', at: Math.max(cancelAt, allocAt + MINUTE), by: rand.pick(crew.checks), reason: text(rand.pick(CANCEL_REASONS)) });
  }
  steps.sort((a, b) => a.at - b.at);
  const product = rand.chance(0.85) ? rand.int(0, PRODUCTS.length - 1) : null;
  const type = rand.int(0, INTERVENTION_TYPES.length - 1);
  return {
    branch,
    client,
    createdAt,
    createdBy,
    docDate: localDay(tz, createdAt),
    priority: rand.weighted({ low: 25, medium: 55, high: 20 }),
    type,
    classification,
    classification2: rand.int(0, CLASSIFICATIONS_2.length - 1),
    classification3: rand.chance(0.7) ? 0 : rand.int(1, CLASSIFICATIONS_3.length - 1),
    zone: rand.int(0, ZONES[branch].length - 1),
    vehicle: startAt !== null && rand.chance(0.5) ? rand.int(0, VEHICLES[branch].length - 1) : null,
    product,
    serial: product !== null && rand.chance(0.7) ? `SN${rand.int(10_000_000, 99_999_999)}` : null,
    useContract: rand.chance(0.7),
    useEstimate: INTERVENTION_TYPES[type]!.code === 'INS',
    notes: text(rand.pick(problems)),
    takenBy,
    responsible: rand.pick(crew.checks),
    startAt,
    endAt: startAt === null ? null : startAt + length,
    steps,
    allocatedOnCreate: startAt !== null && onTheLine,
    status,
    valid,
  };
}

/**
 * The demo call centre as data: the same `seed` and `now` give the same demo. Every instant lies before `now`,
 * except the appointments of the coming two weeks; working hours are read on each branch's own clock.
 */
export function planDemo(o: { seed: number; now: number; language: Language; interventions?: number; clients?: number }): DemoPlan {
  const rand = random(o.seed);
  const text = (names: Record<Language, string>) => names[o.language];
  const clients = planClients(rand, o.clients ?? 500, STAFF.length);
  const byBranch: Record<BranchKey, number[]> = { riga: [], yerevan: [] };
  clients.forEach((c, i) => byBranch[c.branch].push(i));
  const days = { riga: callDays(localDay(BRANCH_ZONES.riga, o.now)), yerevan: callDays(localDay(BRANCH_ZONES.yerevan, o.now)) };
  const totals = { riga: days.riga.reduce((s, d) => s + d.weight, 0), yerevan: days.yerevan.reduce((s, d) => s + d.weight, 0) };
  const interventions: PlannedIntervention[] = [];
  const diary = new Diary();
  for (let i = 0; i < (o.interventions ?? DEMO_INTERVENTIONS); i++) {
    const branch: BranchKey = rand.chance(0.6) ? 'riga' : 'yerevan';
    const tz = BRANCH_ZONES[branch];
    const date = pickDay(rand, days[branch], totals[branch]);
    let createdAt = workingInstant(date, rand.int(8, 18), rand.int(0, 59), tz);
    // Today's calls came in before now.
    if (createdAt > o.now - 5 * MINUTE) createdAt = o.now - rand.int(10, 120) * MINUTE;
    // Regulars call more often: the first clients of a branch are its big accounts.
    const pool = byBranch[branch];
    const client = pool[Math.floor(rand.next() ** 2 * pool.length)]!;
    interventions.push(planOne(rand, diary, o.now, branch, client, createdAt, text));
  }
  interventions.sort((a, b) => a.createdAt - b.createdAt);
  return { language: o.language, now: o.now, start: o.now - (HISTORY_DAYS + 10) * DAY, clients, interventions };
}
