import type { Week } from '../../shared/rules/workingHours';
import type { ExceptionKind } from '../../shared/rules/workingHours';
import { todayIn } from '../../shared/rules/zonedTime';
import type { Names } from './lists';
import { addDays, weekday } from './slots';
import { BRANCH_ZONES, STAFF, type BranchKey } from './staff';

/**
 * The demo's calendar set-up, as a pure function of today: everyone who works in a branch has a Mon–Fri week with a
 * lunch break (one of them also Saturday mornings), a vacation ahead and a sick day behind among the exceptions, and
 * each branch offers its services in its own currency. The visits are planned on top of these (calendar reports).
 */

const n = (en: string, lv: string, ru: string, lt: string, ro: string, hy: string): Names => ({ en, lv, ru, lt, ro, hy });

const DAY: [string, string][] = [
  ['09:00', '13:00'],
  ['14:00', '18:00'],
];
export const DEMO_WEEK: Week = { '1': DAY, '2': DAY, '3': DAY, '4': DAY, '5': DAY };
const WITH_SATURDAY: Week = { ...DEMO_WEEK, '6': [['09:00', '13:00']] };
/** Who works Saturday mornings in each branch. */
const SATURDAY: Record<BranchKey, string> = { riga: 'tech.riga', yerevan: 'tech.yerevan' };

export interface PlannedService {
  names: Names;
  durationMin: number;
  /** In the branch's currency's minor units. */
  price: Record<BranchKey, number>;
  colour: string;
  /** Logins of who performs it in each branch; none: anyone. */
  performers: Record<BranchKey, string[]>;
}

const techs = (b: BranchKey) => [`tech.${b}`, `tech2.${b}`, `tech3.${b}`];
const everyTech = { riga: techs('riga'), yerevan: techs('yerevan') };

export const DEMO_SERVICES: PlannedService[] = [
  { names: n('Consultation', 'Konsultācija', 'Консультация', 'Konsultacija', 'Consultanță', 'Խորհրդատվություն'), durationMin: 30, price: { riga: 2500, yerevan: 800000 }, colour: '#1864ab', performers: { riga: [...everyTech.riga, 'manager.riga'], yerevan: [...everyTech.yerevan, 'manager.yerevan'] } },
  { names: n('Boiler maintenance', 'Katla apkope', 'Обслуживание котла', 'Katilo priežiūra', 'Revizie centrală', 'Կաթսայի սպասարկում'), durationMin: 90, price: { riga: 8500, yerevan: 2500000 }, colour: '#c92a2a', performers: everyTech },
  { names: n('Diagnosis', 'Diagnostika', 'Диагностика', 'Diagnostika', 'Diagnosticare', 'Ախտորոշում'), durationMin: 60, price: { riga: 4500, yerevan: 1500000 }, colour: '#e67700', performers: everyTech },
  { names: n('Air conditioner service', 'Kondicioniera apkope', 'Обслуживание кондиционера', 'Kondicionieriaus priežiūra', 'Revizie aer condiționat', 'Օդորակիչի սպասարկում'), durationMin: 60, price: { riga: 6000, yerevan: 2000000 }, colour: '#0b7285', performers: { riga: ['tech2.riga', 'tech3.riga'], yerevan: ['tech2.yerevan', 'tech3.yerevan'] } },
  { names: n('Water heater cleaning', 'Ūdens sildītāja tīrīšana', 'Чистка водонагревателя', 'Vandens šildytuvo valymas', 'Curățare boiler', 'Ջրատաքացուցչի մաքրում'), durationMin: 45, price: { riga: 4000, yerevan: 1200000 }, colour: '#2b8a3e', performers: everyTech },
  { names: n('Gas safety check', 'Gāzes iekārtu pārbaude', 'Проверка газового оборудования', 'Dujų įrangos patikra', 'Verificare instalație gaz', 'Գազային սարքավորումների ստուգում'), durationMin: 30, price: { riga: 3500, yerevan: 1000000 }, colour: '#862e9c', performers: { riga: ['tech.riga'], yerevan: ['tech.yerevan'] } },
  { names: n('Warranty check', 'Garantijas pārbaude', 'Гарантийная проверка', 'Garantinė patikra', 'Verificare în garanție', 'Երաշխիքային ստուգում'), durationMin: 30, price: { riga: 0, yerevan: 0 }, colour: '#5c940d', performers: { riga: [], yerevan: [] } },
];
export const BRANCH_CURRENCY: Record<BranchKey, string> = { riga: 'EUR', yerevan: 'AMD' };

export const VISIT_SOURCES: Names[] = [
  n('SMS campaign', 'SMS kampaņa', 'SMS-рассылка', 'SMS akcija', 'Campanie SMS', 'SMS արշավ'),
  n('Google ads', 'Google reklāma', 'Реклама Google', 'Google reklama', 'Reclame Google', 'Google գովազդ'),
  n('Referral', 'Ieteikums', 'По рекомендации', 'Rekomendacija', 'Recomandare', 'Խորհուրդ'),
  n('Walk-in', 'Ienāca pats', 'Пришёл сам', 'Užėjo pats', 'Venit direct', 'Այցելել է ինքը'),
  n('Returning client', 'Pastāvīgs klients', 'Постоянный клиент', 'Nuolatinis klientas', 'Client fidel', 'Մշտական հաճախորդ'),
  n('Website', 'Mājaslapa', 'Сайт', 'Svetainė', 'Site web', 'Կայք'),
];

export interface PlannedWeek {
  branch: BranchKey;
  login: string;
  week: Week;
}
export interface PlannedException {
  branch: BranchKey;
  login: string;
  kind: ExceptionKind;
  dayFrom: string;
  dayTo: string;
  intervals: [string, string][] | null;
  note: Names | null;
}

/** The Monday on or after a date. */
const nextMonday = (date: string) => addDays(date, (8 - weekday(date)) % 7 || 7);
/** The last weekday before a date. */
function workdayBefore(date: string): string {
  let d = addDays(date, -1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

export function planCalendarSetup(now: number): { weeks: PlannedWeek[]; exceptions: PlannedException[] } {
  const weeks: PlannedWeek[] = [];
  const exceptions: PlannedException[] = [];
  for (const branch of ['riga', 'yerevan'] as const) {
    for (const s of STAFF.filter((p) => p.branches.includes(branch) && p.role !== 'owner' && p.role !== 'admin')) {
      weeks.push({ branch, login: s.login, week: s.login === SATURDAY[branch] ? WITH_SATURDAY : DEMO_WEEK });
    }
    const today = todayIn(BRANCH_ZONES[branch], now);
    const monday = nextMonday(addDays(today, 7));
    exceptions.push(
      { branch, login: `tech2.${branch}`, kind: 'vacation', dayFrom: monday, dayTo: addDays(monday, 4), intervals: null, note: n('Summer leave', 'Ikgadējais atvaļinājums', 'Ежегодный отпуск', 'Kasmetinės atostogos', 'Concediu de odihnă', 'Ամենամյա արձակուրդ') },
      { branch, login: `tech3.${branch}`, kind: 'sick', dayFrom: workdayBefore(today), dayTo: workdayBefore(today), intervals: null, note: null },
      { branch, login: `tech.${branch}`, kind: 'day_off', dayFrom: nextMonday(today), dayTo: nextMonday(today), intervals: [['14:00', '18:00']], note: n('Training', 'Apmācības', 'Обучение', 'Mokymai', 'Instruire', 'Վերապատրաստում') },
    );
  }
  return { weeks, exceptions };
}
