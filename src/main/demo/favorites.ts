import type { Ctx } from '../api/context';
import type { Clock } from '../clock';
import type { Language } from '../../shared/i18n/languages';
import type { StarrableScreen } from '../../shared/api/favorites';
import { setScreenStar } from '../modules/favorites';
import { saveView, setFavorite } from '../modules/interventions';
import type { Names } from './lists';
import type { DemoIds } from './callCentre';
import { HOUR } from './slots';

const n = (en: string, lv: string, ru: string, lt: string, ro: string, hy: string): Names => ({ en, lv, ru, lt, ro, hy });
const OPEN = ['received', 'allocated', 'confirmed'];

interface DemoView {
  by: string;
  shared: boolean;
  names: Names;
  config: { filters: Record<string, unknown>; groupBy: { field: string }[] };
  /** Who stars it (each for themselves). */
  starredBy: string[];
}

/** The saved views Rīga's call centre works from: the manager's shared ones and the dispatcher's own. */
const VIEWS: DemoView[] = [
  {
    by: 'manager.riga',
    shared: true,
    names: n('Waiting for allocation', 'Gaida sadali', 'Ждут распределения', 'Laukia paskirstymo', 'În așteptarea alocării', 'Բաշխման սպասող'),
    config: { filters: { statuses: ['received'] }, groupBy: [{ field: 'priority' }] },
    starredBy: ['dispatcher.riga'],
  },
  {
    by: 'manager.riga',
    shared: true,
    names: n('High priority, open', 'Augsta prioritāte, atvērtie', 'Высокий приоритет, открытые', 'Aukštas prioritetas, atviri', 'Prioritate mare, deschise', 'Բարձր առաջնահերթություն, բաց'),
    config: { filters: { priorities: ['high'], statuses: OPEN }, groupBy: [] },
    starredBy: ['manager.riga', 'dispatcher.riga'],
  },
  {
    by: 'dispatcher.riga',
    shared: false,
    names: n('Open, by zone', 'Atvērtie pa zonām', 'Открытые по зонам', 'Atviri pagal zonas', 'Deschise, pe zone', 'Բաց՝ ըստ գոտիների'),
    config: { filters: { statuses: OPEN }, groupBy: [{ field: 'zone' }] },
    starredBy: ['dispatcher.riga'],
  },
];

const SCREEN_STARS: { login: string; screen: StarrableScreen }[] = [
  { login: 'dispatcher.riga', screen: 'interventions-calendar' },
  { login: 'manager.riga', screen: 'interventions' },
];

const fixedClock = (ms: number): Clock => ({ now: () => ms });

/** Views saved and starred by Rīga's manager and dispatcher a few hours before now, so their page is not empty. */
export async function loadFavorites(base: Ctx, language: Language, ids: DemoIds, now: number): Promise<void> {
  let t = now - 3 * HOUR;
  const as = (login: string): Ctx => ({ ...base, user: ids.users.get(login)!, clock: fixedClock((t += 60_000)) });
  for (const v of VIEWS) {
    const saved = await saveView(as(v.by), { module: 'interventions', kind: 'view', name: v.names[language], shared: v.shared, config: JSON.stringify({ v: 1, columns: [], ...v.config }) });
    for (const login of v.starredBy) await setFavorite(as(login), saved.id, true);
  }
  for (const s of SCREEN_STARS) await setScreenStar(as(s.login), s.screen, true);
}
