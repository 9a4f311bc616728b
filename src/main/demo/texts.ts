import type { Names } from './lists';

/** What callers say and what the team writes on the timeline, in every UI language (written in the organization's). */
const n = (en: string, lv: string, ru: string, lt: string, ro: string, hy: string): Names => ({ en, lv, ru, lt, ro, hy });

/** The caller's problem, by classification code: the "notes" a dispatcher types first. */
export const PROBLEMS: Record<string, Names[]> = {
  HEAT: [
    n('No hot water since this morning, boiler shows error F28.', 'Kopš rīta nav karstā ūdens, katls rāda kļūdu F28.', 'С утра нет горячей воды, котёл показывает ошибку F28.', 'Nuo ryto nėra karšto vandens, katilas rodo klaidą F28.', 'Nu avem apă caldă de dimineață, centrala afișează eroarea F28.', 'Առավոտից տաք ջուր չկա, կաթսան ցույց է տալիս F28 սխալ։'),
    n('Radiators stay cold on the second floor.', 'Otrajā stāvā radiatori paliek auksti.', 'На втором этаже радиаторы остаются холодными.', 'Antrame aukšte radiatoriai lieka šalti.', 'Caloriferele de la etajul doi rămân reci.', 'Երկրորդ հարկում ռադիատորները սառն են։'),
    n('Pressure drops every night, water under the boiler.', 'Spiediens katru nakti krītas, zem katla ūdens.', 'Давление падает каждую ночь, под котлом вода.', 'Slėgis kas naktį krenta, po katilu vanduo.', 'Presiunea scade în fiecare noapte, apă sub centrală.', 'Ճնշումն ամեն գիշեր ընկնում է, կաթսայի տակ ջուր կա։'),
  ],
  COOL: [
    n('Air conditioner drips water indoors.', 'Kondicionieris pil ūdeni telpā.', 'Кондиционер капает водой в помещении.', 'Kondicionierius laša vandeniu patalpoje.', 'Aerul condiționat picură apă în cameră.', 'Օդորակիչից ջուր է կաթում սենյակում։'),
    n('Unit blows warm air in cooling mode.', 'Dzesēšanas režīmā iekārta pūš siltu gaisu.', 'В режиме охлаждения дует тёплым воздухом.', 'Vėsinimo režimu pučia šiltą orą.', 'În modul răcire suflă aer cald.', 'Սառեցման ռեժիմում տաք օդ է փչում։'),
  ],
  SEC: [
    n('Alarm goes off at night without reason.', 'Signalizācija naktī ieslēdzas bez iemesla.', 'Сигнализация срабатывает ночью без причины.', 'Signalizacija naktį suveikia be priežasties.', 'Alarma pornește noaptea fără motiv.', 'Ահազանգը գիշերը միանում է առանց պատճառի։'),
    n('Two cameras show no picture since the storm.', 'Kopš vētras divas kameras nerāda attēlu.', 'После грозы две камеры не показывают изображение.', 'Po audros dvi kameros nerodo vaizdo.', 'Două camere nu mai au imagine de la furtună.', 'Փոթորկից հետո երկու տեսախցիկ պատկեր չեն ցույց տալիս։'),
  ],
  WAT: [
    n('Water heater leaks at the safety valve.', 'Ūdens sildītājs tek pie drošības vārsta.', 'Водонагреватель течёт у предохранительного клапана.', 'Vandens šildytuvas teka prie apsauginio vožtuvo.', 'Boilerul curge la supapa de siguranță.', 'Ջրատաքացուցիչը կաթում է անվտանգության փականից։'),
    n('Circulation pump is noisy, asks for a check.', 'Cirkulācijas sūknis trokšņo, lūdz pārbaudi.', 'Циркуляционный насос шумит, просит проверить.', 'Cirkuliacinis siurblys triukšmingas, prašo patikrinti.', 'Pompa de circulație face zgomot, cere verificare.', 'Շրջանառության պոմպը աղմկում է, խնդրում են ստուգել։'),
  ],
  ELE: [
    n('Fuse trips when the heat pump starts.', 'Iedarbinot siltumsūkni, izslēdzas drošinātājs.', 'При запуске теплового насоса выбивает автомат.', 'Paleidus šilumos siurblį, išsijungia saugiklis.', 'Siguranța sare când pornește pompa de căldură.', 'Ջերմային պոմպը միացնելիս ավտոմատն անջատվում է։'),
    n('Ventilation unit stopped, display is dark.', 'Ventilācijas iekārta apstājusies, displejs tumšs.', 'Вентиляционная установка остановилась, дисплей погас.', 'Vėdinimo įrenginys sustojo, ekranas užgeso.', 'Unitatea de ventilație s-a oprit, afișajul e stins.', 'Օդափոխության սարքը կանգնել է, էկրանը մարել է։'),
  ],
};

