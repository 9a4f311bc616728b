/** Name pools for the demo organization's clients, by language. */
export const DEMO_NAMES = {
  lv: {
    first: ['Jānis', 'Anna', 'Pēteris', 'Līga', 'Andris', 'Ilze', 'Māris', 'Inese', 'Kārlis', 'Dace', 'Edgars', 'Zane', 'Gatis', 'Ieva', 'Raimonds', 'Baiba'],
    last: ['Bērziņš', 'Kalniņa', 'Ozoliņš', 'Liepiņa', 'Krūmiņš', 'Vītola', 'Zariņš', 'Kļaviņa', 'Pētersons', 'Eglīte', 'Sproģis', 'Ābele', 'Šmits', 'Žagare'],
  },
  ru: {
    first: ['Александр', 'Ольга', 'Дмитрий', 'Наталья', 'Сергей', 'Елена', 'Андрей', 'Татьяна', 'Игорь', 'Марина', 'Виктор', 'Юлия'],
    last: ['Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Васильев', 'Соколова', 'Михайлов', 'Новикова', 'Фёдоров', 'Морозова'],
  },
  lt: {
    first: ['Jonas', 'Ona', 'Petras', 'Rūta', 'Tomas', 'Eglė', 'Mindaugas', 'Jūratė', 'Darius', 'Aušra', 'Žygimantas', 'Gintarė'],
    last: ['Kazlauskas', 'Jankauskienė', 'Petrauskas', 'Stankevičienė', 'Vasiliauskas', 'Žukauskaitė', 'Butkus', 'Paulauskienė', 'Urbonas', 'Navickaitė'],
  },
  ro: {
    first: ['Andrei', 'Ioana', 'Mihai', 'Elena', 'Ștefan', 'Maria', 'Bogdan', 'Ana', 'Răzvan', 'Cristina', 'Tudor', 'Alexandra'],
    last: ['Popescu', 'Ionescu', 'Țurcanu', 'Rusu', 'Munteanu', 'Stănescu', 'Dumitrescu', 'Căpraru', 'Moldovan', 'Șerban'],
  },
  hy: {
    first: ['Արամ', 'Անի', 'Գոռ', 'Լիլիթ', 'Տիգրան', 'Մարիամ', 'Հայկ', 'Նարե', 'Արմեն', 'Սոնա', 'Էլեն', 'Վահե'],
    last: ['Պետրոսյան', 'Սարգսյան', 'Հովհաննիսյան', 'Գրիգորյան', 'Կարապետյան', 'Մկրտչյան', 'Ավետիսյան', 'Վարդանյան', 'Հարությունյան', 'Մարտիրոսյան'],
  },
} as const;

export const DEMO_COMPANIES_AM = ['«Արարատ Սերվիս» ՍՊԸ', '«Երևան Տեխնո» ՍՊԸ', '«Կասկադ Շին» ՍՊԸ'];

export const DEMO_COMPANIES = ['SIA Baltijas Serviss', 'UAB Vilniaus Technika', 'SRL Tehno Grup', 'ООО Северный Сервис', 'SIA Kurzemes Klīnika', 'UAB Šiaurės Remontas', 'SRL Clinica Sănătatea', 'SIA Rīgas Apkure'];

export const DEMO_STREETS = {
  lv: { streets: ['Brīvības iela', 'Krišjāņa Valdemāra iela', 'Ģertrūdes iela', 'Elizabetes iela', 'Čaka iela'], localities: ['Rīga', 'Jūrmala', 'Jelgava', 'Liepāja', 'Daugavpils'] },
  am: { streets: ['Աբովյան փողոց', 'Մաշտոցի պողոտա', 'Սայաթ-Նովա'], localities: ['Երևան', 'Գյումրի'] },
} as const;
