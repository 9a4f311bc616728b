import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { Core } from '../../src/main/core';
import type { DB } from '../../src/main/db/schema';
import { countScope, groupsAt, listPage, type ListArgs } from '../../src/main/modules/interventions/listing';
import type { SessionUser } from '../../src/shared/api/auth';
import type { GridScope } from '../../src/shared/api/interventions';
import { call, login, openCore } from '../lib/app';
import { BENCH_DIR, CACHE_DIR, schemaHash } from '../lib/datasets';
import { INTERVENTIONS_GENERATOR_VERSION, type InterventionsMeta } from '../lib/generateInterventions';
import type { Suite } from '../lib/suite';
import { percentile, sampleInterleaved } from '../lib/timing';

const NAME = 'interventions-1m';
/** Per figure: keeps the run within minutes when a query is slow (at least 10 samples are still taken). */
const BUDGET_MS = 20_000;
const PAGE = 100;

/** The cached 1,000,000-intervention data folder, generated first in a child process when missing (~5 minutes). */
async function ensureInterventions(log: (msg: string) => void): Promise<{ dir: string; meta: InterventionsMeta }> {
  const key = `${NAME}-g${INTERVENTIONS_GENERATOR_VERSION}-s${schemaHash()}`;
  const dir = path.join(CACHE_DIR, key);
  const metaFile = path.join(dir, 'meta.json');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  for (const old of fs.readdirSync(CACHE_DIR)) {
    if (old !== key && (old.startsWith(`${NAME}-g`) || old.startsWith(`${key}.tmp`))) fs.rmSync(path.join(CACHE_DIR, old), { recursive: true, force: true });
  }
  if (!fs.existsSync(metaFile)) {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    log(`Generating ${NAME} (100,000 clients, 1,000,000 interventions) into ${path.relative(process.cwd(), dir)} — about 5 minutes …`);
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'lib', 'generateInterventions.ts'), tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))));
    });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  }
  return { dir, meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as InterventionsMeta };
}

/** The SQL a repository function sends, captured through a logging Kysely over the same connection. */
async function capturedSql(core: Core, run: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  // Never destroyed: destroying it would close the core's connection.
  const spy = new Kysely<DB>({ dialect: new SqliteDialect({ database: core.sqlite }), log: (e) => void seen.push(e.query) });
  await run(spy);
  return seen;
}

/** The captured queries as prepared better-sqlite3 statements, run one after the other. */
function bareRunner(core: Core, queries: CompiledQuery[]): () => unknown[][] {
  const stmts = queries.map((q) => ({ stmt: core.sqlite.prepare(q.sql), params: q.parameters as unknown[] }));
  return () => stmts.map((q) => q.stmt.all(...q.params));
}

