import type { Language } from '../../shared/i18n/languages';

/**
 * The demo call centre's reference lists in every UI language. Names are data (one name per item), so the demo
 * writes them in the organization's language; the other five are here so a demo made in any language reads well.
 */
export type Names = Record<Language, string>;
export interface ListItem {
  code: string;
  names: Names;
}

const n = (en: string, lv: string, ru: string, lt: string, ro: string, hy: string): Names => ({ en, lv, ru, lt, ro, hy });

export const INTERVENTION_TYPES: ListItem[] = [
  { code: 'REP', names: n('Repair', 'Remonts', 'Ремонт', 'Remontas', 'Reparație', 'Նորոգում') },
  { code: 'INS', names: n('Installation', 'Uzstādīšana', 'Монтаж', 'Montavimas', 'Instalare', 'Տեղադրում') },
  { code: 'MNT', names: n('Scheduled maintenance', 'Plānotā apkope', 'Плановое обслуживание', 'Planinė priežiūra', 'Revizie periodică', 'Պլանային սպասարկում') },
  { code: 'WAR', names: n('Warranty claim', 'Garantijas pretenzija', 'Гарантийный случай', 'Garantinis atvejis', 'Reclamație în garanție', 'Երաշխիքային դեպք') },
  { code: 'DIA', names: n('Diagnosis', 'Diagnostika', 'Диагностика', 'Diagnostika', 'Diagnosticare', 'Ախտորոշում') },
  { code: 'CON', names: n('Consultation', 'Konsultācija', 'Консультация', 'Konsultacija', 'Consultanță', 'Խորհրդատվություն') },
];

/** Classification 1: the trade the call is about. */
export const CLASSIFICATIONS: ListItem[] = [
  { code: 'HEAT', names: n('Heating', 'Apkure', 'Отопление', 'Šildymas', 'Încălzire', 'Ջեռուցում') },
  { code: 'COOL', names: n('Air conditioning', 'Gaisa kondicionēšana', 'Кондиционирование', 'Oro kondicionavimas', 'Climatizare', 'Օդորակում') },
  { code: 'SEC', names: n('Security systems', 'Drošības sistēmas', 'Системы безопасности', 'Apsaugos sistemos', 'Sisteme de securitate', 'Անվտանգության համակարգեր') },
  { code: 'WAT', names: n('Water and plumbing', 'Ūdensapgāde', 'Водоснабжение', 'Vandentiekis', 'Instalații sanitare', 'Ջրամատակարարում') },
  { code: 'ELE', names: n('Electrical', 'Elektroinstalācija', 'Электрика', 'Elektra', 'Instalații electrice', 'Էլեկտրամոնտաժ') },
];

/** Classification 2: what caused the call. */
export const CLASSIFICATIONS_2: ListItem[] = [
  { code: 'BRK', names: n('Breakdown', 'Bojājums', 'Поломка', 'Gedimas', 'Defecțiune', 'Անսարքություն') },
  { code: 'PRE', names: n('Preventive', 'Profilakse', 'Профилактика', 'Prevencija', 'Preventiv', 'Կանխարգելում') },
  { code: 'USR', names: n('Operating error', 'Lietošanas kļūda', 'Ошибка эксплуатации', 'Naudojimo klaida', 'Eroare de utilizare', 'Շահագործման սխալ') },
  { code: 'NEW', names: n('New equipment', 'Jauna iekārta', 'Новое оборудование', 'Nauja įranga', 'Echipament nou', 'Նոր սարքավորում') },
];

/** Classification 3: how the call came in. */
export const CLASSIFICATIONS_3: ListItem[] = [
  { code: 'TEL', names: n('Phone', 'Tālrunis', 'Телефон', 'Telefonas', 'Telefon', 'Հեռախոս') },
  { code: 'EML', names: n('E-mail', 'E-pasts', 'Эл. почта', 'El. paštas', 'E-mail', 'Էլ. փոստ') },
  { code: 'WEB', names: n('Web form', 'Tīmekļa forma', 'Веб-форма', 'Interneto forma', 'Formular web', 'Վեբ ձև') },
  { code: 'VIS', names: n('Walk-in', 'Klātienē', 'Лично в офисе', 'Atvyko į biurą', 'La sediu', 'Այցելություն') },
];

/** Commercial zones: place names, spelt as each language spells them. */
export const ZONES: { riga: ListItem[]; yerevan: ListItem[] } = {
  riga: [
    { code: 'R-CEN', names: n('Riga Centre', 'Rīgas centrs', 'Центр Риги', 'Rygos centras', 'Riga Centru', 'Ռիգայի կենտրոն') },
    { code: 'R-PUR', names: n('Purvciems', 'Purvciems', 'Пурвциемс', 'Purvciemas', 'Purvciems', 'Պուրվցիեմս') },
    { code: 'R-IMA', names: n('Imanta', 'Imanta', 'Иманта', 'Imanta', 'Imanta', 'Իմանտա') },
    { code: 'R-JUR', names: n('Jūrmala', 'Jūrmala', 'Юрмала', 'Jūrmala', 'Jūrmala', 'Յուրմալա') },
    { code: 'R-PIE', names: n('Riga region', 'Pierīga', 'Пририжье', 'Rygos apylinkės', 'Regiunea Riga', 'Ռիգայի շրջան') },
  ],
  yerevan: [
    { code: 'E-KEN', names: n('Kentron', 'Kentrona', 'Кентрон', 'Kentronas', 'Kentron', 'Կենտրոն') },
    { code: 'E-ARA', names: n('Arabkir', 'Arabkira', 'Арабкир', 'Arabkiras', 'Arabkir', 'Արաբկիր') },
    { code: 'E-MAL', names: n('Malatia-Sebastia', 'Malatja-Sebastija', 'Малатия-Себастия', 'Malatija-Sebastija', 'Malatia-Sebastia', 'Մալաթիա-Սեբաստիա') },
    { code: 'E-NOR', names: n('Nor Nork', 'Nornorka', 'Нор Норк', 'Nor Norkas', 'Nor Nork', 'Նոր Նորք') },
  ],
};

