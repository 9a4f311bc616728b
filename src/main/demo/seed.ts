import type { Ctx } from '../api/context';
import { loadSessionUser } from '../auth/sessions';
import type { Clock } from '../clock';
import type { Language } from '../../shared/i18n/languages';
import type { Role } from '../../shared/permissions';
import type { SessionUser } from '../../shared/api/auth';
import { createOrg } from '../modules/auth/setup';
import { createBranch, createUser } from '../modules/organization';
import { createClient } from '../modules/clients';
import { createSeries } from '../modules/series';
import { loadCallCentre, type DemoIds } from './callCentre';
import { loadCalendarSetup } from './calendarSetup';
import { loadFavorites } from './favorites';
import { DEMO_INTERVENTIONS, planDemo, type DemoPlan } from './plan';
import { MINUTE } from './slots';
import { BRANCH_ZONES, OFFICE, STAFF } from './staff';
import { loadVisits } from './visits';
import { configureDemoTrunk } from '../modules/reminders';
import { loadTasks } from './tasks';
import { loadTaskTime } from './taskTime';
import { loadTaskChecklists } from './taskChecklists';
import { loadInvoices } from './invoices';
import { loadTaskNotices } from './taskNotices';
import { loadChatSettings } from './chat';
import { loadChatTasks } from './chatTasks';
import { loadChatArchive } from './chatArchive';

export const DEMO_PASSWORD = 'planora-demo';
export { DEMO_CLIENTS } from './clientsPlan';
/** The demo is the same wherever it is made on the same day: one seed for every machine. */
export const DEMO_SEED = 20261123;
/** The organization's language when nobody chose one (`--demo`): the demo's reference lists and notes are written in it. */
export const DEMO_LANGUAGE: Language = 'lv';

export const DEMO_LOGINS: readonly string[] = [...STAFF, ...OFFICE].map((s) => s.login);

const fixedClock = (ms: number): Clock => ({ now: () => ms });

/**
 * The demo organization: 2 branches in different time zones, 8 staff in every role, 500 clients and a call centre
 * with four months of interventions up to the injected clock's now (fewer in tests that only need its shape). Returns the logins.
 */
export async function seedDemo(ctx: Ctx, language: Language = DEMO_LANGUAGE, interventions = DEMO_INTERVENTIONS): Promise<{ login: string; password: string; role: Role }[]> {
  const plan = planDemo({ seed: DEMO_SEED, now: ctx.clock.now(), language, interventions });
  const ids = await seedOrganization({ ...ctx, clock: fixedClock(plan.start) }, plan);
  // None asked for: the organization alone, its reference lists empty (tests of a screen's own data start there).
  if (interventions > 0) {
    const quiet: Ctx = { ...ctx, emit: () => undefined, emitNow: () => undefined };
    await loadCallCentre(quiet, plan, ids);
    await loadCalendarSetup(quiet, plan, ids);
    await loadFavorites(quiet, plan.language, ids, plan.now);
    // The clinic's calendar, in the working hours and services the branches were given above.
    const user = (login: string) => ids.users.get(login)!;
    const clerks = { riga: user('dispatcher.riga'), yerevan: user('dispatcher.yerevan') };
    const branches = (['riga', 'yerevan'] as const).map((b) => ({ id: ids.branches[b], tz: BRANCH_ZONES[b], clerk: clerks[b] }));
    // Reminder calls over a trunk to nowhere (marked so, switched off), and the calls the past visits had.
    await configureDemoTrunk({ ...quiet, user: user('owner') }, user('owner').orgId, plan.language);
    await loadVisits(quiet, { seed: DEMO_SEED, now: plan.now, language: plan.language, branches, clients: ids.clients.map((c) => c.id), owner: user('owner') });
    // Tasks in every status over both branches, a mailbox to nowhere and the types of work.
    const crew = (b: 'riga' | 'yerevan', prefix: string) => ({ id: ids.branches[b], prefix, dispatcher: clerks[b], manager: user(`manager.${b}`), techs: [user(`tech.${b}`), user(`tech2.${b}`), user(`tech3.${b}`)] });
    const tasks = { seed: DEMO_SEED, now: plan.now, language: plan.language, owner: user('owner'), branches: [crew('riga', 'UZD-'), crew('yerevan', 'TSK-')], clients: ids.clients.map((c) => c.id) };
    await loadTasks(quiet, tasks);
    await loadTaskChecklists(quiet, tasks);
    await loadTaskTime(quiet, { seed: DEMO_SEED, now: plan.now, language: plan.language, techs: tasks.branches.flatMap((b) => b.techs) });
    await loadInvoices(quiet, { seed: DEMO_SEED, now: plan.now, language: plan.language, owner: user('owner'), branches: [{ id: ids.branches.riga, prefix: 'RIX-R-' }, { id: ids.branches.yerevan, prefix: 'EVN-R-' }] });
    // Known clients who wrote in the website chat about their open task: a linked task for its responsible person.
    await loadChatTasks(quiet, { now: plan.now, owner: user('owner') });
    // Last: the notices as the tasks finally stand.
    await loadTaskNotices(quiet, { seed: DEMO_SEED, now: plan.now, owner: user('owner') });
    // The website chat: how conversations are routed, what a visitor is asked, and each person's levels.
    await loadChatSettings(quiet, { language: plan.language, owner: user('owner'), users: ids.users });
    // Its conversations as a hub would have sent them (the demo has none): the console and the clients' cards are alive.
    await loadChatArchive(quiet, { now: plan.now, language: plan.language, users: ids.users, clients: ids.clients.map((c) => c.id) });
  }
  return [...STAFF, ...OFFICE].map((s) => ({ login: s.login, password: DEMO_PASSWORD, role: s.role }));
}

