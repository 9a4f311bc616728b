import type { ReminderState } from '../../shared/api/visits';
import { dayIntervals, type Week, type WorkException } from '../../shared/rules/workingHours';
import type { Language } from '../../shared/i18n/languages';
import { random } from '../../shared/random';
import { addDays, DAY, localDay, MINUTE, workingInstant } from './slots';
import type { Names } from './lists';

/** The calendar's demo: six weeks back and three ahead of today, on each branch's clock. */
export const VISIT_DAYS_BACK = 42;
export const VISIT_DAYS_AHEAD = 21;

export interface CalendarPerson {
  id: string;
  branchId: string;
  tz: string;
  week: Week;
  /** Days off, vacations, sick leave, extra hours: no visit is planned where they take the time away. */
  exceptions: WorkException[];
  /** Indexes into `services` of what they perform (of their branch). */
  services: number[];
}

export interface PlannedVisit {
  userId: string;
  branchId: string;
  client: number;
  service: number;
  start: number;
  durationMin: number;
  /** When the clerk booked it (before it, never after now). */
  bookedAt: number;
  source: number | null;
  firstConsultation: boolean;
  asap: boolean;
  notes: string | null;
  outcome: 'booked' | 'arrived' | 'no_show' | 'cancelled';
  cancelReason: string | null;
  /** Of the visit's total, what was paid, and how. */
  paid: 0 | 0.5 | 1;
  method: 'cash' | 'card' | 'transfer';
  reminder: ReminderState;
}

const n = (en: string, lv: string, ru: string, lt: string, ro: string, hy: string): Names => ({ en, lv, ru, lt, ro, hy });
const NOTES: Names[] = [
  n('Back pain for two weeks.', 'Muguras sāpes jau divas nedēļas.', 'Боль в спине две недели.', 'Nugaros skausmas dvi savaites.', 'Durere de spate de două săptămâni.', 'Մեջքի ցավ երկու շաբաթ։'),
  n('Bring previous test results.', 'Paņemt līdzi iepriekšējos analīžu rezultātus.', 'Принести прежние результаты анализов.', 'Atsinešti ankstesnius tyrimų rezultatus.', 'Aduceți rezultatele analizelor anterioare.', 'Բերել նախորդ հետազոտությունների արդյունքները։'),
  n('Prefers a call before the visit.', 'Vēlas zvanu pirms vizītes.', 'Просит позвонить перед визитом.', 'Prašo paskambinti prieš vizitą.', 'Preferă un apel înainte de vizită.', 'Խնդրում է զանգահարել այցից առաջ։'),
  n('Follow-up after treatment.', 'Kontrole pēc ārstēšanas.', 'Контроль после лечения.', 'Kontrolė po gydymo.', 'Control după tratament.', 'Հսկողություն բուժումից հետո։'),
];
const CANCEL_REASONS: Names[] = [
  n('Client is ill.', 'Klients saslimis.', 'Клиент заболел.', 'Klientas suserga.', 'Clientul este bolnav.', 'Հաճախորդը հիվանդ է։'),
  n('Client asked for another day.', 'Klients lūdza citu dienu.', 'Клиент попросил другой день.', 'Klientas paprašė kitos dienos.', 'Clientul a cerut altă zi.', 'Հաճախորդը խնդրեց այլ օր։'),
  n('Doctor unavailable.', 'Ārsts nav pieejams.', 'Врач недоступен.', 'Gydytojas negali.', 'Medicul nu este disponibil.', 'Բժիշկը հասանելի չէ։'),
];

const EVERY_COLOUR: readonly ReminderState[] = ['will_not_come', 'no_answer', 'will_come', 'none'];

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Visits of the demo's calendar, as a pure function of the seed and now: each person's working days filled with
 * visits of their services at quarter hours, never overlapping, busier near today; past ones arrived (mostly paid),
 * did not come, or were cancelled with a reason; some ASAP, some first consultations; sources spread; reminders
 * mostly "will come" in the past, mixed for tomorrow, none later.
 */
export function planVisits(o: { seed: number; now: number; language: Language; people: readonly CalendarPerson[]; durations: readonly number[]; clients: number; sources: number }): PlannedVisit[] {
  const r = random(o.seed ^ 0x5eed);
  const out: PlannedVisit[] = [];
  // Tomorrow's first visits in each branch show every reminder colour, whatever the draw: a newcomer sees the four.
  const shownTomorrow = new Map<string, number>();
  for (const p of o.people) {
    if (!p.services.length) continue;
    const today = localDay(p.tz, o.now);
    const tomorrow = addDays(today, 1);
    for (let d = -VISIT_DAYS_BACK; d <= VISIT_DAYS_AHEAD; d++) {
      const day = addDays(today, d);
      // Fuller near today: the coming days are booked most, three weeks ahead a quarter.
      const fill = d < 0 ? 0.6 : d <= 3 ? 0.75 : Math.max(0.25, 0.75 - (d - 3) * 0.03);
      for (const [a, b] of dayIntervals(day, p.week, p.exceptions)) {
        let m = minutes(a);
        const end = minutes(b);
        while (m < end) {
          const service = r.pick(p.services);
          const length = o.durations[service]!;
          if (m + length > end) break;
          if (!r.chance(fill)) {
            m += 15;
            continue;
          }
          const start = workingInstant(day, Math.floor(m / 60), m % 60, p.tz);
          const finish = start + length * MINUTE;
          const past = finish <= o.now;
          const cancelled = r.chance(past ? 0.06 : 0.05);
          const outcome: PlannedVisit['outcome'] = cancelled ? 'cancelled' : past ? (r.chance(0.08) ? 'no_show' : 'arrived') : 'booked';
          const paid: PlannedVisit['paid'] = outcome === 'arrived' ? r.weighted({ full: 85, half: 6, none: 9 }) === 'full' ? 1 : r.chance(0.4) ? 0.5 : 0 : 0;
          const drawn: ReminderState =
            outcome === 'cancelled'
              ? 'none'
              : past || day === today
                ? outcome === 'no_show'
                  ? r.weighted({ no_answer: 2, will_not_come: 1, will_come: 1 })
                  : r.weighted({ will_come: 90, no_answer: 6, will_not_come: 4 })
                : day === tomorrow
                  ? r.weighted({ none: 4, will_come: 3, no_answer: 2, will_not_come: 1 })
                  : 'none';
          const shown = day === tomorrow && outcome !== 'cancelled' ? (shownTomorrow.get(p.branchId) ?? 0) : EVERY_COLOUR.length;
          if (shown < EVERY_COLOUR.length) shownTomorrow.set(p.branchId, shown + 1);
          const reminder = EVERY_COLOUR[shown] ?? drawn;
          out.push({
            userId: p.id,
            branchId: p.branchId,
            client: r.int(0, o.clients - 1),
            service,
            start,
            durationMin: length,
            bookedAt: Math.min(o.now - r.int(5, 120) * MINUTE, start - r.int(1, 14) * DAY),
            source: o.sources && r.chance(0.85) ? r.int(0, o.sources - 1) : null,
            firstConsultation: r.chance(0.15),
            asap: !past && outcome === 'booked' && d > 1 && r.chance(0.07),
            notes: r.chance(0.2) ? r.pick(NOTES)[o.language] : null,
            outcome,
            cancelReason: cancelled ? r.pick(CANCEL_REASONS)[o.language] : null,
            paid,
            method: r.weighted({ card: 6, cash: 3, transfer: 1 }),
            reminder,
          });
          m += length + (r.chance(0.15) ? 15 : 0);
        }
      }
    }
  }
  return out.sort((x, y) => x.bookedAt - y.bookedAt);
}
