import type { Ctx } from '../api/context';
import type { SessionUser } from '../../shared/api/auth';
import type { Language } from '../../shared/i18n/languages';
import { seedChatArchive, type SeedConversation } from '../modules/chat';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type Lines = Record<string, string>;
/** What the demo's visitors and staff write, in the demo's language (English where it has none of its own). */
const TEXTS: Partial<Record<Language, Lines>> & { en: Lines } = {
  en: {
    followUp: 'Hello, is there any news about my request? When can the technician come?',
    boilerAsk: 'Hello, our gas boiler shows error E119 and the radiators are cold. Can someone come today?',
    boilerMore: 'We are at home until 18:00. The boiler is about 8 years old.',
    contractAsk: 'How much is a yearly maintenance contract for a heat pump?',
    contractAsk2: 'And does it include the filter change?',
    contractAnswer: 'A yearly contract for one heat pump is 180 € with two visits.',
    contractWrong: 'The filter is charged separately, 35 €.',
    contractAnswer2: 'Sorry, my mistake: the filter change is included in both visits.',
    contractThanks: 'Great, thank you! Please send the contract by e-mail.',
    nightAsk: 'Do you also service air conditioners in apartments? What would a cleaning cost?',
    invoiceAsk: 'I received invoice for the October repair twice — which one should I pay?',
    invoiceAnswer: 'Thank you for telling us — the second one was sent by mistake, please pay only the first one.',
    invoiceThanks: 'Clear, thank you.',
    oldAsk: 'Can you move tomorrow’s visit to Friday morning?',
    oldAnswer: 'Done: Friday between 9:00 and 11:00, the technician will call before coming.',
  },
  lv: {
    followUp: 'Labdien, vai ir kādas ziņas par manu pieteikumu? Kad meistars varēs atbraukt?',
    boilerAsk: 'Labdien, mūsu gāzes katls rāda kļūdu E119 un radiatori ir auksti. Vai kāds var atbraukt šodien?',
    boilerMore: 'Mēs esam mājās līdz 18:00. Katlam ir apmēram 8 gadi.',
    contractAsk: 'Cik maksā gada apkopes līgums siltumsūknim?',
    contractAsk2: 'Un vai tajā ietilpst filtra maiņa?',
    contractAnswer: 'Gada līgums vienam siltumsūknim maksā 180 € ar divām apkopēm.',
    contractWrong: 'Filtrs tiek apmaksāts atsevišķi, 35 €.',
    contractAnswer2: 'Atvainojos, kļūdījos: filtra maiņa ir iekļauta abās apkopēs.',
    contractThanks: 'Lieliski, paldies! Lūdzu, atsūtiet līgumu e-pastā.',
    nightAsk: 'Vai jūs apkalpojat arī kondicionierus dzīvokļos? Cik maksātu tīrīšana?',
    invoiceAsk: 'Rēķinu par oktobra remontu saņēmu divreiz — kuru no tiem maksāt?',
    invoiceAnswer: 'Paldies, ka pateicāt — otrais tika nosūtīts kļūdas pēc, lūdzu, apmaksājiet tikai pirmo.',
    invoiceThanks: 'Skaidrs, paldies.',
    oldAsk: 'Vai rītdienas vizīti var pārcelt uz piektdienas rītu?',
    oldAnswer: 'Izdarīts: piektdien no 9:00 līdz 11:00, meistars piezvanīs pirms ierašanās.',
  },
  ru: {
    followUp: 'Здравствуйте, есть новости по моей заявке? Когда сможет приехать мастер?',
    boilerAsk: 'Здравствуйте, газовый котёл показывает ошибку E119, батареи холодные. Может кто-нибудь приехать сегодня?',
    boilerMore: 'Мы дома до 18:00. Котлу около 8 лет.',
    contractAsk: 'Сколько стоит годовой договор на обслуживание теплового насоса?',
    contractAsk2: 'А замена фильтра входит?',
    contractAnswer: 'Годовой договор на один тепловой насос — 180 €, два визита.',
    contractWrong: 'Фильтр оплачивается отдельно, 35 €.',
    contractAnswer2: 'Извините, я ошиблась: замена фильтра входит в оба визита.',
    contractThanks: 'Отлично, спасибо! Пришлите, пожалуйста, договор по почте.',
    nightAsk: 'Вы обслуживаете кондиционеры в квартирах? Сколько стоит чистка?',
    invoiceAsk: 'Счёт за октябрьский ремонт пришёл дважды — какой оплачивать?',
    invoiceAnswer: 'Спасибо, что сообщили — второй отправлен по ошибке, оплатите, пожалуйста, только первый.',
    invoiceThanks: 'Понятно, спасибо.',
    oldAsk: 'Можно перенести завтрашний визит на утро пятницы?',
    oldAnswer: 'Готово: в пятницу с 9:00 до 11:00, мастер позвонит перед приездом.',
  },
  hy: {
    followUp: 'Բարև Ձեզ, իմ դիմումի վերաբերյալ նորություն կա՞։ Ե՞րբ կարող է գալ վարպետը։',
    boilerAsk: 'Բարև Ձեզ, մեր գազի կաթսան ցույց է տալիս E119 սխալը, ռադիատորները սառն են։ Կարո՞ղ է որևէ մեկը գալ այսօր։',
    boilerMore: 'Տանը կլինենք մինչև 18:00։ Կաթսան մոտ 8 տարեկան է։',
    contractAsk: 'Որքա՞ն արժե ջերմային պոմպի տարեկան սպասարկման պայմանագիրը։',
    contractAsk2: 'Իսկ ֆիլտրի փոխարինումը ներառվա՞ծ է։',
    contractAnswer: 'Մեկ ջերմային պոմպի տարեկան պայմանագիրը 180 € է՝ երկու այցով։',
    contractWrong: 'Ֆիլտրը վճարվում է առանձին՝ 35 €։',
    contractAnswer2: 'Ներողություն, սխալվեցի. ֆիլտրի փոխարինումը ներառված է երկու այցերում էլ։',
    contractThanks: 'Հիանալի է, շնորհակալություն։ Խնդրում եմ պայմանագիրն ուղարկել էլ. փոստով։',
    nightAsk: 'Բնակարաններում օդորակիչներ սպասարկո՞ւմ եք։ Որքա՞ն կարժենա մաքրումը։',
    invoiceAsk: 'Հոկտեմբերի վերանորոգման հաշիվը ստացել եմ երկու անգամ․ ո՞րը վճարեմ։',
    invoiceAnswer: 'Շնորհակալ ենք, որ տեղեկացրիք․ երկրորդն ուղարկվել է սխալմամբ, խնդրում ենք վճարել միայն առաջինը։',
    invoiceThanks: 'Պարզ է, շնորհակալություն։',
    oldAsk: 'Կարո՞ղ եք վաղվա այցը տեղափոխել ուրբաթ առավոտ։',
    oldAnswer: 'Արված է․ ուրբաթ 9:00-ից 11:00, վարպետը կզանգի գալուց առաջ։',
  },
};

