import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import { createTask, getChecklist, moveTask, saveTypeSettings, tickItem } from '../modules/tasks';
import { random } from '../../shared/random';
import { MINUTE } from './slots';
import type { DemoTasksInput } from './tasks';

const fixedClock = (ms: number): Clock => ({ now: () => ms });
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface TypeText {
  name: string;
  /** The item's text; `!` first: required. */
  items: string[];
}
interface Texts {
  boiler: TypeText;
  pump: TypeText;
  subject: string;
  reject: string;
  approve: string;
}

/** The two types with checklists, in the demo's language (English for the languages without their own lines). */
const TEXTS: Partial<Record<Language, Texts>> & { en: Texts } = {
  en: {
    boiler: { name: 'Boiler service', items: ['!Gas pressure measured', '!Burner cleaned', '!Flue gas analysed', '!Leak test done', 'Photo of the rating plate', 'Client shown the settings'] },
    pump: { name: 'Heat pump check', items: ['!Refrigerant pressure read', '!Filters cleaned', 'Outdoor unit free of ice', 'Photo of the display'] },
    subject: 'Annual boiler service',
    reject: 'The photo of the rating plate is missing: take it at the next visit.',
    approve: 'Checked the readings, all in order.',
  },
  lv: {
    boiler: { name: 'Katla apkope', items: ['!Izmērīts gāzes spiediens', '!Iztīrīts deglis', '!Veikta dūmgāzu analīze', '!Veikta noplūdes pārbaude', 'Datu plāksnītes foto', 'Klientam parādīti iestatījumi'] },
    pump: { name: 'Siltumsūkņa pārbaude', items: ['!Nolasīts aukstumaģenta spiediens', '!Iztīrīti filtri', 'Āra bloks bez ledus', 'Displeja foto'] },
    subject: 'Katla ikgadējā apkope',
    reject: 'Trūkst datu plāksnītes foto: nofotografējiet nākamajā vizītē.',
    approve: 'Rādījumi pārbaudīti, viss kārtībā.',
  },
  ru: {
    boiler: { name: 'Обслуживание котла', items: ['!Измерено давление газа', '!Очищена горелка', '!Выполнен анализ дымовых газов', '!Проверена герметичность', 'Фото шильдика', 'Клиенту показаны настройки'] },
    pump: { name: 'Проверка теплового насоса', items: ['!Снято давление хладагента', '!Очищены фильтры', 'Наружный блок без льда', 'Фото дисплея'] },
    subject: 'Ежегодное обслуживание котла',
    reject: 'Нет фото шильдика: сфотографируйте при следующем визите.',
    approve: 'Показания проверены, всё в порядке.',
  },
  lt: {
    boiler: { name: 'Katilo priežiūra', items: ['!Išmatuotas dujų slėgis', '!Išvalytas degiklis', '!Atlikta dūmų analizė', '!Atliktas sandarumo bandymas', 'Duomenų lentelės nuotrauka', 'Klientui parodyti nustatymai'] },
    pump: { name: 'Šilumos siurblio patikra', items: ['!Nuskaitytas šaldalo slėgis', '!Išvalyti filtrai', 'Lauko blokas be ledo', 'Ekrano nuotrauka'] },
    subject: 'Metinė katilo priežiūra',
    reject: 'Trūksta duomenų lentelės nuotraukos: nufotografuokite kito vizito metu.',
    approve: 'Rodmenys patikrinti, viskas tvarkoje.',
  },
};

/** Each branch's tasks with a checklist: how far each got. */
const FATES = ['awaiting', 'awaiting', 'resubmitted', 'approved', 'working'] as const;
export const DEMO_CHECKLIST_TASKS = FATES.length * 2;

/**
 * Task types with checklists (a boiler service of 6 items) and, in each branch, tasks of them as the staff worked
 * them: submitted with every item ticked, one sent back by the manager and submitted again, one approved, one still
 * being ticked — so the manager's list of tasks awaiting approval has something in it.
 */
export async function loadTaskChecklists(base: Ctx, o: DemoTasksInput): Promise<number> {
  const as = (user: SessionUser, ms: number): Ctx => ({ ...base, user, clock: fixedClock(ms), emit: () => undefined, emitNow: () => undefined });
  const text = TEXTS[o.language] ?? TEXTS.en;
  const rand = random(o.seed + 17);
  const owner = as(o.owner, o.now - 30 * DAY);
  const typeOf = async (x: TypeText) =>
    saveTypeSettings(owner, { name: x.name, active: true, hourlyRateMinor: 4500, items: x.items.map((i) => ({ id: null, text: i.replace(/^!/, ''), required: i.startsWith('!') })) });
  const types = [await typeOf(text.boiler), await typeOf(text.pump)];
  let made = 0;
  for (const b of o.branches) {
    for (const [n, fate] of FATES.entries()) {
      const type = types[n % 3 === 2 ? 1 : 0]!;
      const tech = b.techs[n % b.techs.length]!;
      let when = o.now - (n + 1) * DAY - rand.int(1, 6) * HOUR;
      const next = (minutes: number) => (when = Math.min(o.now - MINUTE, when + minutes * MINUTE));
      let t = await createTask(as(b.dispatcher, when), {
        branchId: b.id,
        clientId: o.clients[rand.int(0, o.clients.length - 1)]!,
        priority: 'medium',
        typeId: type.id,
        subject: n % 3 === 2 ? type.name : text.subject,
        description: null,
        dueDate: null,
        address: null,
        assigneeId: tech.id,
        requestedAssigneeId: null,
      });
      const move = async (who: SessionUser, status: 'acknowledged' | 'in_progress' | 'awaiting_approval' | 'done', verdict?: Parameters<typeof moveTask>[1]['verdict']) =>
        (t = await moveTask(as(who, next(rand.int(20, 90))), { id: t.id, version: t.version, status, verdict }));
      await move(tech, 'acknowledged');
      await move(tech, 'in_progress');
      const { items } = await getChecklist(as(tech, when), t.id);
      // Ticked in list order, as a technician goes through it; `onlyRequired` forgets the optional ones (the photo).
      const tick = async (onlyRequired: boolean, upTo = items.length) => {
        for (const item of items.slice(0, upTo)) {
          if (onlyRequired && !item.required) continue;
          await tickItem(as(tech, next(rand.int(3, 15))), { taskId: t.id, itemId: item.id, checked: true });
        }
      };
      if (fate === 'working') {
        await tick(false, Math.ceil(type.items.length / 2));
      } else if (fate === 'resubmitted') {
        await tick(true);
        await move(tech, 'awaiting_approval');
        t = await moveTask(as(b.manager, next(rand.int(60, 240))), { id: t.id, version: t.version, status: 'in_progress', verdict: { kind: 'rejected', reason: text.reject } });
        await tick(false);
        await move(tech, 'awaiting_approval');
      } else {
        await tick(false);
        await move(tech, 'awaiting_approval');
        if (fate === 'approved') await move(b.manager, 'done', { kind: 'approved', comment: text.approve });
      }
      made++;
    }
  }
  return made;
}
