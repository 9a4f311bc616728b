/**
 * Benchmark data written straight through better-sqlite3 in big transactions: an organization with branches and
 * staff, clients with Latvian, Russian, Lithuanian and Romanian names, phones, e-mails, addresses and contacts,
 * and an audit log with detailed field diffs, until the file reaches the size asked for.
 *
 * Column values are the ones the services write (src/main/modules/clients/service.ts, api/funnel/audit.ts):
 * name_key = foldKey(name), digits_rev = reversedDigits(e164), address_key = lower(address), fiscal codes upper-case
 * without spaces, the audit diff = diffFields(snapshot before, snapshot after). The schema comes from the real
 * migrations (createCore on an empty folder), so the data is what the program would read.
 *
 * Bump GENERATOR_VERSION whenever what is generated changes: cached databases are keyed by it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { migrations } from '../../migrations/index';
import { hashPassword } from '../../src/main/auth/passwords';
import { defaultConfig } from '../../src/main/config';
import { createCore } from '../../src/main/core';
import { diffFields, recordAllImported } from '../../src/main/api/funnel';
import { reversedDigits } from '../../src/shared/rules/phone';
import { foldKey } from '../../src/shared/rules/text';
import { asciiSlug, COMPANY_FORMS, COMPANY_WORDS, DEMO_COMPANY_NAMES, MAIL_DOMAINS, NOTES, PEOPLE, PLACES, type Lang } from './names';

export const GENERATOR_VERSION = 2;

export interface GenerateOptions {
  /** Data folder to create (must not hold a database yet). */
  dir: string;
  clients: number;
  /** Keep adding audit history until the file is about this big (bytes). 0: one create entry per client only. */
  targetBytes: number;
  seed?: number;
  log?: (msg: string) => void;
}

export interface DatasetMeta {
  generatorVersion: number;
  migrations: string[];
  clients: number;
  deletedClients: number;
  companies: number;
  phones: number;
  auditRows: number;
  bytes: number;
  seconds: number;
  orgId: string;
  /** A dispatcher who may read clients: the benchmarks log in as them. */
  login: { login: string; password: string };
}

export const BENCH_PASSWORD = 'bench-password-1';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Phone {
  number: string;
  label: string | null;
}
interface Email {
  address: string;
  label: string | null;
}
interface Address {
  label: string | null;
  street: string;
  locality: string;
  county: string | null;
  postalCode: string | null;
  country: string;
}
interface Contact {
  name: string;
  position: string | null;
  phone: string | null;
  email: string | null;
}
/** What the clients service snapshots into the audit log (its `snapshot()`), field for field, in its order. */
interface ClientState {
  kind: 'person' | 'company';
  name: string;
  fiscalCode: string | null;
  preferredLanguage: string | null;
  notes: string | null;
  responsibleId: string | null;
  phones: Phone[];
  emails: Email[];
  addresses: Address[];
  contacts: Contact[];
}

const START = Date.parse('2021-01-04T07:00:00Z');
const END = Date.parse('2026-11-20T16:00:00Z');
const iso = (t: number) => new Date(t).toISOString();

