import type { Ctx } from '../api/context';
import type { Language } from '../../shared/i18n/languages';
import { createAnnexTemplate } from '../modules/interventions';
import { INTERVENTION_TYPES } from './lists';

/** The words of the demo's annex forms in each UI language; the templates are written in the organization's. */
interface Words {
  acceptance: string;
  maintenance: string;
  document: string;
  of: string;
  client: string;
  phone: string;
  address: string;
  object: string;
  serial: string;
  problem: string;
  done: string;
  timeline: string;
  date: string;
  person: string;
  text: string;
  accepted: string;
  checks: string[];
  result: string;
  technician: string;
  signature: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    acceptance: 'Work acceptance record',
    maintenance: 'Maintenance checklist',
    document: 'Intervention',
    of: 'of',
    client: 'Client',
    phone: 'Phone',
    address: 'Address',
    object: 'Object',
    serial: 'Serial no.',
    problem: 'Reported problem',
    done: 'Work done',
    timeline: 'Timeline',
    date: 'Date',
    person: 'Person',
    text: 'Text',
    accepted: 'The client confirms that the work was done and accepts it without objections.',
    checks: ['Burner and heat exchanger cleaned', 'Gas and water connections checked for leaks', 'Safety valves and pressure checked', 'Flue gas analysis done'],
    result: 'Result',
    technician: 'Technician',
    signature: 'Signature',
  },
  lv: {
    acceptance: 'Darbu pieņemšanas akts',
    maintenance: 'Apkopes kontrolsaraksts',
    document: 'Intervence',
    of: 'no',
    client: 'Klients',
    phone: 'Tālrunis',
    address: 'Adrese',
    object: 'Objekts',
    serial: 'Sērijas nr.',
    problem: 'Pieteiktā problēma',
    done: 'Veiktie darbi',
    timeline: 'Hronoloģija',
    date: 'Datums',
    person: 'Persona',
    text: 'Teksts',
    accepted: 'Klients apliecina, ka darbi ir veikti, un pieņem tos bez iebildumiem.',
    checks: ['Deglis un siltummainis iztīrīti', 'Gāzes un ūdens pieslēgumi pārbaudīti', 'Drošības vārsti un spiediens pārbaudīti', 'Dūmgāzu analīze veikta'],
    result: 'Rezultāts',
    technician: 'Tehniķis',
    signature: 'Paraksts',
  },
  ru: {
    acceptance: 'Акт приёмки работ',
    maintenance: 'Чек-лист обслуживания',
    document: 'Вмешательство',
    of: 'от',
    client: 'Клиент',
    phone: 'Телефон',
    address: 'Адрес',
    object: 'Объект',
    serial: 'Серийный №',
    problem: 'Заявленная проблема',
    done: 'Выполненные работы',
    timeline: 'Хронология',
    date: 'Дата',
    person: 'Лицо',
    text: 'Текст',
    accepted: 'Клиент подтверждает, что работы выполнены, и принимает их без замечаний.',
    checks: ['Горелка и теплообменник очищены', 'Газовые и водяные соединения проверены', 'Предохранительные клапаны и давление проверены', 'Анализ дымовых газов выполнен'],
    result: 'Результат',
    technician: 'Техник',
    signature: 'Подпись',
  },
  lt: {
    acceptance: 'Darbų priėmimo aktas',
    maintenance: 'Priežiūros kontrolinis sąrašas',
    document: 'Intervencija',
    of: 'iš',
    client: 'Klientas',
    phone: 'Telefonas',
    address: 'Adresas',
    object: 'Objektas',
    serial: 'Serijos nr.',
    problem: 'Nurodyta problema',
    done: 'Atlikti darbai',
    timeline: 'Chronologija',
    date: 'Data',
    person: 'Asmuo',
    text: 'Tekstas',
    accepted: 'Klientas patvirtina, kad darbai atlikti, ir priima juos be pastabų.',
    checks: ['Degiklis ir šilumokaitis išvalyti', 'Dujų ir vandens jungtys patikrintos', 'Apsauginiai vožtuvai ir slėgis patikrinti', 'Išmetamųjų dujų analizė atlikta'],
    result: 'Rezultatas',
    technician: 'Technikas',
    signature: 'Parašas',
  },
  ro: {
    acceptance: 'Proces-verbal de recepție a lucrărilor',
    maintenance: 'Fișă de revizie periodică',
    document: 'Intervenția',
    of: 'din',
    client: 'Client',
    phone: 'Telefon',
    address: 'Adresă',
    object: 'Obiect',
    serial: 'Serie',
    problem: 'Problema semnalată',
    done: 'Lucrări efectuate',
    timeline: 'Istoric',
    date: 'Data',
    person: 'Persoana',
    text: 'Mențiuni',
    accepted: 'Beneficiarul confirmă efectuarea lucrărilor și le recepționează fără obiecțiuni.',
    checks: ['Arzătorul și schimbătorul de căldură curățate', 'Racordurile de gaz și apă verificate', 'Supapele de siguranță și presiunea verificate', 'Analiza gazelor de ardere efectuată'],
    result: 'Rezultat',
    technician: 'Tehnician',
    signature: 'Semnătura',
  },
  hy: {
    acceptance: 'Աշխատանքների ընդունման ակտ',
    maintenance: 'Սպասարկման ստուգաթերթ',
    document: 'Միջամտություն',
    of: '',
    client: 'Հաճախորդ',
    phone: 'Հեռախոս',
    address: 'Հասցե',
    object: 'Օբյեկտ',
    serial: 'Սերիական համար',
    problem: 'Հայտնված խնդիրը',
    done: 'Կատարված աշխատանքներ',
    timeline: 'Ժամանակագրություն',
    date: 'Ամսաթիվ',
    person: 'Անձ',
    text: 'Տեքստ',
    accepted: 'Հաճախորդը հաստատում է, որ աշխատանքները կատարված են, և ընդունում է դրանք առանց առարկությունների։',
    checks: ['Այրիչը և ջերմափոխանակիչը մաքրված են', 'Գազի և ջրի միացումները ստուգված են', 'Անվտանգության փականները և ճնշումը ստուգված են', 'Ծխագազերի վերլուծությունը կատարված է'],
    result: 'Արդյունք',
    technician: 'Տեխնիկ',
    signature: 'Ստորագրություն',
  },
};