async function seedOrganization(ctx: Ctx, plan: DemoPlan): Promise<DemoIds> {
  // The language the demo is written in comes first: the organization's own (mail to clients without one, reports).
  const langs: Language[] = [...new Set<Language>([plan.language, DEMO_LANGUAGE, 'ru', 'en', 'lt', 'ro', 'hy'])];
  const orgId = await createOrg(ctx, { name: 'Planora Demo Serviss', country: 'LV', timeZone: BRANCH_ZONES.riga, phone: '+37167000000', languages: langs });
  const riga = await createBranch(ctx, { name: 'Rīga', address: 'Brīvības iela 100, Rīga', timeZone: BRANCH_ZONES.riga }, { orgId });
  const yerevan = await createBranch(ctx, { name: 'Yerevan', address: 'Abovyan 10, Yerevan', timeZone: BRANCH_ZONES.yerevan }, { orgId });
  const branches = { riga: riga.id, yerevan: yerevan.id };

  const users = new Map<string, SessionUser>();
  const created = [];
  // The office after the staff: the clients' responsible people are picked by their place among the staff.
  for (const s of [...STAFF, ...OFFICE]) {
    created.push(await createUser(ctx, { login: s.login, password: DEMO_PASSWORD, name: s.name, role: s.role, language: s.language, email: `${s.login}@demo.planora.test`, branchIds: s.branches.map((b) => branches[b]) }, { orgId }));
  }
  for (const u of created) users.set(u.login, (await loadSessionUser(ctx.db, u.id))!);
  const asOwner: Ctx = { ...ctx, user: users.get('owner')!, emit: () => undefined, emitNow: () => undefined };

  await createSeries(asOwner, { docType: 'intervention', branchId: riga.id, prefix: 'RIX-', padding: 6, nextNumber: 1 });
  await createSeries(asOwner, { docType: 'intervention', branchId: yerevan.id, prefix: 'EVN-', padding: 6, nextNumber: 1 });

  const clients: DemoIds['clients'] = [];
  for (const [i, c] of plan.clients.entries()) {
    const { client } = await createClient(
      { ...asOwner, clock: fixedClock(plan.start + (i + 1) * MINUTE) },
      {
        kind: c.kind,
        name: c.name,
        fiscalCode: c.fiscalCode,
        preferredLanguage: c.preferredLanguage,
        notes: null,
        responsibleId: created[c.responsible]!.id,
        phones: [{ number: c.phone, label: 'mobile' }],
        emails: c.email ? [{ address: c.email }] : [],
        addresses: [c.address],
        contacts: c.contact ? [{ name: c.contact, position: 'manager', phone: null, email: null }] : [],
      },
    );
    clients.push({ id: client.id, contactId: client.contacts[0]?.id ?? null });
  }
  return { branches, users, clients };
}
