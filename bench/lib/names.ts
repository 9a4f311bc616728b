/**
 * Name pools for generated benchmark data, wider than the demo's (src/main/demo/names.ts) so that a name search at
 * 100,000 clients meets a realistic spread: common surnames match thousands of clients, rare ones a handful.
 * Latvian, Lithuanian and Russian surnames come in their male and female forms.
 */
import { DEMO_COMPANIES, DEMO_STREETS } from '../../src/main/demo/names';

export type Lang = 'lv' | 'ru' | 'lt' | 'ro';

interface Pool {
  male: { first: readonly string[]; last: readonly string[] };
  female: { first: readonly string[]; last: readonly string[] };
}

export const PEOPLE: Record<Lang, Pool> = {
  lv: {
    male: {
      first: ['Jānis', 'Andris', 'Pēteris', 'Māris', 'Kārlis', 'Edgars', 'Gatis', 'Raimonds', 'Aivars', 'Valdis', 'Guntis', 'Uldis', 'Artūrs', 'Roberts', 'Mārtiņš', 'Kristaps', 'Oskars', 'Dainis', 'Normunds', 'Ģirts', 'Juris', 'Imants'],
      last: ['Bērziņš', 'Kalniņš', 'Ozoliņš', 'Liepiņš', 'Krūmiņš', 'Jansons', 'Zariņš', 'Pētersons', 'Vītols', 'Kļaviņš', 'Eglītis', 'Balodis', 'Sproģis', 'Šmits', 'Freimanis', 'Lācis', 'Kalējs', 'Siliņš', 'Ziediņš', 'Grīnbergs', 'Āboliņš', 'Žagars', 'Celmiņš', 'Bite'],
    },
    female: {
      first: ['Anna', 'Līga', 'Ilze', 'Inese', 'Dace', 'Zane', 'Ieva', 'Baiba', 'Kristīne', 'Laura', 'Sanita', 'Agnese', 'Evija', 'Ināra', 'Gunta', 'Māra', 'Santa', 'Elīna', 'Rūta', 'Aija'],
      last: ['Bērziņa', 'Kalniņa', 'Ozoliņa', 'Liepiņa', 'Krūmiņa', 'Jansone', 'Zariņa', 'Pētersone', 'Vītola', 'Kļaviņa', 'Eglīte', 'Balode', 'Sproģe', 'Šmite', 'Freimane', 'Lāce', 'Kalēja', 'Siliņa', 'Ziediņa', 'Grīnberga', 'Āboliņa', 'Žagare', 'Celmiņa', 'Ābele'],
    },
  },
  ru: {
    male: {
      first: ['Александр', 'Дмитрий', 'Сергей', 'Андрей', 'Игорь', 'Виктор', 'Алексей', 'Михаил', 'Николай', 'Владимир', 'Евгений', 'Павел', 'Юрий', 'Олег', 'Максим', 'Артём', 'Фёдор'],
      last: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов'],
    },
    female: {
      first: ['Ольга', 'Наталья', 'Елена', 'Татьяна', 'Марина', 'Юлия', 'Ирина', 'Светлана', 'Анна', 'Екатерина', 'Людмила', 'Галина', 'Оксана', 'Виктория', 'Дарья', 'Алёна'],
      last: ['Иванова', 'Смирнова', 'Кузнецова', 'Попова', 'Васильева', 'Соколова', 'Михайлова', 'Новикова', 'Фёдорова', 'Морозова', 'Волкова', 'Алексеева', 'Лебедева', 'Семёнова', 'Егорова', 'Павлова', 'Козлова', 'Степанова', 'Николаева', 'Орлова'],
    },
  },
  lt: {
    male: {
      first: ['Jonas', 'Petras', 'Tomas', 'Mindaugas', 'Darius', 'Žygimantas', 'Andrius', 'Marius', 'Vytautas', 'Linas', 'Gediminas', 'Rokas', 'Lukas', 'Paulius', 'Saulius', 'Kęstutis'],
      last: ['Kazlauskas', 'Jankauskas', 'Petrauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas', 'Butkus', 'Paulauskas', 'Urbonas', 'Navickas', 'Kavaliauskas', 'Ramanauskas', 'Savickas', 'Baranauskas', 'Šimkus', 'Rimkus', 'Čepulis', 'Mockus'],
    },
    female: {
      first: ['Ona', 'Rūta', 'Eglė', 'Jūratė', 'Aušra', 'Gintarė', 'Laima', 'Rasa', 'Vaida', 'Inga', 'Kristina', 'Jolanta', 'Greta', 'Ieva', 'Agnė', 'Dalia'],
      last: ['Kazlauskienė', 'Jankauskienė', 'Petrauskienė', 'Stankevičienė', 'Vasiliauskaitė', 'Žukauskaitė', 'Butkienė', 'Paulauskienė', 'Urbonaitė', 'Navickaitė', 'Kavaliauskienė', 'Ramanauskaitė', 'Savickienė', 'Baranauskienė', 'Šimkutė', 'Rimkienė', 'Čepulytė', 'Mockutė'],
    },
  },
  ro: {
    male: {
      first: ['Andrei', 'Mihai', 'Ștefan', 'Bogdan', 'Răzvan', 'Tudor', 'Alexandru', 'Ion', 'Gheorghe', 'Constantin', 'Florin', 'Adrian', 'Cristian', 'Daniel', 'Marius', 'Vlad'],
      last: ['Popescu', 'Ionescu', 'Țurcanu', 'Rusu', 'Munteanu', 'Stănescu', 'Dumitrescu', 'Căpraru', 'Moldovan', 'Șerban', 'Popa', 'Constantinescu', 'Georgescu', 'Stoica', 'Matei', 'Ciobanu', 'Lungu', 'Ursu', 'Barbu', 'Nistor'],
    },
    female: {
      first: ['Ioana', 'Elena', 'Maria', 'Ana', 'Cristina', 'Alexandra', 'Andreea', 'Mihaela', 'Gabriela', 'Simona', 'Raluca', 'Irina', 'Diana', 'Roxana', 'Oana', 'Larisa'],
      last: ['Popescu', 'Ionescu', 'Țurcanu', 'Rusu', 'Munteanu', 'Stănescu', 'Dumitrescu', 'Căpraru', 'Moldovan', 'Șerban', 'Popa', 'Constantinescu', 'Georgescu', 'Stoica', 'Matei', 'Ciobanu', 'Lungu', 'Ursu', 'Barbu', 'Nistor'],
    },
  },
};

