/**
 * Benchmark data for the interventions grid: an organization set up through the real core (setup.run, then
 * branches, users, nomenclature and series through the dispatcher), then 100,000 clients and 1,000,000
 * interventions over six years written straight through better-sqlite3, 50,000 to a transaction, then ANALYZE.
 *
 *   tsx bench/lib/generateInterventions.ts <dir>      (the suite runs this in a child process when its cache misses)
 *
 * Column values are the ones src/main/modules/interventions/service.ts writes: priority 1..3, status derived from
 * the workflow fields, client_name_key = foldKey(name), start_local/end_local as branch wall-clock time
 * (YYYY-MM-DDTHH:MM), the full-text row as reindex() writes it. Ids are UUIDv7 with increasing timestamps.
 *
 * Bump INTERVENTIONS_GENERATOR_VERSION whenever what is generated changes: cached databases are keyed by it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { reversedDigits } from '../../src/shared/rules/phone';
import { SEARCH_INSERT, searchValues } from '../../src/main/modules/interventions/searchIndex';
import { recordAllImported } from '../../src/main/api/funnel';
import { formatDocNumber } from '../../src/shared/rules/series';
import { foldKey } from '../../src/shared/rules/text';
import { benchConfig, call, openCore } from './app';
import { BENCH_PASSWORD as PASSWORD, rng } from './generate';
import { PEOPLE, PLACES, type Lang } from './names';

export const INTERVENTIONS_GENERATOR_VERSION = 4;

export interface InterventionsMeta {
  generatorVersion: number;
  clients: number;
  interventions: number;
  seconds: number;
  bytes: number;
  orgId: string;
  /** A dispatcher of both branches: the benchmark logs in as them. */
  login: { login: string; password: string };
  byStatus: Record<string, number>;
}

const START = Date.parse('2021-01-04T06:00:00Z');
const END = Date.parse('2026-11-20T16:00:00Z');
const PER_TX = 50_000;

/** Europe/Riga wall-clock time (EET, EEST from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC). */
const dstCache = new Map<number, [number, number]>();
function rigaLocal(ms: number): string {
  const y = new Date(ms).getUTCFullYear();
  let dst = dstCache.get(y);
  if (!dst) {
    const lastSunday = (month: number) => {
      const d = new Date(Date.UTC(y, month + 1, 0, 1));
      return d.getTime() - d.getUTCDay() * 86_400_000;
    };
    dst = [lastSunday(2), lastSunday(9)];
    dstCache.set(y, dst);
  }
  const offset = ms >= dst[0] && ms < dst[1] ? 3 : 2;
  return new Date(ms + offset * 3_600_000).toISOString().slice(0, 16);
}

const NOTES = [
  'Ikgadējā apkope, katls Vaillant ecoTEC.',
  'Apkope un dūmvada tīrīšana.',
  'Katls neiet, kļūdas kods F28.',
  'Noplūde zem katla, klients nosedza ar dvieli.',
  'Nomainīt filtru un pārbaudīt spiedienu.',
  'Radiatori silst tikai augšā, atgaisot sistēmu.',
  'Zvanīt pēc 17:00, durvju kods 4512.',
  'Garantijas remonts, ņemt līdzi rezerves daļas.',
  'Плановое обслуживание котла.',
  'Не греет бойлер, код ошибки E10.',
  'Протечка под котлом, срочно.',
  'Обслуживание и чистка горелки.',
  'Montāža: jauns katls un boileris.',
  'Apkope, nomainīt anodu boilerī.',
];
const TYPES = ['Apkope', 'Remonts', 'Montāža', 'Diagnostika', 'Garantijas remonts', 'Konsultācija', 'Обслуживание', 'Ремонт'];
const ZONES = ['Centrs', 'Vecrīga', 'Purvciems', 'Imanta', 'Ķengarags', 'Teika', 'Mežciems', 'Ziepniekkalns', 'Pļavnieki', 'Jugla', 'Āgenskalns', 'Sarkandaugava', 'Jūrmala', 'Ogre', 'Salaspils', 'Sigulda', 'Jelgava', 'Tukums', 'Cēsis', 'Valmiera'];