const TOPICS: Partial<Record<Language, string[]>> & { en: string[] } = {
  en: ['Repair call-out', 'Maintenance contract', 'Prices and booking', 'An invoice'],
  lv: ['Remonta izsaukums', 'Apkopes līgums', 'Cenas un pieteikšana', 'Rēķins'],
  ru: ['Вызов мастера', 'Договор на обслуживание', 'Цены и запись', 'Счёт'],
  hy: ['Վարպետի կանչ', 'Սպասարկման պայմանագիր', 'Գներ և գրանցում', 'Հաշիվ'],
};

/**
 * The demo has no hub, so its chat archive is written as a hub would have sent it: clients who wrote on the website
 * (recognised on their cards by phone or e-mail), an unanswered call-out from minutes ago, a question asked after
 * hours last night, an answer with a quote and a corrected mistake (deleted), and a closed older chat.
 */
export async function loadChatArchive(ctx: Ctx, input: { now: number; language: Language; users: ReadonlyMap<string, SessionUser>; clients: readonly string[] }): Promise<void> {
  const owner = input.users.get('owner')!;
  const x = TEXTS[input.language] ?? TEXTS.en;
  const topic = TOPICS[input.language] ?? TOPICS.en;
  const who = (login: string) => input.users.get(login)?.id ?? owner.id;
  const card = async (clientId: string | undefined) => {
    if (!clientId) return null;
    const c = await ctx.db.selectFrom('client').select(['name', 'primary_phone', 'primary_email']).where('id', '=', clientId).executeTakeFirst();
    return c ? { name: c.name, phone: c.primary_phone ?? undefined, email: c.primary_email ?? undefined } : null;
  };
  const [a, b, c] = await Promise.all([card(input.clients[3]), card(input.clients[7]), card(input.clients[11])]);
  const now = input.now;
  const site = 'https://serviss.example';
  const base = { status: 'open' as const, language: input.language, visitorSeenAt: null, clientId: null };
  const list: SeedConversation[] = [];
  if (a) {
    list.push({
      conversation: { ...base, id: 'demo-chat-boiler', answers: { name: a.name, phone: a.phone, topic: topic[0] }, ip: '85.254.71.18', page: `${site}/services/boiler-repair`, assigneeId: who('dispatcher.riga'), startedAt: now - 14 * MIN, visitorSeenAt: now - 1 * MIN },
      messages: [
        { author: 'visitor', userId: null, text: x.boilerAsk!, at: now - 13 * MIN - 41_000 },
        { author: 'visitor', userId: null, text: x.boilerMore!, at: now - 11 * MIN - 7_000 },
      ],
    });
    list.push({
      conversation: { ...base, id: 'demo-chat-move', status: 'closed', answers: { name: a.name, phone: a.phone, topic: topic[2] }, ip: '85.254.71.18', page: `${site}/contacts`, assigneeId: who('dispatcher.riga'), startedAt: now - 23 * DAY - 3 * HOUR, visitorSeenAt: now - 23 * DAY - 2 * HOUR },
      messages: [
        { author: 'visitor', userId: null, text: x.oldAsk!, at: now - 23 * DAY - 3 * HOUR + 12_000 },
        { author: 'operator', userId: who('dispatcher.riga'), text: x.oldAnswer!, quoteSeq: 1, at: now - 23 * DAY - 2 * HOUR - 51 * MIN },
      ],
    });
  }
  if (b) {
    list.push({
      conversation: { ...base, id: 'demo-chat-contract', answers: { name: b.name, email: b.email, phone: b.phone, topic: topic[1] }, ip: '2a02:8109:b6c0:4e00::1f', page: `${site}/heat-pumps/maintenance`, assigneeId: who('manager.riga'), startedAt: now - 2 * HOUR - 5 * MIN, visitorSeenAt: now - 40 * MIN },
      messages: [
        { author: 'visitor', userId: null, text: x.contractAsk!, at: now - 2 * HOUR - 4 * MIN - 10_000 },
        { author: 'visitor', userId: null, text: x.contractAsk2!, at: now - 2 * HOUR - 3 * MIN - 2_000 },
        { author: 'operator', userId: who('manager.riga'), text: x.contractAnswer!, quoteSeq: 1, at: now - 2 * HOUR + 58_000 },
        { author: 'operator', userId: who('manager.riga'), text: x.contractWrong!, quoteSeq: 2, at: now - 2 * HOUR + 2 * MIN, deletedAt: now - 2 * HOUR + 4 * MIN },
        { author: 'operator', userId: who('manager.riga'), text: x.contractAnswer2!, quoteSeq: 2, at: now - 2 * HOUR + 4 * MIN + 20_000 },
        { author: 'visitor', userId: null, text: x.contractThanks!, at: now - 2 * HOUR + 9 * MIN },
        { author: 'operator', userId: who('manager.riga'), text: '👍', quoteSeq: 6, at: now - 2 * HOUR + 10 * MIN },
      ],
    });
  }
  // Asked after hours last night: nobody has answered yet, so it is red and its time shows the day before.
  list.push({
    conversation: { ...base, id: 'demo-chat-night', answers: { name: 'Marta', topic: topic[2] }, ip: '91.203.68.140', page: `${site}/air-conditioning?utm_source=google`, assigneeId: null, startedAt: now - 13 * HOUR - 12 * MIN, visitorSeenAt: now - 13 * HOUR - 2 * MIN },
    messages: [{ author: 'visitor', userId: null, text: x.nightAsk!, at: now - 13 * HOUR - 11 * MIN - 33_000 }],
  });
  if (c) {
    list.push({
      conversation: { ...base, id: 'demo-chat-invoice', status: 'closed', answers: { name: c.name, email: c.email, phone: c.phone, topic: topic[3] }, ip: '5.77.12.201', page: `${site}/my-invoices`, assigneeId: who('manager.yerevan'), startedAt: now - 3 * DAY - 5 * HOUR, visitorSeenAt: now - 3 * DAY - 4 * HOUR },
      messages: [
        { author: 'visitor', userId: null, text: x.invoiceAsk!, at: now - 3 * DAY - 5 * HOUR + 30_000 },
        { author: 'operator', userId: who('manager.yerevan'), text: x.invoiceAnswer!, quoteSeq: 1, at: now - 3 * DAY - 4 * HOUR - 48 * MIN },
        { author: 'visitor', userId: null, text: x.invoiceThanks!, at: now - 3 * DAY - 4 * HOUR - 45 * MIN },
      ],
    });
  }
  // The conversations the demo's chat-made tasks came from (`chatTasks.ts`): the task's link opens them in the console.
  const fromChat = await ctx.db
    .selectFrom('task')
    .select(['chat_conversation_id', 'client_id', 'assignee_id', 'created_at'])
    .where('org_id', '=', owner.orgId)
    .where('source', '=', 'chat')
    .where('chat_conversation_id', 'is not', null)
    .execute();
  for (const t of fromChat) {
    const who = await card(t.client_id);
    if (!who) continue;
    const at = Date.parse(t.created_at);
    list.push({
      conversation: { ...base, id: t.chat_conversation_id!, clientId: t.client_id, answers: { name: who.name, phone: who.phone, email: who.email, topic: topic[0] }, ip: '85.254.64.' + (10 + list.length), page: `${site}/contacts`, assigneeId: t.assignee_id, startedAt: at - 40_000, visitorSeenAt: at + 2 * MIN },
      messages: [{ author: 'visitor', userId: null, text: x.followUp!, at: at - 30_000 }],
    });
  }
  await seedChatArchive(ctx.db, owner.orgId, list);
}
