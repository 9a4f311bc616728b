import type { Ctx } from '../api/context';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import { saveChatOperator, saveChatOrg } from '../modules/chat';
import { userRows } from '../modules/organization';

/** What the service company's visitors ask about, in the demo's language (English where it has none of its own). */
const TOPICS: Partial<Record<Language, string[]>> & { en: string[] } = {
  en: ['Repair call-out', 'Maintenance contract', 'Prices and booking', 'An invoice', 'Something else'],
  lv: ['Remonta izsaukums', 'Apkopes līgums', 'Cenas un pieteikšana', 'Rēķins', 'Cits jautājums'],
  ru: ['Вызов мастера', 'Договор на обслуживание', 'Цены и запись', 'Счёт', 'Другой вопрос'],
  lt: ['Meistro iškvietimas', 'Priežiūros sutartis', 'Kainos ir registracija', 'Sąskaita', 'Kitas klausimas'],
  ro: ['Chemare pentru reparație', 'Contract de întreținere', 'Prețuri și programare', 'O factură', 'Altceva'],
  hy: ['Վարպետի կանչ', 'Սպասարկման պայմանագիր', 'Գներ և գրանցում', 'Հաշիվ', 'Այլ հարց'],
};

const GREETINGS: Partial<Record<Language, string>> = {
  en: 'Hello! Ask us anything — a technician or a manager will answer here.',
  lv: 'Labdien! Jautājiet — šeit atbildēs meistars vai vadītājs.',
  ru: 'Здравствуйте! Спрашивайте — здесь ответит мастер или менеджер.',
  hy: 'Բարև Ձեզ։ Հարցրեք՝ այստեղ կպատասխանի վարպետը կամ մենեջերը։',
};

/**
 * Experience and cost by login: the dispatchers answer first and cheaply, technicians know the work, the managers and
 * the owner are the top of the ladder a silent chat climbs.
 */
const LEVELS: Record<string, [experience: number, cost: number]> = {
  owner: [5, 5],
  admin: [4, 4],
  'manager.riga': [5, 4],
  'manager.yerevan': [4, 4],
  'dispatcher.riga': [2, 1],
  'dispatcher.yerevan': [1, 1],
  'tech.riga': [3, 2],
  'tech2.riga': [4, 3],
  'tech3.riga': [2, 2],
  'tech.yerevan': [3, 2],
  'tech2.yerevan': [2, 1],
  'tech3.yerevan': [3, 3],
};

const MOBILES: Record<string, string> = { 'manager.riga': '+37126483910', 'manager.yerevan': '+37491563728' };

/** The pictures the widget shows, where the company publishes them on its own site. */
const SITE = 'https://www.serviss-demo.lv';
const PHOTOS: Record<string, string> = {
  'manager.riga': `${SITE}/team/manager-riga.jpg`,
  'manager.yerevan': `${SITE}/team/manager-yerevan.jpg`,
  'dispatcher.riga': `${SITE}/team/dispatcher-riga.jpg`,
  'tech2.riga': `${SITE}/team/technician-riga-2.jpg`,
};

/** The demo organization's website chat: cheapest first with escalation after 5 minutes, a questionnaire and topics. */
export async function loadChatSettings(ctx: Ctx, input: { language: Language; owner: SessionUser; users: ReadonlyMap<string, SessionUser> }): Promise<void> {
  const as = { ...ctx, user: input.owner };
  await saveChatOrg(as, {
    version: 0,
    strategy: 'cheapest_first',
    escalateAfterMinutes: 5,
    maxChatsEach: 3,
    questionnaire: { name: 'required', phone: 'required', email: 'asked', topic: 'asked' },
    topics: TOPICS[input.language] ?? TOPICS.en,
    greetings: GREETINGS,
    logoUrl: `${SITE}/logo.png`,
  });
  for (const [login, [experience, cost]] of Object.entries(LEVELS)) {
    const user = input.users.get(login);
    if (!user) continue;
    const phone = MOBILES[login];
    // The managers want a text message when a visitor starts a chat: their mobile number is their notice number.
    if (phone) {
      const rows = userRows.in(as);
      await rows.update(await rows.load(user.id, { key: 'user_not_found', field: 'userId' }), { notice_phone: phone });
    }
    await saveChatOperator(as, { userId: user.id, version: 0, experience, cost, smsOnStart: !!phone, photoUrl: PHOTOS[login] ?? null });
  }
}