export const COMPANY_FORMS: Record<Lang, readonly string[]> = { lv: ['SIA', 'SIA', 'SIA', 'AS'], ru: ['SIA', 'SIA', 'ООО'], lt: ['UAB', 'UAB', 'UAB', 'AB', 'MB'], ro: ['SRL', 'SRL', 'SRL', 'SA', 'PFA'] };
export const COMPANY_WORDS: Record<Lang, { first: readonly string[]; second: readonly string[] }> = {
  lv: {
    first: ['Baltijas', 'Rīgas', 'Kurzemes', 'Vidzemes', 'Latgales', 'Zemgales', 'Jūras', 'Ziemeļu', 'Daugavas', 'Gaujas', 'Ozolu', 'Liepu', 'Saules', 'Ēnu', 'Priežu'],
    second: ['Serviss', 'Apkure', 'Būve', 'Tehnika', 'Klīnika', 'Remonts', 'Elektro', 'Logi', 'Jumti', 'Santehnika', 'Loģistika', 'Dzīvokļi', 'Nami', 'Avoti', 'Ceļi'],
  },
  ru: {
    first: ['Северный', 'Балтийский', 'Рижский', 'Морской', 'Новый', 'Городской', 'Центральный', 'Восточный'],
    second: ['Сервис', 'Ремонт', 'Мастер', 'Техцентр', 'Комфорт', 'Климат', 'Строй', 'Дом'],
  },
  lt: {
    first: ['Vilniaus', 'Kauno', 'Klaipėdos', 'Šiaurės', 'Baltijos', 'Nemuno', 'Žalgirio', 'Aukštaitijos', 'Žemaitijos', 'Dzūkijos'],
    second: ['Technika', 'Remontas', 'Statyba', 'Servisas', 'Klinika', 'Šiluma', 'Elektra', 'Langai', 'Stogai', 'Vanduo'],
  },
  ro: {
    first: ['Tehno', 'Clinica', 'Construct', 'Electro', 'Termo', 'Auto', 'Agro', 'Medi', 'Inst', 'Nord'],
    second: ['Grup', 'Service', 'Sănătatea', 'Impex', 'Prod', 'Trans', 'Design', 'Instal', 'Med', 'Consult'],
  },
};
export const DEMO_COMPANY_NAMES = DEMO_COMPANIES;