export const interventionsSuite: Suite = {
  id: 'interventions',
  title: 'Interventions grid: pages, counts, groups and search at 1,000,000 interventions',
  async run({ results, log }) {
    const ds = await ensureInterventions(log);
    const core = await openCore(ds.dir);
    try {
      const token = await login(core, ds.meta.login.login, ds.meta.login.password);
      const user = (await call(core, token, 'auth.me', {})) as SessionUser | null;
      if (!user) throw new Error('not logged in');
      log(`logged in as ${user.login} (${user.role}, ${user.branchIds.length} branches); ${ds.meta.interventions.toLocaleString('en')} interventions, ${(ds.meta.bytes / 1e6).toFixed(0)} MB`);
      const sq = core.sqlite;
      const bigZone = sq.prepare(`select zone_id, count(*) n from intervention where deleted_at is null group by zone_id order by n desc limit 1`).get() as { zone_id: string; n: number };
      const zoneName = sq.prepare(`select name from nomenclature where id = ?`).pluck().get(bigZone.zone_id) as string;
      log(`biggest zone "${zoneName}": ${bigZone.n.toLocaleString('en')} interventions`);

      /** One grid page through the dispatcher and the same SQL bare, interleaved. */
      const page = async (label: string, scope: GridScope, offset: number, opts: { warmup: number; samples: number }) => {
        const input = { scope, sort: 'docDate' as const, desc: true, offset, limit: PAGE };
        const args: ListArgs = { scope, sort: 'docDate', desc: true, offset, limit: PAGE, nowMs: Date.now(), warningHours: null };
        const bare = bareRunner(core, await capturedSql(core, (db) => listPage(db, user, args)));
        const api = await call(core, token, 'interventions.list', input);
        const direct = bare();
        if (api.rows.length !== PAGE || direct[direct.length - 1]!.length !== PAGE) throw new Error(`${label}: page sizes api ${api.rows.length}, bare ${direct[direct.length - 1]!.length}`);
        const s = await sampleInterleaved(() => call(core, token, 'interventions.list', input), bare, { ...opts, budgetMs: BUDGET_MS });
        const bareP95 = percentile(s.b, 95);
        results.addSamples(`interventions.list ${label}, bare SQL`, s.b, null, { note: 'same SQL, better-sqlite3 prepared' });
        results.addSamples(`interventions.list ${label} (dispatcher)`, s.a, Math.min(5, 2 * bareP95), { note: `target = min(5 ms, 2 × bare p95 ${bareP95.toFixed(1)})` });
      };
      const zoneScope: GridScope = { filters: { zoneId: bigZone.zone_id } };
      await page('zone, docDate desc, offset 0', zoneScope, 0, { warmup: 20, samples: 300 });
      await page('zone, docDate desc, offset 50,000', zoneScope, 50_000, { warmup: 5, samples: 100 });
      // No zone holds 500,000: the deepest page is of everything the dispatcher sees.
      await page('all, docDate desc, offset 500,000', { filters: {} }, 500_000, { warmup: 2, samples: 20 });

      /** A procedure through the dispatcher and its captured SQL bare, interleaved. */
      const compare = async (label: string, target: number, viaApi: () => Promise<unknown>, capture: (db: Kysely<DB>) => Promise<unknown>, opts: { warmup: number; samples: number }, note: string) => {
        const bare = bareRunner(core, await capturedSql(core, capture));
        const s = await sampleInterleaved(viaApi, bare, { ...opts, budgetMs: BUDGET_MS });
        results.addSamples(`${label}, bare SQL`, s.b, null, { note: 'same SQL, better-sqlite3 prepared' });
        results.addSamples(`${label} (dispatcher)`, s.a, target, { note });
      };

      const countScopeIn: GridScope = { filters: { zoneId: bigZone.zone_id, statuses: ['finalized'] } };
      const total = await call(core, token, 'interventions.count', { scope: countScopeIn });
      await compare(
        'interventions.count zone + status',
        50,
        () => call(core, token, 'interventions.count', { scope: countScopeIn }),
        (db) => countScope(db, user, countScopeIn),
        { warmup: 3, samples: 50 },
        `zone "${zoneName}", finalized: ${total.total.toLocaleString('en')}`,
      );

      const groupBy = [{ field: 'status' as const }, { field: 'priority' as const }];
      const level1: GridScope = { filters: {}, groupBy };
      const level2: GridScope = { filters: {}, groupBy, groupPath: ['finalized'] };
      const g1 = await call(core, token, 'interventions.groups', { scope: level1 });
      const g2 = await call(core, token, 'interventions.groups', { scope: level2 });
      log(`groups by status: ${g1.map((g) => `${g.key} ${g.count}`).join(', ')}; finalized by priority: ${g2.map((g) => `${g.key} ${g.count}`).join(', ')}`);
      await compare(
        'interventions.groups level 1 (status), all',
        50,
        () => call(core, token, 'interventions.groups', { scope: level1 }),
        (db) => groupsAt(db, user, level1),
        { warmup: 3, samples: 50 },
        `${g1.length} groups over everything the dispatcher sees`,
      );
      await compare(
        'interventions.groups level 2 (finalized → priority)',
        50,
        () => call(core, token, 'interventions.groups', { scope: level2 }),
        (db) => groupsAt(db, user, level2),
        { warmup: 3, samples: 50 },
        `${g2.length} groups`,
      );

      // Quick search, first page sorted by docDate desc: terms taken from the data.
      const phones = sq.prepare(`select client_phone from intervention where rowid % 4999 = 7 and client_phone like '+3712%' limit 100`).pluck().all() as string[];
      const numbers = sq.prepare(`select number from intervention where rowid % 4999 = 11 and number is not null limit 100`).pluck().all() as string[];
      const searches: [string, string[]][] = [
        ['phone fragment', phones.map((p) => p.replace(/\D/g, '').slice(0, 9))],
        ['document number', numbers],
        ['common word', ['apkope', 'katls', 'обслуживание']],
      ];
      for (const [label, terms] of searches) {
        const inputs = terms.map((search) => ({ scope: { filters: { search } }, sort: 'docDate' as const, desc: true, offset: 0, limit: PAGE }));
        const bares: (() => unknown[][])[] = [];
        for (const t of terms) {
          bares.push(bareRunner(core, await capturedSql(core, (db) => listPage(db, user, { scope: { filters: { search: t } }, sort: 'docDate', desc: true, offset: 0, limit: PAGE, nowMs: Date.now(), warningHours: null }))));
        }
        const found = await Promise.all(inputs.slice(0, 5).map(async (input) => (await call(core, token, 'interventions.count', { scope: input.scope })).total));
        const s = await sampleInterleaved((i) => call(core, token, 'interventions.list', inputs[i % inputs.length]!), (i) => bares[i % bares.length]!(), {
          warmup: 3,
          samples: label === 'common word' ? 30 : 200,
          budgetMs: BUDGET_MS,
        });
        const note = `e.g. ${terms.slice(0, 3).map((t) => JSON.stringify(t)).join(', ')}; matches ${found.slice(0, 3).join(', ')}`;
        log(`search by ${label}: ${terms.length} terms, ${note}`);
        results.addSamples(`interventions search by ${label}, bare SQL`, s.b, null, { note: 'same SQL, better-sqlite3 prepared' });
        results.addSamples(`interventions search by ${label} (dispatcher)`, s.a, 10, { note });
      }
    } finally {
      await core.close();
    }
    results.addValue('interventions suite: peak RSS so far', 'MB', process.resourceUsage().maxRSS / 1024, null, '1,000,000 interventions open through the core');
  },
};