/** Timeline lines, in the order a case goes: call-backs, the visit, the outcome. */
export const TIMELINE = {
  callback: [
    n('Client called again, asks for a morning visit.', 'Klients zvanīja vēlreiz, lūdz rīta vizīti.', 'Клиент перезвонил, просит визит утром.', 'Klientas paskambino dar kartą, prašo apsilankyti ryte.', 'Clientul a sunat din nou, cere o vizită dimineața.', 'Հաճախորդը կրկին զանգել է, խնդրում է առավոտյան այց։'),
    n('Access code for the gate given by phone.', 'Vārtu piekļuves kods saņemts pa tālruni.', 'Код от ворот сообщили по телефону.', 'Vartų kodas pasakytas telefonu.', 'Codul porții a fost comunicat telefonic.', 'Դարպասի կոդը հաղորդվել է հեռախոսով։'),
  ],
  visit: [
    n('Technician on site, diagnosis started.', 'Tehniķis objektā, sākta diagnostika.', 'Техник на объекте, начата диагностика.', 'Technikas objekte, pradėta diagnostika.', 'Tehnicianul este la fața locului, a început diagnosticarea.', 'Տեխնիկը տեղում է, ախտորոշումը սկսված է։'),
    n('Spare part ordered, second visit needed.', 'Pasūtīta rezerves daļa, vajadzīga otrā vizīte.', 'Заказана запчасть, нужен повторный визит.', 'Užsakyta atsarginė dalis, reikės antro vizito.', 'Piesa de schimb a fost comandată, e nevoie de a doua vizită.', 'Պահեստամասը պատվիրված է, անհրաժեշտ է երկրորդ այց։'),
  ],
  done: [
    n('Work done, client signed the report.', 'Darbs pabeigts, klients parakstīja aktu.', 'Работа выполнена, клиент подписал акт.', 'Darbas atliktas, klientas pasirašė aktą.', 'Lucrare finalizată, clientul a semnat procesul-verbal.', 'Աշխատանքն ավարտված է, հաճախորդը ստորագրել է ակտը։'),
    n('Replaced the faulty part, tested for one hour.', 'Nomainīta bojātā detaļa, pārbaudīts stundu.', 'Заменена неисправная деталь, проверено в течение часа.', 'Pakeista sugedusi dalis, išbandyta valandą.', 'Piesa defectă a fost înlocuită, testat timp de o oră.', 'Փոխարինվել է անսարք մասը, փորձարկվել է մեկ ժամ։'),
  ],
  photo: n('Photo of the installation before the work.', 'Iekārtas foto pirms darba.', 'Фото установки до начала работ.', 'Įrenginio nuotrauka prieš darbus.', 'Fotografia instalației înainte de lucrare.', 'Սարքավորման լուսանկարը աշխատանքից առաջ։'),
  report: n('Signed work report attached.', 'Pievienots parakstīts darba akts.', 'Приложен подписанный акт работ.', 'Pridėtas pasirašytas darbų aktas.', 'Proces-verbal semnat atașat.', 'Կցված է ստորագրված աշխատանքի ակտը։'),
};

export const CANCEL_REASONS: Names[] = [
  n('Client solved it himself.', 'Klients problēmu atrisināja pats.', 'Клиент решил проблему сам.', 'Klientas problemą išsprendė pats.', 'Clientul a rezolvat singur problema.', 'Հաճախորդն ինքն է լուծել խնդիրը։'),
  n('Duplicate of an earlier call.', 'Iepriekšēja zvana dublikāts.', 'Дубликат более раннего обращения.', 'Ankstesnio skambučio dublikatas.', 'Duplicat al unui apel anterior.', 'Ավելի վաղ զանգի կրկնօրինակ։'),
  n('Client did not answer three call-backs.', 'Klients neatbildēja uz trim atzvaniem.', 'Клиент не ответил на три обратных звонка.', 'Klientas neatsiliepė į tris skambučius.', 'Clientul nu a răspuns la trei apeluri.', 'Հաճախորդը չի պատասխանել երեք զանգի։'),
];