export async function generateInterventions(dir: string, log: (msg: string) => void = console.log, total = 1_000_000): Promise<InterventionsMeta> {
  const t0 = Date.now();
  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
  const bytes16 = () => {
    const b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = Math.floor(rand() * 256);
    return b;
  };
  const newId = (ms: number) => uuidv7({ msecs: Math.floor(ms), random: bytes16() });
  const iso = (ms: number) => new Date(ms).toISOString();

  // ---- the organization, through the real core ----
  fs.mkdirSync(dir, { recursive: true });
  const core = await openCore(dir);
  let orgId = '';
  const branchIds: string[] = [];
  const seriesIds: string[] = [];
  const prefixes = ['RIX-', 'JEL-'];
  const managers: string[] = [];
  const dispatchers: string[][] = [[], []];
  const techs: string[][] = [[], []];
  const nom: Record<'zone' | 'classification' | 'classification2' | 'classification3' | 'intervention_type', string[]> = {
    zone: [],
    classification: [],
    classification2: [],
    classification3: [],
    intervention_type: [],
  };
  try {
    const setup = await core.dispatch({
      name: 'setup.run',
      input: {
        orgName: 'Siltuma Serviss',
        country: 'LV',
        timeZone: 'Europe/Riga',
        orgPhone: '+37167000000',
        languages: ['lv', 'ru', 'en'],
        branchName: 'Rīga',
        ownerName: 'Jānis Bērziņš',
        ownerLogin: 'owner',
        ownerPassword: PASSWORD,
        ownerLanguage: 'lv',
      },
      sessionToken: null,
    });
    if (!setup.result.ok || !setup.sessionToken) throw new Error(`setup.run failed: ${JSON.stringify(setup.result)}`);
    const owner = setup.sessionToken;
    const me = await call(core, owner, 'auth.me', {});
    if (!me) throw new Error('setup did not log the owner in');
    orgId = me.orgId;
    branchIds.push((await call(core, owner, 'branches.list', {}))[0]!.id);
    branchIds.push((await call(core, owner, 'branches.create', { name: 'Jelgava', address: 'Lielā iela 10, Jelgava', timeZone: 'Europe/Riga' })).id);

    // 40 users with the owner: 2 managers, 8 dispatchers (dispatcher.1 covers both branches), 29 technicians.
    const person = (i: number) => {
      const pool = PEOPLE[i % 3 === 0 ? 'ru' : 'lv'][i % 2 ? 'female' : 'male'];
      return `${pool.first[i % pool.first.length]} ${pool.last[(i * 7) % pool.last.length]}`;
    };
    let n = 0;
    const addUser = async (login: string, role: 'branch_manager' | 'dispatcher' | 'employee', branches: string[]) =>
      (await call(core, owner, 'users.create', { login, password: PASSWORD, name: person(n++), email: `${login}@siltuma-serviss.lv`, role, language: 'lv', branchIds: branches })).id;
    for (let b = 0; b < 2; b++) managers.push(await addUser(`manager.${b + 1}`, 'branch_manager', [branchIds[b]!]));
    for (let i = 1; i <= 8; i++) {
      const b = i % 2;
      dispatchers[b]!.push(await addUser(`dispatcher.${i}`, 'dispatcher', i === 1 ? branchIds : [branchIds[b]!]));
    }
    for (let i = 1; i <= 29; i++) {
      const b = i <= 18 ? 0 : 1;
      techs[b]!.push(await addUser(`tech.${i}`, 'employee', [branchIds[b]!]));
    }
    const addNom = async (kind: keyof typeof nom, name: string, code: string) => nom[kind].push((await call(core, owner, 'nomenclature.create', { kind, name, code })).id);
    for (const [i, z] of ZONES.entries()) await addNom('zone', z, `Z${String(i + 1).padStart(2, '0')}`);
    for (let i = 1; i <= 10; i++) {
      await addNom('classification', `Iekārta ${['katls', 'boileris', 'siltumsūknis', 'radiatori', 'grīdas apkure', 'kondicionieris', 'ventilācija', 'ūdens filtrs', 'skaitītājs', 'cits'][i - 1]}`, `K1-${i}`);
      await addNom('classification2', `Ražotājs ${['Vaillant', 'Buderus', 'Viessmann', 'Bosch', 'Ariston', 'Baxi', 'Protherm', 'Immergas', 'Wolf', 'Junkers'][i - 1]}`, `K2-${i}`);
      await addNom('classification3', `Līgums ${['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'][i - 1]}`, `K3-${i}`);
    }
    for (const [i, t] of TYPES.entries()) await addNom('intervention_type', t, `T${i + 1}`);
    for (let b = 0; b < 2; b++) seriesIds.push((await call(core, owner, 'series.create', { docType: 'intervention', branchId: branchIds[b]!, prefix: prefixes[b]!, padding: 7, nextNumber: 1 })).id);
  } finally {
    await core.close();
  }
  log(`  organization, 2 branches, 40 users, ${Object.values(nom).flat().length} nomenclature items through the core (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  const dbFile = benchConfig(dir).dbFile;
  const db = new Database(dbFile);
  // Speed over safety while generating: a failed run is thrown away whole.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');

  // ---- clients: a person or company, one phone, one address ----
  interface Client {
    id: string;
    name: string;
    code: string | null;
    phone: string;
    email: string | null;
    street: string;
    locality: string;
  }
  const CLIENTS = Math.min(100_000, total);
  const clients: Client[] = [];
  const insClient = db.prepare(
    `insert into client (id, org_id, kind, name, name_key, fiscal_code, preferred_language, notes, responsible_id, primary_phone, primary_email, primary_locality, created_at, updated_at, deleted_at, version)
     values (?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?, ?, ?, null, 1)`,
  );
  const insPhone = db.prepare(`insert into client_phone (id, org_id, client_id, position, created_at, updated_at, deleted_at, version, number, label, digits_rev) values (?, ?, ?, 0, ?, ?, null, 1, ?, 'mobile', ?)`);
  const insAddress = db.prepare(
    `insert into client_address (id, org_id, client_id, position, created_at, updated_at, deleted_at, version, label, street, locality, county, postal_code, country) values (?, ?, ?, 0, ?, ?, null, 1, null, ?, ?, null, ?, 'LV')`,
  );
  db.transaction(() => {
    for (let i = 0; i < CLIENTS; i++) {
      const at = START - 86_400_000 + (i * 86_400_000) / CLIENTS;
      const lang: Lang = chance(0.65) ? 'lv' : 'ru';
      const company = chance(0.15);
      const p = PEOPLE[lang][chance(0.5) ? 'female' : 'male'];
      const name = company ? `SIA "${pick(p.last)} ${pick(['Serviss', 'Nami', 'Būve', 'Apsaimniekošana', 'Grupa'])}"` : `${pick(p.first)} ${pick(p.last)}`;
      const c: Client = {
        id: newId(at),
        name,
        code: company ? `LV40003${digits(6)}` : null,
        phone: chance(0.85) ? `+3712${digits(7)}` : `+3716${digits(7)}`,
        email: chance(0.5) ? `klients${i}@inbox.lv` : null,
        street: `${pick(PLACES.LV.streets)} ${1 + Math.floor(rand() * 150)}`,
        locality: pick(PLACES.LV.localities),
      };
      clients.push(c);
      const stamp = iso(at);
      insClient.run(c.id, orgId, company ? 'company' : 'person', c.name, foldKey(c.name), c.code, lang, c.phone, c.email, c.locality, stamp, stamp);
      insPhone.run(newId(at), orgId, c.id, stamp, stamp, c.phone, reversedDigits(c.phone));
      insAddress.run(newId(at), orgId, c.id, stamp, stamp, c.street, c.locality, PLACES.LV.postal(rand));
    }
  })();
  log(`  ${CLIENTS.toLocaleString('en')} clients (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

  // ---- interventions ----
  const TOTAL = total;
  const cols = [
    'id', 'org_id', 'branch_id', 'series_id', 'number', 'doc_date', 'client_id', 'contact_id', 'priority', 'confirmed_real', 'type_id', 'object_product_id', 'object_serial',
    'responsible_id', 'taken_by_id', 'start_at', 'end_at', 'start_local', 'end_local', 'status', 'assignee_confirmed_at', 'finalized_at', 'valid', 'validated_at', 'cancelled_at',
    'cancel_reason', 'notes', 'contract_id', 'estimate_id', 'vehicle_id', 'classification_id', 'classification2_id', 'classification3_id', 'zone_id', 'client_name', 'client_name_key',
    'client_fiscal_code', 'client_phone', 'client_email', 'address', 'address_key', 'locality', 'county', 'country', 'created_at', 'updated_at', 'deleted_at', 'version',
  ];
  const insIntervention = db.prepare(`insert into intervention (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
  const insFts = db.prepare(SEARCH_INSERT);
  const numbers = [0, 0];
  const byStatus: Record<string, number> = {};
  // Zones and classifications are skewed (a few big areas, many small); so are clients (regulars call often).
  const skewed = (xs: readonly string[], power: number) => xs[Math.floor(Math.pow(rand(), power) * xs.length)]!;
  const span = END - START;
  let prevMs = 0;
  let done = 0;
  while (done < TOTAL) {
    const upto = Math.min(TOTAL, done + PER_TX);
    db.transaction(() => {
      for (let i = done; i < upto; i++) {
        // Density grows linearly to three times as busy at the end as at the start: inverse CDF of (1 + 2x) / 2.
        const u = (i + rand()) / TOTAL;
        const x = (-1 + Math.sqrt(1 + 8 * u)) / 2;
        const createdAt = START + x * span;
        const created = Math.max(prevMs + 1, Math.floor(createdAt));
        prevMs = created;
        const ageDays = (END - created) / 86_400_000;
        const b = chance(0.62) ? 0 : 1;
        const client = clients[Math.floor(Math.pow(rand(), 1.6) * CLIENTS)]!;
        const r = rand();
        // Old documents are almost all closed; the last weeks hold most of the open ones.
        const open = ageDays < 30 ? 0.55 : ageDays < 365 ? 0.02 : 0.004;
        const status = r < open * 0.45 ? 'received' : r < open * 0.8 ? 'allocated' : r < open ? 'confirmed' : r < open + 0.05 ? 'cancelled' : 'finalized';
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        const pr = rand();
        const priority = pr < 0.18 ? 1 : pr < 0.85 ? 2 : 3;
        const allocated = status !== 'received' && !(status === 'cancelled' && chance(0.5));
        const start = allocated ? created + (1 + rand() * 96) * 3_600_000 : null;
        const end = start ? start + (1 + Math.floor(rand() * 4)) * 3_600_000 : null;
        const tech = allocated ? pick(techs[b]!) : null;
        const responsible = allocated ? (chance(0.7) ? pick(dispatchers[b]!) : managers[b]!) : null;
        const confirmedAt = status === 'confirmed' || status === 'finalized' || (status === 'cancelled' && allocated && chance(0.5)) ? iso(created + 1_800_000 + rand() * 3_600_000) : null;
        const finalizedAt = status === 'finalized' ? iso(end! + rand() * 7_200_000) : null;
        const cancelledAt = status === 'cancelled' ? iso(created + rand() * 72 * 3_600_000) : null;
        const valid = status === 'finalized' && ageDays > 3 ? 1 : status === 'cancelled' && chance(0.3) ? 1 : 0;
        const number = valid ? formatDocNumber(prefixes[b]!, ++numbers[b]!, 7) : null;
        const updated = finalizedAt ?? cancelledAt ?? confirmedAt ?? iso(created + 60_000);
        const notes = chance(0.7) ? pick(NOTES) : null;
        const street = client.street;
        const res = insIntervention.run(
          newId(created), orgId, branchIds[b], valid ? seriesIds[b] : null, number, rigaLocal(created).slice(0, 10), client.id, null, priority, status === 'finalized' ? 1 : 0,
          skewed(nom.intervention_type, 2), null, null,
          responsible, tech, start ? iso(start) : null, end ? iso(end) : null, start ? rigaLocal(start) : null, end ? rigaLocal(end) : null, status, confirmedAt, finalizedAt, valid,
          valid ? updated : null, cancelledAt, cancelledAt ? pick(['Klients atteicās', 'Dublikāts', 'Клиент отменил']) : null, notes, null, null, null,
          skewed(nom.classification, 2), chance(0.8) ? skewed(nom.classification2, 1.5) : null, chance(0.4) ? skewed(nom.classification3, 1) : null, skewed(nom.zone, 2.5),
          client.name, foldKey(client.name), client.code, client.phone, client.email, street, foldKey(street), client.locality, null, 'LV',
          iso(created), updated, null, status === 'finalized' ? 4 : status === 'received' ? 1 : 3,
        );
        insFts.run(res.lastInsertRowid, ...searchValues({ number: number ?? null, client_name: client.name, client_phone: client.phone ?? null, notes: notes ?? null }));
      }
    })();
    done = upto;
    if (done % 100_000 === 0 || done === TOTAL) log(`  ${done.toLocaleString('en')} interventions, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const setNext = db.prepare(`update doc_series set next_number = ? where id = ?`);
  for (let b = 0; b < 2; b++) setNext.run(numbers[b]! + 1, seriesIds[b]);
  // Written around the services: the change record learns of the rows as an import's.
  recordAllImported(db);
  log('  ANALYZE …');
  db.exec('analyze');
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const meta: InterventionsMeta = {
    generatorVersion: INTERVENTIONS_GENERATOR_VERSION,
    clients: CLIENTS,
    interventions: TOTAL,
    seconds: (Date.now() - t0) / 1000,
    bytes: fs.statSync(dbFile).size,
    orgId,
    login: { login: 'dispatcher.1', password: PASSWORD },
    byStatus,
  };
  fs.writeFileSync(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: tsx bench/lib/generateInterventions.ts <dir> [interventions]');
    process.exit(2);
  }
  const meta = await generateInterventions(dir, console.log, process.argv[3] ? Number(process.argv[3]) : undefined);
  console.log(`  done: ${meta.interventions.toLocaleString('en')} interventions, ${(meta.bytes / 1e6).toFixed(0)} MB in ${meta.seconds.toFixed(0)} s; ${JSON.stringify(meta.byStatus)}`);
}
