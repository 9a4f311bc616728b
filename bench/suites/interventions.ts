import { performance } from 'node:perf_hooks';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { Core } from '../../src/main/core';
import type { DB } from '../../src/main/db/schema';
import { sqlGridSource } from '../../src/main/modules/interventions/sqlSource';
import type { SessionUser } from '../../src/shared/api/auth';
import type { GridScope, SortField } from '../../src/shared/api/interventions';
import { call, login, openCore } from '../lib/app';
import { discardReportFile } from '../../src/main/reports/files';
import { INTERVENTION_INDEX } from '../../src/main/modules/interventions';
import { ensureInterventions } from '../lib/interventionsData';
import type { Suite } from '../lib/suite';
import { startWebMode } from '../lib/webMode';
import { readyFarBehind } from '../lib/snapshotBehind';
import { gridAndSaveDuringExport } from '../lib/duringExport';
import { percentile, sample, sampleInterleaved } from '../lib/timing';

/** Per figure: keeps the run within minutes when a query is slow (at least 10 samples are still taken). */
const BUDGET_MS = 20_000;
const PAGE = 100;
const NEWEST = { sort: 'docDate' as const, desc: true };
/** The grid from SQL alone, on this connection (the bench's "plain SQL"). */
const plainSql = (db: Kysely<DB>, user: SessionUser) => sqlGridSource(db, user);
const EXPORT_COLUMNS = ['series', 'number', 'docDate', 'client', 'type', 'object', 'startAt', 'endAt', 'status', 'priority', 'takenBy', 'phone', 'locality', 'zone', 'notes'] as const;

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
    let exportFrom = '';
    const t0 = performance.now();
    const core = await openCore(ds.dir);
    const opened = performance.now() - t0;
    await core.ready;
    const loaded = performance.now() - t0;
    if (!core.services.get(INTERVENTION_INDEX).ready) throw new Error('the memory index did not load');
    results.addValue('interventions memory index: open to ready', 'ms', loaded, null, `core open ${opened.toFixed(0)} ms; the grid asks SQL until ready`);
    results.addValue('interventions memory index: RSS once ready', 'MB', process.memoryUsage().rss / 1e6, 400, 'whole process: core, SQLite cache, index');
    try {
      const token = await login(core, ds.meta.login.login, ds.meta.login.password);
      const user = (await call(core, token, 'auth.me', {})) as SessionUser | null;
      if (!user) throw new Error('not logged in');
      log(`logged in as ${user.login} (${user.role}, ${user.branchIds.length} branches); ${ds.meta.interventions.toLocaleString('en')} interventions, ${(ds.meta.bytes / 1e6).toFixed(0)} MB; index ready after ${(loaded / 1000).toFixed(1)} s`);
      const sq = core.sqlite;
      const zones = sq.prepare(`select zone_id, count(*) n from intervention where deleted_at is null and zone_id is not null group by zone_id order by n desc`).all() as { zone_id: string; n: number }[];
      const bigZone = zones[0]!;
      const zoneName = sq.prepare(`select name from nomenclature where id = ?`).pluck().get(bigZone.zone_id) as string;
      log(`biggest zone "${zoneName}": ${bigZone.n.toLocaleString('en')} interventions; ${zones.length} zones`);

      /** One grid page through the dispatcher, and the plain SQL page query (no memory index) bare, interleaved. */
      const page = async (label: string, scope: GridScope, offset: number, opts: { warmup: number; samples: number }, order: { sort: SortField; desc: boolean } = NEWEST) => {
        const input = { scope, ...order, offset, limit: PAGE };
        const bare = bareRunner(core, await capturedSql(core, (db) => plainSql(db, user).page(scope, order, offset, PAGE)));
        const api = await call(core, token, 'interventions.list', input);
        const direct = bare();
        const bareIds = (direct[direct.length - 1] as { id: string }[]).map((r) => r.id);
        if (JSON.stringify(api.rows.map((r) => r.id)) !== JSON.stringify(bareIds)) throw new Error(`${label}: the index and SQL disagree on the page`);
        const s = await sampleInterleaved(() => call(core, token, 'interventions.list', input), bare, { ...opts, budgetMs: BUDGET_MS });
        results.addSamples(`interventions.list ${label}, plain SQL bare`, s.b, null, { note: 'the page query on SQL indexes alone, better-sqlite3 prepared' });
        results.addSamples(`interventions.list ${label} (dispatcher)`, s.a, 5, { note: `memory index picks the rowids, SQL reads ${PAGE} rows; bare SQL p95 ${percentile(s.b, 95).toFixed(1)} ms` });
      };
      const zoneScope: GridScope = { filters: { zoneId: bigZone.zone_id } };
      await page('zone, docDate desc, offset 0', zoneScope, 0, { warmup: 20, samples: 300 });
      await page('zone, docDate desc, offset 50,000', zoneScope, 50_000, { warmup: 5, samples: 100 });
      // No zone holds 500,000: the deepest page is of everything the dispatcher sees.
      await page('all, docDate desc, offset 500,000', { filters: {} }, 500_000, { warmup: 2, samples: 20 });
      // A text column (Localitate): its order is built at the first sort by it, then kept current like the others.
      const firstSort = performance.now();
      await call(core, token, 'interventions.list', { scope: { filters: {} }, sort: 'locality', desc: false, offset: 0, limit: PAGE });
      results.addValue('interventions.list first sort by locality (builds its order)', 'ms', performance.now() - firstSort, null, 'once per column after start; later pages read the kept order');
      await page('all, locality asc, offset 500,000', { filters: {} }, 500_000, { warmup: 2, samples: 20 }, { sort: 'locality', desc: false });
      await page('zone, locality desc, offset 50,000', zoneScope, 50_000, { warmup: 3, samples: 50 }, { sort: 'locality', desc: true });

      // A deep page of a filter not asked before (no kept result): the whole ordered result is walked first.
      const cold = zones.slice(0, 12).map((z, i) => ({ scope: { filters: { zoneId: z.zone_id, ...(i % 2 ? { priorities: ['high' as const, 'medium' as const] } : {}) } }, sort: 'docDate' as const, desc: true, offset: Math.floor(z.n / 3), limit: PAGE }));
      const coldSamples = await sample((i) => call(core, token, 'interventions.list', cold[i % cold.length]!), { warmup: 12, samples: 60, budgetMs: BUDGET_MS });
      results.addSamples('interventions.list deep page of a new filter, without a count first (dispatcher)', coldSamples, null, { note: `${cold.length} zone filters in turn, a third of the way down; each walks the sorted index to its depth` });
      // As the grid asks: the count with its sort (which puts the rows in order), then a page anywhere.
      const counted: number[] = [];
      const deep: number[] = [];
      for (let i = 0; i < 72; i++) {
        const input = cold[i % cold.length]!;
        const t1 = performance.now();
        await call(core, token, 'interventions.count', { scope: input.scope, sort: input.sort, desc: input.desc });
        const t2 = performance.now();
        await call(core, token, 'interventions.list', input);
        const t3 = performance.now();
        if (i >= cold.length) {
          counted.push(t2 - t1);
          deep.push(t3 - t2);
        }
      }
      results.addSamples('interventions.count of a new filter, with the grid\'s sort (dispatcher)', counted, 50, { note: 'counts by putting the rows in order for the pages that follow' });
      results.addSamples('interventions.list deep page of a new filter, after its count (dispatcher)', deep, 5, { note: `${cold.length} zone filters in turn, a third of the way down, as the grid asks them` });

      /** A procedure through the dispatcher and the SQL it would send without the index, bare, interleaved. */
      const compare = async (label: string, target: number, viaApi: () => Promise<unknown>, capture: (db: Kysely<DB>) => Promise<unknown>, opts: { warmup: number; samples: number }, note: string) => {
        const bare = bareRunner(core, await capturedSql(core, capture));
        const s = await sampleInterleaved(viaApi, bare, { ...opts, budgetMs: BUDGET_MS });
        results.addSamples(`${label}, plain SQL bare`, s.b, null, { note: 'the same answer from SQL alone, better-sqlite3 prepared' });
        results.addSamples(`${label} (dispatcher)`, s.a, target, { note });
      };

      const countScopeIn: GridScope = { filters: { zoneId: bigZone.zone_id, statuses: ['finalized'] } };
      const total = await call(core, token, 'interventions.count', { scope: countScopeIn });
      if (total.total !== (await plainSql(core.db, user).count(countScopeIn))) throw new Error('count: the index and SQL disagree');
      await compare(
        'interventions.count zone + status',
        50,
        () => call(core, token, 'interventions.count', { scope: countScopeIn }),
        (db) => plainSql(db, user).count(countScopeIn),
        { warmup: 3, samples: 50 },
        `zone "${zoneName}", finalized: ${total.total.toLocaleString('en')}`,
      );

      const groupBy = [{ field: 'status' as const }, { field: 'priority' as const }];
      const level1: GridScope = { filters: {}, groupBy };
      const level2: GridScope = { filters: {}, groupBy, groupPath: ['finalized'] };
      const g1 = await call(core, token, 'interventions.groups', { scope: level1 });
      const g2 = await call(core, token, 'interventions.groups', { scope: level2 });
      if (JSON.stringify(g2) !== JSON.stringify(await plainSql(core.db, user).groups(level2))) throw new Error('groups: the index and SQL disagree');
      log(`groups by status: ${g1.map((g) => `${g.key} ${g.count}`).join(', ')}; finalized by priority: ${g2.map((g) => `${g.key} ${g.count}`).join(', ')}`);
      await compare(
        'interventions.groups level 1 (status), all',
        50,
        () => call(core, token, 'interventions.groups', { scope: level1 }),
        (db) => plainSql(db, user).groups(level1),
        { warmup: 3, samples: 50 },
        `${g1.length} groups over everything the dispatcher sees`,
      );
      await compare(
        'interventions.groups level 2 (finalized → priority)',
        50,
        () => call(core, token, 'interventions.groups', { scope: level2 }),
        (db) => plainSql(db, user).groups(level2),
        { warmup: 3, samples: 50 },
        `${g2.length} groups`,
      );
      const byZoneMonth: GridScope = { filters: {}, groupBy: [{ field: 'zone' }, { field: 'docDate', bucket: 'month' }], groupPath: [bigZone.zone_id] };
      const s3 = await sample(() => call(core, token, 'interventions.groups', { scope: byZoneMonth }), { warmup: 3, samples: 50, budgetMs: BUDGET_MS });
      results.addSamples('interventions.groups level 2 (zone → document month) (dispatcher)', s3, 50, { note: `zone "${zoneName}" by month` });

      // Quick search, first page sorted by docDate desc: terms taken from the data, more of them than the index
      // keeps answers for, so every sample searches afresh.
      const phones = sq.prepare(`select client_phone from intervention where rowid % 4999 = 7 and client_phone like '+3712%' limit 100`).pluck().all() as string[];
      const numbers = sq.prepare(`select number from intervention where rowid % 4999 = 11 and number is not null limit 100`).pluck().all() as string[];
      const searches: [string, string[]][] = [
        ['phone fragment', phones.map((p) => p.replace(/\D/g, '').slice(0, 9))],
        ['document number', numbers],
        ['document number typed short', numbers.map((n) => n.replace(/-0+/, ''))],
        ['common word', ['apkope', 'katls', 'обслуживание', 'apk', 'kat', 'обсл', 'apko', 'katl', 'обслу']],
      ];
      for (const [label, terms] of searches) {
        const inputs = terms.map((search) => ({ scope: { filters: { search } }, sort: 'docDate' as const, desc: true, offset: 0, limit: PAGE }));
        const bares: (() => unknown[][])[] = [];
        for (const t of terms.slice(0, 10)) {
          bares.push(bareRunner(core, await capturedSql(core, (db) => plainSql(db, user).page({ filters: { search: t } }, NEWEST, 0, PAGE))));
        }
        const found = await Promise.all(inputs.slice(0, 5).map(async (input) => (await call(core, token, 'interventions.count', { scope: input.scope })).total));
        const s = await sampleInterleaved((i) => call(core, token, 'interventions.list', inputs[i % inputs.length]!), (i) => bares[i % bares.length]!(), {
          warmup: 3,
          samples: label === 'common word' ? 30 : 200,
          budgetMs: BUDGET_MS,
        });
        const note = `e.g. ${terms.slice(0, 3).map((t) => JSON.stringify(t)).join(', ')}; matches ${found.slice(0, 3).join(', ')}`;
        log(`search by ${label}: ${terms.length} terms, ${note}`);
        results.addSamples(`interventions search by ${label}, plain SQL bare`, s.b, null, { note: 'FTS and SQL indexes alone, better-sqlite3 prepared' });
        results.addSamples(`interventions search by ${label} (dispatcher)`, s.a, 10, { note });
      }

      // A change at a million: the transaction, the audit, the mail queue and the index kept current (every sort built so far).
      const victims = sq.prepare(`select id from intervention where deleted_at is null and status = 'received' and rowid % 997 = 3 limit 40`).pluck().all() as string[];
      for (const sort of ['number', 'client', 'startAt'] as const) await call(core, token, 'interventions.list', { scope: { filters: {} }, sort, desc: false, offset: 0, limit: 10 });
      const changes = await sample(
        async (i) => {
          const d = await call(core, token, 'interventions.get', { id: victims[i % victims.length]! });
          return call(core, token, 'interventions.update', { id: d.id, version: d.version, branchId: d.branchId, clientId: d.clientId, priority: d.priority === 'high' ? 'low' : 'high', docDate: d.docDate, notes: `${d.notes ?? ''} ·` });
        },
        { warmup: 2, samples: 30, budgetMs: BUDGET_MS },
      );
      results.addSamples('interventions.get + update at 1,000,000 (dispatcher)', changes, null, { note: 'includes keeping 4 sort orders of the index current' });

      // Export of about 100,000 rows (the months that hold them) in the grid's typical 15 columns, with progress events.
      const days = sq.prepare(`select doc_date d, count(*) n from intervention where deleted_at is null group by doc_date order by doc_date desc`).all() as { d: string; n: number }[];
      let sum = 0;
      exportFrom = days.find((x) => (sum += x.n) >= 100_000)!.d;
      const exportScope: GridScope = { filters: { dateFrom: exportFrom } };
      const columns = EXPORT_COLUMNS;
      let progress = 0;
      const off = core.bus.on((e) => {
        if (e.name === 'export.progress') progress++;
      });
      let rows = 0;
      const exports = await sample(
        async () => {
          const r = await call(core, token, 'export.interventions', { scope: exportScope, columns: [...columns], format: 'xlsx', jobId: 'bench' });
          rows = r.rows;
          discardReportFile(ds.dir, r.fileId);
        },
        { warmup: 0, samples: 3, budgetMs: 60_000 },
      );
      off();
      results.addSamples('export.interventions XLSX, ~100,000 rows × 15 columns (dispatcher)', exports, 10_000, { note: `${rows.toLocaleString('en')} rows since ${exportFrom}; ${progress} progress events` });

      // Another clerk while that export runs: the export reads on a reader connection, so a grid page and a save
      // wait at most one of its short slices, never the whole export.
      const during = await gridAndSaveDuringExport(core, token, { scope: exportScope, columns: [...columns], victims });
      const dnote = `while a ${during.rows.toLocaleString('en')}-row XLSX export ran (${(during.exportMs / 1000).toFixed(1)} s)`;
      results.addSamples('interventions.list page during a 100,000-row export (dispatcher)', during.page, 50, { note: dnote });
      results.addSamples('interventions.get + update during a 100,000-row export (dispatcher)', during.save, 50, { note: dnote });
    } finally {
      await core.close();
    }
    results.addValue('interventions suite: bench process peak RSS so far', 'MB', process.resourceUsage().maxRSS / 1024, null, 'the bench itself (tsx, ~55 MB more than the built program) with the core in it');

    // A snapshot further behind than a catch-up may go is left for the table (a million changes once took 110 s and 3.6 GB).
    const far = await readyFarBehind(ds.dir, ds.meta.login);
    log(`web mode over a snapshot ${far.behind.toLocaleString('en')} changes behind: index ready ${(far.readyMs / 1000).toFixed(1)} s after spawn; peak ${far.peakMb.toFixed(0)} MB`);
    results.addValue('interventions index ready after start when its snapshot is far behind, built web mode', 'ms', far.readyMs, null, `${far.behind.toLocaleString('en')} changes behind (over MAX_CATCH_UP): read from the table, then a new snapshot`);
    results.addValue('core peak RSS, built web mode: index read from the table past a far-behind snapshot, new snapshot written', 'MB', far.peakMb, 400, 'VmHWM of the web-mode process');

    // The core's own peak, as a user runs it: the built web mode in its own process, the index loaded, the grid
    // used (pages, groups, a common-word search) and 100,000 rows exported to XLSX over HTTP.
    const web = await startWebMode(ds.dir, ds.meta.login);
    try {
      const scope = { filters: {}, groupBy: [{ field: 'status' }, { field: 'priority' }] };
      await web.call('interventions.groups', { scope });
      await web.call('interventions.list', { scope: { filters: { search: 'apkope' } }, offset: 0, limit: PAGE });
      await web.call('interventions.list', { scope: { filters: {} }, sort: 'client', desc: false, offset: 400_000, limit: PAGE });
      const t = performance.now();
      const out = await web.call<{ rows: number }>('export.interventions', { scope: { filters: { dateFrom: exportFrom } }, columns: [...EXPORT_COLUMNS], format: 'xlsx' });
      const ms = performance.now() - t;
      log(`web mode: index ready ${(web.readyMs / 1000).toFixed(1)} s after spawn; export of ${out.rows.toLocaleString('en')} rows over HTTP ${(ms / 1000).toFixed(1)} s; peak ${web.peakMb().toFixed(0)} MB`);
      results.addValue('interventions index ready after start, built web mode', 'ms', web.readyMs, null, 'spawn to "index ready"; the grid answers from SQL meanwhile');
      results.addValue('core peak RSS, built web mode: index, grid, search, 100k-row XLSX export', 'MB', web.peakMb(), 400, 'VmHWM of the web-mode process');
    } finally {
      await web.stop();
    }
  },
};
