import type { Ctx } from '../api/context';
import { loadSessionUser } from '../auth/sessions';
import type { Language } from '../../shared/i18n/languages';
import type { Role } from '../../shared/permissions';
import { createOrg } from '../modules/auth/setup';
import { createBranch, createUser } from '../modules/organization/service';
import { createClient } from '../modules/clients/service';
import { createSeries } from '../modules/series/service';
import { DEMO_COMPANIES, DEMO_NAMES, DEMO_STREETS } from './names';

export const DEMO_PASSWORD = 'planora-demo';
export const DEMO_CLIENTS = 500;

/** Small deterministic generator: the demo is the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STAFF: { login: string; name: string; role: Role; language: Language; branches: ('riga' | 'yerevan')[] }[] = [
  { login: 'owner', name: 'Ilze Kalniņa', role: 'owner', language: 'lv', branches: ['riga', 'yerevan'] },
  { login: 'admin', name: 'Andris Ozoliņš', role: 'admin', language: 'en', branches: ['riga', 'yerevan'] },
  { login: 'manager.riga', name: 'Ольга Смирнова', role: 'branch_manager', language: 'ru', branches: ['riga'] },
  { login: 'manager.yerevan', name: 'Արամ Պետրոսյան', role: 'branch_manager', language: 'hy', branches: ['yerevan'] },
  { login: 'dispatcher.riga', name: 'Rūta Petrauskienė', role: 'dispatcher', language: 'lt', branches: ['riga'] },
  { login: 'dispatcher.yerevan', name: 'Ana Popescu', role: 'dispatcher', language: 'ro', branches: ['yerevan'] },
  { login: 'tech.riga', name: 'Kārlis Zariņš', role: 'employee', language: 'lv', branches: ['riga'] },
  { login: 'tech.yerevan', name: 'Դավիթ Հակոբյան', role: 'employee', language: 'hy', branches: ['yerevan'] },
];

export const DEMO_LOGINS: readonly string[] = STAFF.map((s) => s.login);

/** The demo organization: 2 branches in different time zones, 8 staff in every role, 500 clients. Returns the logins. */
export async function seedDemo(ctx: Ctx): Promise<{ login: string; password: string; role: Role }[]> {
  const orgId = await createOrg(ctx, { name: 'Planora Demo Serviss', country: 'LV', timeZone: 'Europe/Riga', phone: '+37167000000', languages: ['lv', 'ru', 'en', 'lt', 'ro', 'hy'] });
  const riga = await createBranch(ctx, { name: 'Rīga', address: 'Brīvības iela 100, Rīga', timeZone: 'Europe/Riga' }, orgId);
  const yerevan = await createBranch(ctx, { name: 'Yerevan', address: 'Abovyan 10, Yerevan', timeZone: 'Asia/Yerevan' }, orgId);
  const branchId = { riga: riga.id, yerevan: yerevan.id };

  const users = [];
  for (const s of STAFF) {
    users.push(await createUser(ctx, { login: s.login, password: DEMO_PASSWORD, name: s.name, role: s.role, language: s.language, email: `${s.login}@demo.planora.test`, branchIds: s.branches.map((b) => branchId[b]) }, orgId));
  }
  const owner = await loadSessionUser(ctx.db, users[0]!.id);
  const asOwner: Ctx = { ...ctx, user: owner, emit: () => undefined, emitNow: () => undefined };

  await createSeries(asOwner, { docType: 'intervention', branchId: riga.id, prefix: 'RIX-', padding: 6, nextNumber: 1 });
  await createSeries(asOwner, { docType: 'intervention', branchId: yerevan.id, prefix: 'EVN-', padding: 6, nextNumber: 1 });

  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const langs = ['lv', 'ru', 'lt', 'ro'] as const;
  const responsible = users.filter((u) => u.role !== 'owner').map((u) => u.id);
  for (let i = 0; i < DEMO_CLIENTS; i++) {
    const company = i % 10 === 9;
    const lang = langs[i % langs.length]!;
    const pool = DEMO_NAMES[lang];
    const name = company ? `${pick(DEMO_COMPANIES)} ${Math.floor(i / 10) + 1}` : `${pick(pool.first)} ${pick(pool.last)}`;
    // Latvian mobiles: 2 + 7 digits, unique per client.
    const mobile = `+3712${String(9000000 + i * 1997)}`;
    const place = DEMO_STREETS.lv;
    await createClient(asOwner, {
      kind: company ? 'company' : 'person',
      name,
      fiscalCode: company ? `LV4000${String(100000 + i).slice(-6)}` : null,
      preferredLanguage: lang,
      notes: null,
      responsibleId: pick(responsible),
      phones: [{ number: mobile, label: 'mobile' }],
      emails: i % 3 === 0 ? [{ address: `client${i}@example.lv` }] : [],
      addresses: [{ street: `${pick(place.streets)} ${1 + Math.floor(rand() * 120)}`, locality: pick(place.localities), country: 'LV' }],
      contacts: company ? [{ name: `${pick(pool.first)} ${pick(pool.last)}`, position: 'manager', phone: null, email: null }] : [],
    });
  }
  return STAFF.map((s) => ({ login: s.login, password: DEMO_PASSWORD, role: s.role }));
}