function heading(w: Words): string {
  return `<p align="center"><strong>${w.document} {{ intervention.number }}</strong> ${w.of} {{ intervention.doc_date }}</p>
<table>
  <tr><th>${w.client}</th><td>{{ client.name }}</td><th>${w.phone}</th><td>{{ client.phone }}</td></tr>
  <tr><th>${w.address}</th><td colspan="3">{{ client.address }}</td></tr>
  <tr><th>${w.object}</th><td>{{ object.name }}</td><th>${w.serial}</th><td>{{ object.serial }}</td></tr>
</table>`;
}

function signatures(w: Words): string {
  return `<table>
  <tr><th>${w.client}</th><th>${w.technician}</th></tr>
  <tr><td>{{ client.name }}<br><br>${w.signature}: ____________________</td><td>{{ intervention.taken_by }}<br><br>${w.signature}: ____________________</td></tr>
</table>`;
}

/** A work acceptance record for every type, and a checklist for scheduled maintenance: what a service firm prints. */
export function demoAnnexTemplates(language: Language): { name: string; typeCode: string | null; body: string }[] {
  const w = WORDS[language];
  const acceptance = `${heading(w)}
<h3>${w.problem}</h3>
<p>{{ intervention.notes }}</p>
<h3>${w.done}</h3>
<table>
  <tr><th>${w.date}</th><th>${w.person}</th><th>${w.text}</th></tr>
  {% for line in timeline %}<tr><td>{{ line.at }}</td><td>{{ line.person }}</td><td>{{ line.text }}</td></tr>
  {% endfor %}
</table>
<p><em>${w.accepted}</em></p>
${signatures(w)}`;
  const checklist = `${heading(w)}
<table>
  <tr><th>#</th><th>${w.object}</th><th>${w.result}</th></tr>
${w.checks.map((c, i) => `  <tr><td>${i + 1}</td><td>${c}</td><td>☐</td></tr>`).join('\n')}
</table>
${signatures(w)}`;
  return [
    { name: w.acceptance, typeCode: null, body: acceptance },
    { name: w.maintenance, typeCode: 'MNT', body: checklist },
  ];
}

/** Writes the demo's annex forms through the service, as the owner did while setting up. */
export async function loadAnnexTemplates(ctx: Ctx, language: Language, typeIds: string[]): Promise<void> {
  for (const t of demoAnnexTemplates(language)) {
    const index = t.typeCode ? INTERVENTION_TYPES.findIndex((x) => x.code === t.typeCode) : -1;
    await createAnnexTemplate(ctx, { name: t.name, typeId: index >= 0 ? typeIds[index]! : null, body: t.body });
  }
}