export async function generateDataset(opts: GenerateOptions): Promise<DatasetMeta> {
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const rand = rng(opts.seed ?? 20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const bytes16 = () => {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Math.floor(rand() * 256);
    return b;
  };
  const newId = (t: number) => uuidv7({ msecs: Math.floor(t), random: bytes16() });

  // The schema, exactly as the program creates it.
  const config = defaultConfig(opts.dir, { jobs: false, log: () => undefined });
  if (fs.existsSync(config.dbFile)) throw new Error(`${config.dbFile} already exists`);
  await (await createCore(config)).close();

  const db = new Database(config.dbFile);
  // Speed over safety while generating: a failed run is thrown away whole.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');

  const insert = (table: string, cols: string[]) => db.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
  const synced = ['created_at', 'updated_at', 'deleted_at', 'version'];
  const insOrg = insert('org', ['id', 'name', 'phone', 'country', 'time_zone', 'languages', ...synced]);
  const insBranch = insert('branch', ['id', 'org_id', 'name', 'address', 'phone', 'time_zone', 'manager_id', ...synced]);
  const insUser = insert('app_user', ['id', 'org_id', 'login', 'password_hash', 'name', 'email', 'role', 'language', 'active', ...synced]);
  const insUserBranch = insert('user_branch', ['id', 'org_id', 'user_id', 'branch_id', ...synced]);
  const insSetting = insert('module_setting', ['id', 'org_id', 'module', 'key', 'value', ...synced]);
  const insSeries = insert('doc_series', ['id', 'org_id', 'branch_id', 'doc_type', 'prefix', 'padding', 'next_number', 'active', ...synced]);
  const insClient = insert('client', [
    'id', 'org_id', 'kind', 'name', 'name_key', 'fiscal_code', 'preferred_language', 'notes', 'responsible_id',
    'primary_phone', 'primary_email', 'primary_locality', ...synced,
  ]);
  const child = ['id', 'org_id', 'client_id', 'position', ...synced];
  const insPhone = insert('client_phone', [...child, 'number', 'label', 'digits_rev']);
  const insEmail = insert('client_email', [...child, 'address', 'address_key', 'label']);
  const insAddress = insert('client_address', [...child, 'label', 'street', 'locality', 'county', 'postal_code', 'country']);
  const insContact = insert('client_contact', [...child, 'name', 'job_position', 'phone', 'email']);
  const insAudit = insert('audit_log', ['id', 'org_id', 'branch_id', 'at', 'user_id', 'module', 'entity', 'entity_id', 'action', 'summary', 'diff']);

  // ---- organization, branches, staff ----
  const orgId = newId(START - 86_400_000);
  const orgStamps = (t: number) => ({ created_at: iso(t), updated_at: iso(t), deleted_at: null, version: 1 });
  const branches = [
    { key: 'riga', name: 'Rīga', tz: 'Europe/Riga', address: 'Brīvības iela 100, Rīga', phone: '+37167000000', prefix: 'RIX-' },
    { key: 'daugavpils', name: 'Daugavpils', tz: 'Europe/Riga', address: 'Rīgas iela 22, Daugavpils', phone: '+37165400000', prefix: 'DGP-' },
    { key: 'vilnius', name: 'Vilnius', tz: 'Europe/Vilnius', address: 'Gedimino pr. 9, Vilnius', phone: '+37052000000', prefix: 'VNO-' },
    { key: 'bucuresti', name: 'București', tz: 'Europe/Bucharest', address: 'Bulevardul Unirii 15, București', phone: '+40213000000', prefix: 'BUH-' },
  ].map((b) => ({ ...b, id: newId(START - 86_000_000) }));
  const branchLang: Record<string, Lang> = { riga: 'lv', daugavpils: 'ru', vilnius: 'lt', bucuresti: 'ro' };
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  interface Staff {
    id: string;
    login: string;
    role: string;
    branchIds: string[];
  }
  const staff: Staff[] = [];
  let benchLogin = '';
  db.transaction(() => {
    insOrg.run({ id: orgId, name: 'Baltijas Serviss Grupa', phone: '+37167000000', country: 'LV', time_zone: 'Europe/Riga', languages: JSON.stringify(['lv', 'ru', 'lt', 'ro', 'en']), ...orgStamps(START - 86_400_000) });
    for (const b of branches) insBranch.run({ id: b.id, org_id: orgId, name: b.name, address: b.address, phone: b.phone, time_zone: b.tz, manager_id: null, ...orgStamps(START - 86_000_000) });
    const addUser = (login: string, role: string, lang: Lang, branchIds: string[]) => {
      const female = chance(0.5);
      const pool = PEOPLE[lang][female ? 'female' : 'male'];
      const t = START - 80_000_000 + staff.length * 60_000;
      const id = newId(t);
      insUser.run({ id, org_id: orgId, login, password_hash: passwordHash, name: `${pick(pool.first)} ${pick(pool.last)}`, email: `${login}@baltijas-serviss.lv`, role, language: lang === 'ru' ? 'ru' : lang, active: 1, ...orgStamps(t) });
      for (const bid of branchIds) insUserBranch.run({ id: newId(t), org_id: orgId, user_id: id, branch_id: bid, ...orgStamps(t) });
      staff.push({ id, login, role, branchIds });
    };
    addUser('owner', 'owner', 'lv', branches.map((b) => b.id));
    addUser('admin.1', 'admin', 'lv', branches.map((b) => b.id));
    addUser('admin.2', 'admin', 'ro', branches.map((b) => b.id));
    for (const b of branches) {
      const lang = branchLang[b.key]!;
      addUser(`manager.${b.key}`, 'branch_manager', lang, [b.id]);
      for (let i = 1; i <= 3; i++) addUser(`dispatcher.${b.key}.${i}`, 'dispatcher', lang, [b.id]);
      for (let i = 1; i <= 10; i++) addUser(`tech.${b.key}.${i}`, 'employee', lang, [b.id]);
      insSeries.run({ id: newId(START), org_id: orgId, branch_id: b.id, doc_type: 'intervention', prefix: b.prefix, padding: 6, next_number: 1, active: 1, ...orgStamps(START) });
    }
    benchLogin = 'dispatcher.riga.1';
    insSetting.run({ id: newId(START), org_id: orgId, module: 'clients', key: 'audit_level', value: 'detailed', ...orgStamps(START) });
  })();
  const clerks = staff.filter((s) => s.role === 'dispatcher' || s.role === 'branch_manager' || s.role === 'admin');
  const responsibles = staff.filter((s) => s.role !== 'owner');

  let auditRows = 0;
  let phones = 0;
  let companies = 0;
  let deleted = 0;

  // Staff log in on working days: audit rows without diffs, as the auth module writes them.
  db.transaction(() => {
    for (const s of staff) {
      for (let day = START; day < END; day += 86_400_000) {
        const dow = new Date(day).getUTCDay();
        if (dow === 0 || dow === 6 || chance(0.15)) continue;
        const at = day + rand() * 3_600_000;
        insAudit.run({ id: newId(at), org_id: orgId, branch_id: null, at: iso(at), user_id: s.id, module: 'users', entity: 'user', entity_id: s.id, action: 'login', summary: null, diff: null });
        auditRows++;
      }
    }
  })();


  // ---- clients ----
  const langOf = (): Lang => {
    const r = rand();
    return r < 0.4 ? 'lv' : r < 0.65 ? 'ru' : r < 0.85 ? 'lt' : 'ro';
  };
  const countryOf = (lang: Lang): 'LV' | 'LT' | 'RO' => (lang === 'lt' ? 'LT' : lang === 'ro' ? 'RO' : 'LV');
  const phoneFor = (country: string, mobile = true): string => {
    if (country === 'LT') return mobile ? `+3706${digits(7)}` : `+3705${digits(7)}`;
    if (country === 'RO') return mobile ? `+407${int(2, 8)}${digits(7)}` : `+4021${digits(7)}`;
    return mobile ? `+3712${digits(7)}` : `+3716${digits(7)}`;
  };
  const personName = (lang: Lang) => {
    const pool = PEOPLE[lang][chance(0.5) ? 'female' : 'male'];
    return { first: pick(pool.first), last: pick(pool.last) };
  };
  const companyName = (lang: Lang) => {
    const form = pick(COMPANY_FORMS[lang]);
    const w = COMPANY_WORDS[lang];
    const r = rand();
    if (r < 0.05) return `${pick(DEMO_COMPANY_NAMES)} ${int(1, 99)}`;
    if (r < 0.35) return `${form} ${personName(lang).last} ${pick(w.second)}`;
    if (r < 0.5) return `${form} "${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))} ${pick(w.second)}"`;
    return `${form} ${pick(w.first)} ${pick(w.second)}`;
  };
  const companyCode = (country: string) => {
    if (country === 'LT') return chance(0.5) ? `LT${digits(9)}` : `30${digits(7)}`;
    if (country === 'RO') return chance(0.5) ? `RO${int(100000, 49999999)}` : String(int(100000, 49999999));
    return `${chance(0.6) ? 'LV' : ''}${pick(['40003', '40103', '50003'])}${digits(6)}`;
  };
  const personCode = (country: string) => {
    const yy = String(int(40, 105) % 100).padStart(2, '0');
    const mm = String(int(1, 12)).padStart(2, '0');
    const dd = String(int(1, 28)).padStart(2, '0');
    if (country === 'LT') return `${int(3, 6)}${yy}${mm}${dd}${digits(4)}`;
    if (country === 'RO') return `${pick(['1', '2', '5', '6'])}${yy}${mm}${dd}${String(int(1, 52)).padStart(2, '0')}${digits(4)}`;
    return chance(0.7) ? `${dd}${mm}${yy}-${digits(5)}` : `32${digits(4)}-${digits(5)}`;
  };
  const address = (country: 'LV' | 'LT' | 'RO', label: string | null = null): Address => {
    const p = PLACES[country];
    const i = int(0, p.localities.length - 1);
    return { label, street: `${pick(p.streets)} ${int(1, 180)}${chance(0.4) ? `-${int(1, 120)}` : ''}`, locality: p.localities[i]!, county: p.counties?.[i] ?? null, postalCode: p.postal(rand), country };
  };
  const emailFor = (lang: Lang, first: string, last: string, n: number) => `${asciiSlug(first)}.${asciiSlug(last)}${chance(0.5) ? n % 1000 : ''}@${pick(MAIL_DOMAINS[lang])}`;
  const snapshot = (s: ClientState): Record<string, unknown> => ({ ...s, contacts: s.contacts.map((k) => ({ ...k })) });

  /** One edit as a clerk would make it (it may happen to change nothing; the caller skips those). */
  const edit = (s: ClientState, lang: Lang, n: number): void => {
    const country = countryOf(lang);
    const r = rand();
    if (r < 0.28) s.notes = chance(0.85) ? `${pick(NOTES[lang])}${chance(0.5) ? ` (${int(1, 28)}.${int(1, 12)}.)` : ''}` : null;
    else if (r < 0.46) {
      if (s.phones.length < 3 && chance(0.5)) s.phones = [...s.phones, { number: phoneFor(country, chance(0.6)), label: pick(['mobile', 'home', 'work', null]) }];
      else s.phones = [{ number: phoneFor(country), label: s.phones[0]?.label ?? 'mobile' }, ...s.phones.slice(1)];
    } else if (r < 0.6) s.addresses = [address(country, s.addresses[0]?.label ?? null), ...s.addresses.slice(1)];
    else if (r < 0.7) s.responsibleId = pick(responsibles).id;
    else if (r < 0.8) {
      const [first, last] = s.name.split(' ');
      s.emails = [{ address: emailFor(lang, first ?? 'info', last ?? 'client', n + 7), label: pick(['work', 'home', null]) }];
    } else if (r < 0.9 && s.kind === 'company') {
      const p = personName(lang);
      if (s.contacts.length < 4 && chance(0.6)) s.contacts = [...s.contacts, { name: `${p.first} ${p.last}`, position: pick(['grāmatvede', 'direktors', 'менеджер', 'vadybininkas', 'administrator']), phone: phoneFor(country), email: null }];
      else if (s.contacts.length) s.contacts = s.contacts.map((k, i) => (i === 0 ? { ...k, phone: phoneFor(country) } : k));
    } else if (r < 0.93 && s.kind === 'person') {
      const [first] = s.name.split(' ');
      s.name = `${first} ${personName(lang).last}`;
    } else if (r < 0.96) s.preferredLanguage = pick(['lv', 'ru', 'lt', 'ro', 'en']);
    else s.fiscalCode = s.kind === 'company' ? companyCode(country) : personCode(country);
  };

  const BATCH = 2000;
  // Mean edits per client, steered batch by batch towards the size asked for.
  let meanEdits = opts.targetBytes > 0 ? 6 : 0;
  let updateBytes = 0;
  let updateCount = 0;
  const span = END - START;
  const pageBytes = () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);

  for (let start = 0; start < opts.clients; start += BATCH) {
    const before = pageBytes();
    const editsBefore = updateCount;
    db.transaction(() => {
      for (let n = start; n < Math.min(opts.clients, start + BATCH); n++) {
        const created = START + (span * n) / opts.clients + rand() * (span / opts.clients);
        const lang = langOf();
        const country = countryOf(lang);
        const company = chance(0.15);
        if (company) companies++;
        const p = personName(lang);
        const name = company ? companyName(lang) : `${p.first} ${p.last}`;
        const state: ClientState = {
          kind: company ? 'company' : 'person',
          name,
          fiscalCode: company ? companyCode(country) : chance(0.3) ? personCode(country) : null,
          preferredLanguage: chance(0.9) ? lang : null,
          notes: chance(0.15) ? pick(NOTES[lang]) : null,
          responsibleId: chance(0.7) ? pick(responsibles).id : null,
          phones: [{ number: phoneFor(country, !company || chance(0.3)), label: company ? 'office' : 'mobile' }, ...(chance(0.25) ? [{ number: phoneFor(country, false), label: 'home' }] : [])],
          emails: chance(company ? 0.85 : 0.55) ? [{ address: company ? `info@${asciiSlug(name).replace(/\./g, '-').slice(0, 40) || 'firma'}.${country.toLowerCase()}` : emailFor(lang, p.first, p.last, n), label: null }] : [],
          addresses: [address(country, company ? 'office' : null)],
          contacts: company ? Array.from({ length: int(1, 3) }, () => {
            const k = personName(lang);
            return { name: `${k.first} ${k.last}`, position: pick(['direktors', 'grāmatvede', 'менеджер', 'vadovas', 'director', null]), phone: chance(0.7) ? phoneFor(country) : null, email: chance(0.5) ? emailFor(lang, k.first, k.last, n) : null };
          }) : [],
        };
        const id = newId(created);
        const clerk = () => pick(clerks).id;
        const audit = (at: number, action: string, summary: string, diff: Record<string, unknown> | null, userId = clerk()) => {
          const json = diff && Object.keys(diff).length ? JSON.stringify(diff) : null;
          insAudit.run({ id: newId(at), org_id: orgId, branch_id: null, at: iso(at), user_id: userId, module: 'clients', entity: 'client', entity_id: id, action, summary, diff: json });
          auditRows++;
          return json?.length ?? 0;
        };
        audit(created, 'create', state.name, diffFields(null, snapshot(state)));

        // Edits spread between creation and now, exponentially distributed in number.
        const edits = meanEdits > 0 ? Math.min(200, Math.floor(-Math.log(1 - rand()) * meanEdits)) : 0;
        let t = created;
        let version = 1;
        for (let e = 0; e < edits; e++) {
          t += rand() * ((END - t) / (edits - e + 1));
          const prev = snapshot(state);
          edit(state, lang, n);
          const diff = diffFields(prev, snapshot(state));
          if (!Object.keys(diff).length) continue;
          updateBytes += audit(t, 'update', state.name, diff) + 330;
          updateCount++;
          version++;
        }
        const isDeleted = chance(0.02);
        if (isDeleted) {
          t += rand() * (END - t);
          audit(t, 'delete', state.name, null);
          version++;
          deleted++;
        }

        const stamps = { created_at: iso(created), updated_at: iso(t), deleted_at: isDeleted ? iso(t) : null, version };
        insClient.run({
          id,
          org_id: orgId,
          kind: state.kind,
          name: state.name,
          name_key: foldKey(state.name),
          fiscal_code: state.fiscalCode ? state.fiscalCode.toUpperCase().replace(/\s+/g, '') : null,
          preferred_language: state.preferredLanguage,
          notes: state.notes,
          responsible_id: state.responsibleId,
          primary_phone: state.phones[0]?.number ?? null,
          primary_email: state.emails[0]?.address ?? null,
          primary_locality: state.addresses[0]?.locality ?? null,
          ...stamps,
        });
        const childStamps = { created_at: iso(created), updated_at: iso(t), deleted_at: null, version: 1 };
        state.phones.forEach((ph, i) => {
          insPhone.run({ id: newId(created), org_id: orgId, client_id: id, position: i, ...childStamps, number: ph.number, label: ph.label, digits_rev: reversedDigits(ph.number) });
          phones++;
        });
        state.emails.forEach((em, i) => insEmail.run({ id: newId(created), org_id: orgId, client_id: id, position: i, ...childStamps, address: em.address, address_key: em.address.toLowerCase(), label: em.label }));
        state.addresses.forEach((a, i) =>
          insAddress.run({ id: newId(created), org_id: orgId, client_id: id, position: i, ...childStamps, label: a.label, street: a.street, locality: a.locality, county: a.county, postal_code: a.postalCode, country: a.country }),
        );
        state.contacts.forEach((k, i) => insContact.run({ id: newId(created), org_id: orgId, client_id: id, position: i, ...childStamps, name: k.name, job_position: k.position, phone: k.phone, email: k.email }));
      }
    })();

    const done = Math.min(opts.clients, start + BATCH);
    const now = pageBytes();
    if (opts.targetBytes > 0 && done < opts.clients) {
      // bytes per client = base + meanEdits × bytes per edit; solve for the mean that lands on the target.
      const perClient = (now - before) / (done - start);
      const editsPerClient = (updateCount - editsBefore) / (done - start);
      const perEdit = updateCount ? updateBytes / updateCount : 700;
      const base = Math.max(0, perClient - editsPerClient * perEdit);
      const wanted = (opts.targetBytes * 0.985 - now) / (opts.clients - done);
      const ratio = editsPerClient > 0 && meanEdits > 0 ? editsPerClient / meanEdits : 1;
      meanEdits = Math.min(60, Math.max(0, (wanted - base) / perEdit / ratio));
    }
    if (done % 20_000 === 0 || done === opts.clients) log(`  ${done.toLocaleString('en')} clients, ${auditRows.toLocaleString('en')} audit rows, ${(now / 1e6).toFixed(0)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  // Written around the services: the change record learns of the rows as an import's.
  recordAllImported(db);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const meta: DatasetMeta = {
    generatorVersion: GENERATOR_VERSION,
    migrations: Object.keys(migrations),
    clients: opts.clients,
    deletedClients: deleted,
    companies,
    phones,
    auditRows,
    bytes: fs.statSync(config.dbFile).size,
    seconds: (Date.now() - t0) / 1000,
    orgId,
    login: { login: benchLogin, password: BENCH_PASSWORD },
  };
  fs.writeFileSync(path.join(opts.dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}