export const PLACES: Record<'LV' | 'LT' | 'RO', { streets: readonly string[]; localities: readonly string[]; counties?: readonly string[]; postal: (rand: () => number) => string }> = {
  LV: {
    streets: [...DEMO_STREETS.lv.streets, 'Tērbatas iela', 'Dzirnavu iela', 'Kr. Barona iela', 'Maskavas iela', 'Lāčplēša iela', 'Ganību dambis', 'Brīvības gatve', 'Zemitāna iela', 'Ūdens iela', 'Jelgavas iela'],
    localities: [...DEMO_STREETS.lv.localities, 'Valmiera', 'Ventspils', 'Rēzekne', 'Ogre', 'Tukums', 'Cēsis', 'Sigulda', 'Salaspils'],
    postal: (rand) => `LV-${1000 + Math.floor(rand() * 4000)}`,
  },
  LT: {
    streets: ['Gedimino pr.', 'Konstitucijos pr.', 'Savanorių pr.', 'Žirmūnų g.', 'Laisvės al.', 'Taikos pr.', 'Ukmergės g.', 'Šeimyniškių g.', 'Vilniaus g.', 'Pilies g.'],
    localities: ['Vilnius', 'Kaunas', 'Klaipėda', 'Šiauliai', 'Panevėžys', 'Alytus', 'Marijampolė', 'Utena'],
    postal: (rand) => `LT-${String(1000 + Math.floor(rand() * 98000)).padStart(5, '0')}`,
  },
  RO: {
    streets: ['Strada Victoriei', 'Bulevardul Unirii', 'Calea Moșilor', 'Strada Ștefan cel Mare', 'Bulevardul Independenței', 'Strada Mihai Eminescu', 'Calea Dorobanților', 'Strada Lăpușneanu', 'Bulevardul Carol I', 'Strada Florilor'],
    localities: ['București', 'Cluj-Napoca', 'Iași', 'Timișoara', 'Constanța', 'Brașov', 'Suceava', 'Galați'],
    counties: ['Ilfov', 'Cluj', 'Iași', 'Timiș', 'Constanța', 'Brașov', 'Suceava', 'Galați'],
    postal: (rand) => String(100000 + Math.floor(rand() * 800000)),
  },
};

export const NOTES: Record<Lang, readonly string[]> = {
  lv: [
    'Zvanīt pēc 17:00, durvju kods 4512.',
    'Klients vēlas rēķinu e-pastā.',
    'Suns pagalmā, iepriekš piezvanīt.',
    'Parkošana tikai pagalmā, atslēgas pie dežuranta.',
    'Garantijas remonts līdz 2027. gada martam.',
    'Katls Vaillant ecoTEC, uzstādīts 2019. gadā; apkope pavasarī.',
  ],
  ru: [
    'Звонить только на мобильный, говорит по-русски.',
    'Просит напоминание за день до визита.',
    'Домофон не работает, звонить по приезде.',
    'Счёт на фирму, реквизиты в договоре.',
    'Котёл Buderus, гарантия до 2026 года.',
  ],
  lt: [
    'Prašo skambinti iš anksto, laiptinės kodas 2231.',
    'Sąskaitą siųsti el. paštu buhalterijai.',
    'Klientas pageidauja vizitų po pietų.',
    'Garantinis remontas iki 2027 m. kovo.',
  ],
  ro: [
    'Clientul preferă programări dimineața.',
    'Factura pe firmă, CUI pe contract.',
    'Sunați înainte cu o oră, interfonul nu funcționează.',
    'Centrală Ariston, revizie anuală în septembrie.',
  ],
};

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** ASCII for an e-mail local part: diacritics dropped, Cyrillic transliterated. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[а-яё]/g, (c) => CYRILLIC[c] ?? '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

export const MAIL_DOMAINS: Record<Lang, readonly string[]> = {
  lv: ['inbox.lv', 'gmail.com', 'apollo.lv', 'tvnet.lv', 'outlook.com'],
  ru: ['inbox.lv', 'gmail.com', 'mail.ru', 'yandex.ru', 'outlook.com'],
  lt: ['gmail.com', 'one.lt', 'yahoo.com', 'outlook.com', 'takas.lt'],
  ro: ['yahoo.ro', 'gmail.com', 'yahoo.com', 'outlook.com'],
};