/** Service vans: plates are the same in every language. */
export const VEHICLES: { riga: string[]; yerevan: string[] } = {
  riga: ['LR-4512', 'KP-7730', 'HN-2208'],
  yerevan: ['35 OS 417', '10 LL 882'],
};

/** Objects of interventions: a brand and a model after a translated kind; systems are whole installations. */
export const PRODUCTS: { code: string; names: Names; isSystem: boolean }[] = [
  { code: 'P-BOIL-VAI', isSystem: false, names: n('Gas boiler Vaillant ecoTEC plus', 'Gāzes katls Vaillant ecoTEC plus', 'Газовый котёл Vaillant ecoTEC plus', 'Dujinis katilas Vaillant ecoTEC plus', 'Centrală pe gaz Vaillant ecoTEC plus', 'Գազի կաթսա Vaillant ecoTEC plus') },
  { code: 'P-HP-DAI', isSystem: false, names: n('Heat pump Daikin Altherma 3', 'Siltumsūknis Daikin Altherma 3', 'Тепловой насос Daikin Altherma 3', 'Šilumos siurblys Daikin Altherma 3', 'Pompă de căldură Daikin Altherma 3', 'Ջերմային պոմպ Daikin Altherma 3') },
  { code: 'P-AC-MIT', isSystem: false, names: n('Split air conditioner Mitsubishi MSZ-LN', 'Split kondicionieris Mitsubishi MSZ-LN', 'Сплит-кондиционер Mitsubishi MSZ-LN', 'Split kondicionierius Mitsubishi MSZ-LN', 'Aer condiționat split Mitsubishi MSZ-LN', 'Սպլիտ օդորակիչ Mitsubishi MSZ-LN') },
  { code: 'P-WH-ARI', isSystem: false, names: n('Water heater Ariston Velis 80', 'Ūdens sildītājs Ariston Velis 80', 'Водонагреватель Ariston Velis 80', 'Vandens šildytuvas Ariston Velis 80', 'Boiler electric Ariston Velis 80', 'Ջրատաքացուցիչ Ariston Velis 80') },
  { code: 'P-ALM-PAR', isSystem: false, names: n('Alarm panel Paradox MG5050', 'Signalizācijas panelis Paradox MG5050', 'Охранная панель Paradox MG5050', 'Signalizacijos pultas Paradox MG5050', 'Centrală de alarmă Paradox MG5050', 'Ահազանգման վահանակ Paradox MG5050') },
  { code: 'P-CAM-HIK', isSystem: false, names: n('CCTV camera Hikvision DS-2CD', 'Videokamera Hikvision DS-2CD', 'Камера видеонаблюдения Hikvision DS-2CD', 'Vaizdo kamera Hikvision DS-2CD', 'Cameră video Hikvision DS-2CD', 'Տեսախցիկ Hikvision DS-2CD') },
  { code: 'P-VEN-KOM', isSystem: false, names: n('Ventilation unit Komfovent Domekt', 'Ventilācijas iekārta Komfovent Domekt', 'Вентиляционная установка Komfovent Domekt', 'Vėdinimo įrenginys Komfovent Domekt', 'Unitate de ventilație Komfovent Domekt', 'Օդափոխության սարք Komfovent Domekt') },
  { code: 'P-PMP-GRU', isSystem: false, names: n('Circulation pump Grundfos Alpha2', 'Cirkulācijas sūknis Grundfos Alpha2', 'Циркуляционный насос Grundfos Alpha2', 'Cirkuliacinis siurblys Grundfos Alpha2', 'Pompă de circulație Grundfos Alpha2', 'Շրջանառության պոմպ Grundfos Alpha2') },
  { code: 'S-HEAT', isSystem: true, names: n('Heating system (boiler room)', 'Apkures sistēma (katlu telpa)', 'Система отопления (котельная)', 'Šildymo sistema (katilinė)', 'Sistem de încălzire (centrală termică)', 'Ջեռուցման համակարգ (կաթսայատուն)') },
  { code: 'S-FIRE', isSystem: true, names: n('Fire alarm system', 'Ugunsgrēka signalizācijas sistēma', 'Система пожарной сигнализации', 'Gaisro signalizacijos sistema', 'Sistem de detecție incendiu', 'Հրդեհային ազդանշանային համակարգ') },
  { code: 'S-ACCESS', isSystem: true, names: n('Access control system', 'Piekļuves kontroles sistēma', 'Система контроля доступа', 'Įėjimo kontrolės sistema', 'Sistem de control acces', 'Մուտքի վերահսկման համակարգ') },
];

/** Contracts and estimates of the clients who have them; the number follows the name. */
export const CONTRACT_NAME = n('Service contract', 'Servisa līgums', 'Договор обслуживания', 'Aptarnavimo sutartis', 'Contract de service', 'Սպասարկման պայմանագիր');
export const ESTIMATE_NAME = n('Estimate', 'Tāme', 'Смета', 'Sąmata', 'Deviz', 'Նախահաշիվ');
