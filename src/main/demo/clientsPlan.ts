import type { Language } from '../../shared/i18n/languages';
import type { Random } from '../../shared/random';
import { DEMO_COMPANIES, DEMO_COMPANIES_AM, DEMO_NAMES, DEMO_STREETS } from './names';
import type { BranchKey } from './staff';

export const DEMO_CLIENTS = 500;

export interface PlannedClient {
  /** The branch whose town the client lives in (one in five in Yerevan). */
  branch: BranchKey;
  kind: 'person' | 'company';
  name: string;
  fiscalCode: string | null;
  preferredLanguage: Language;
  /** Index into the staff list of who looks after the client. */
  responsible: number;
  phone: string;
  email: string | null;
  address: { street: string; locality: string; country: string };
  contact: string | null;
  /** A yearly service contract (one client in seven) and an open estimate (one in eleven). */
  contract: boolean;
  estimate: boolean;
}

const LATIN = ['lv', 'ru', 'lt', 'ro'] as const;

/** Clients of both towns: names in the people's own languages, phones unique and valid (E.164). */
export function planClients(rand: Random, count: number, staffCount: number): PlannedClient[] {
  const out: PlannedClient[] = [];
  // No two clients share a name: a dispatcher (and a test) typing one finds that one.
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const yerevan = i % 5 === 4;
    const company = i % 10 === 9;
    const lang: Language = yerevan ? 'hy' : LATIN[i % LATIN.length]!;
    const pool = DEMO_NAMES[lang as keyof typeof DEMO_NAMES];
    const person = () => `${rand.pick(pool.first)} ${rand.pick(pool.last)}`;
    let name = company ? `${rand.pick(yerevan ? DEMO_COMPANIES_AM : DEMO_COMPANIES)} ${Math.floor(i / 10) + 1}` : person();
    for (let tries = 0; taken.has(name) && tries < 200; tries++) name = person();
    if (taken.has(name)) name = `${name} ${i}`;
    taken.add(name);
    const place = yerevan ? DEMO_STREETS.am : DEMO_STREETS.lv;
    out.push({
      branch: yerevan ? 'yerevan' : 'riga',
      kind: company ? 'company' : 'person',
      name,
      fiscalCode: company ? (yerevan ? `0${String(2000000 + i * 37).slice(-7)}` : `LV4000${String(100000 + i).slice(-6)}`) : null,
      preferredLanguage: lang,
      responsible: 1 + Math.floor(rand.next() * (staffCount - 1)),
      // Latvian mobiles 2 + 7 digits, Armenian ones 9x + 6 digits: unique per client.
      phone: yerevan ? `+37491${String(100000 + i * 997).slice(-6)}` : `+3712${String(9000000 + i * 1997)}`,
      email: i % 3 === 0 ? `client${i}@example.${yerevan ? 'am' : 'lv'}` : null,
      address: { street: `${rand.pick(place.streets)} ${rand.int(1, 120)}`, locality: rand.pick(place.localities), country: yerevan ? 'AM' : 'LV' },
      contact: company ? person() : null,
      contract: i % 7 === 0,
      estimate: i % 11 === 0,
    });
  }
  return out;
}
