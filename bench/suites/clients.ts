import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { Core } from '../../src/main/core';
import type { DB } from '../../src/main/db/schema';
import { listClients, loadClient, type ListArgs } from '../../src/main/modules/clients/repo';
import { foldKey } from '../../src/shared/rules/text';
import { call, login, openCore } from '../lib/app';
import { ensureDataset } from '../lib/datasets';
import { CLIENTS_1GB, type Suite } from '../lib/suite';
import { percentile, sample, sampleInterleaved } from '../lib/timing';

/** Per figure: keeps the whole run within minutes even when a query is slow (at least 10 samples are taken). */
const BUDGET_MS = 20_000;

/** Deterministic picks, so two runs search for the same things. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The SQL a repository function sends, captured through a logging Kysely over the same connection. */
async function capturedSql(core: Core, run: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  // Never destroyed: destroying it would close the core's connection.
  const spy = new Kysely<DB>({ dialect: new SqliteDialect({ database: core.sqlite }), log: (e) => void seen.push(e.query) });
  await run(spy);
  return seen;
}

/** Search texts as clerks type them, taken from the data: word prefixes, trailing phone digits, code prefixes. */
function searchTerms(core: Core, n: number) {
  const rand = rng(42);
  const maxRow = core.sqlite.prepare('select max(rowid) from client').pluck().get() as number;
  const rowids = Array.from({ length: n * 3 }, () => 1 + Math.floor(rand() * maxRow));
  const inList = rowids.join(',');
  const names = core.sqlite.prepare(`select name from client where rowid in (${inList}) and deleted_at is null`).pluck().all() as string[];
  const phones = core.sqlite.prepare(`select number from client_phone where client_id in (select id from client where rowid in (${inList}))`).pluck().all() as string[];
  const codes = core.sqlite.prepare(`select fiscal_code from client where rowid in (${inList}) and fiscal_code is not null`).pluck().all() as string[];
  const len = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const byName = names.slice(0, n).map((name) => {
    const words = name.replace(/["]/g, '').split(' ').filter((w) => w.length >= 3 && !/^(SIA|AS|UAB|AB|MB|SRL|SA|PFA|ООО)$/.test(w));
    const word = words[Math.floor(rand() * words.length)] ?? name;
    const prefix = word.slice(0, len(3, 6));
    // Half typed with diacritics, half without, as people do.
    return rand() < 0.5 ? prefix : foldKey(prefix);
  });
  const byPhone = phones.slice(0, n).map((p) => p.replace(/\D/g, '').slice(-len(4, 7)));
  const byCode = codes.slice(0, n).map((c) => c.slice(0, len(5, 9)));
  return { byName, byPhone, byCode };
}

export const clientsSuite: Suite = {
  id: 'clients',
  title: 'Clients: API round trip and search at 100,000 clients',
  async run({ results, log }) {
    const ds = await ensureDataset(CLIENTS_1GB, log);
    const core = await openCore(ds.dir);
    try {
      const token = await login(core, ds.meta.login.login, ds.meta.login.password);
      const me = await call(core, token, 'auth.me', {});
      if (!me) throw new Error('not logged in');

      // (b) One page through the whole dispatcher (session, permission, zod, transaction, mapping) vs the bare SQL.
      const input = { search: 'ozol', sort: 'updatedAt' as const, desc: true, limit: 100, offset: 0 };
      const args: ListArgs = { orgId: me.orgId, search: input.search, sort: input.sort, desc: input.desc, limit: input.limit, offset: input.offset };
      // A search is one statement (matches found once, counted and paged); the bare figure runs what the API sends.
      const queries = await capturedSql(core, (db) => listClients(db, args));
      const stmts = queries.map((q) => ({ stmt: core.sqlite.prepare(q.sql), params: q.parameters }));
      const bare = () => {
        const out = stmts.map((q) => q.stmt.all(...q.params) as unknown[]);
        return { rows: out[0]!, queries: out.length };
      };
      const viaApi = () => call(core, token, 'clients.list', input);
      const check = await viaApi();
      const direct = bare();
      if (check.rows.length !== direct.rows.length || check.rows.length !== 100) throw new Error(`page sizes differ: api ${check.rows.length}, bare ${direct.rows.length}`);
      log(`clients.list with a search sends ${direct.queries} statement(s)`);
      log(`round trip: clients.list search "${input.search}" sorted by ${input.sort} desc, page of ${input.limit} of ${check.total} matches`);
      const rt = await sampleInterleaved(viaApi, bare, { warmup: 30, samples: 400, budgetMs: BUDGET_MS });
      results.addSamples('clients.list bare SQL (better-sqlite3, same queries)', rt.b, null, { note: `search "${input.search}", ${check.total} matches, page of 100` });
      results.addSamples('clients.list API round trip (dispatcher)', rt.a, 2 * percentile(rt.b, 95) + 1, { note: 'target = 2 × bare p95 + 1 ms' });

      // The same comparison on the plainest page (no search), where the dispatcher's own share shows most.
      const plain = { sort: 'name' as const, limit: 100, offset: 0 };
      const plainQ = await capturedSql(core, (db) => listClients(db, { orgId: me.orgId, sort: 'name', desc: false, limit: 100, offset: 0 }));
      const plainStmts = plainQ.map((q) => ({ stmt: core.sqlite.prepare(q.sql), params: q.parameters }));
      const plainBare = () => plainStmts.map((q) => q.stmt.all(...q.params));
      const rt2 = await sampleInterleaved(() => call(core, token, 'clients.list', plain), plainBare, { warmup: 30, samples: 400, budgetMs: BUDGET_MS });
      results.addSamples('clients.list bare SQL, no search', rt2.b, null, { note: 'first page by name + the kept total' });
      results.addSamples('clients.list API round trip, no search', rt2.a, 5, { note: 'target ≤ 5 ms (issue 15); the total is read from client_count, not counted' });

      // And on a call whose SQL is cheap (one client with its phones, e-mails, addresses, contacts): the dispatcher's own cost.
      const clientId = core.sqlite.prepare(`select id from client where kind = 'company' and deleted_at is null order by rowid limit 1 offset 5000`).pluck().get() as string;
      const getQ = await capturedSql(core, (db) => loadClient(db, me.orgId, clientId));
      const getStmts = getQ.map((q) => ({ stmt: core.sqlite.prepare(q.sql), params: q.parameters }));
      const getBare = () => getStmts.map((q) => q.stmt.all(...q.params));
      const rt3 = await sampleInterleaved(() => call(core, token, 'clients.get', { id: clientId }), getBare, { warmup: 50, samples: 1000, budgetMs: BUDGET_MS });
      results.addSamples('clients.get bare SQL', rt3.b, null, { note: `${getQ.length} queries` });
      results.addSamples('clients.get API round trip', rt3.a, 2 * percentile(rt3.b, 95) + 1, { note: 'target = 2 × bare p95 + 1 ms' });

      // (c) Searches as typed, each term different, through the dispatcher; default sort (name), page of 100.
      const terms = searchTerms(core, 300);
      for (const [label, list] of [
        ['name prefix', terms.byName],
        ['phone trailing digits', terms.byPhone],
        ['fiscal code prefix', terms.byCode],
      ] as const) {
        const totals: number[] = [];
        const s = await sample(
          async (i) => {
            const page = await call(core, token, 'clients.list', { search: list[i % list.length]!, limit: 100 });
            totals.push(page.total);
          },
          { warmup: 20, samples: 300, budgetMs: BUDGET_MS },
        );
        const found = totals.slice(-s.length);
        const median = percentile(found, 50);
        const most = Math.max(...found);
        log(`search by ${label}: ${list.length} different terms, e.g. ${list.slice(0, 4).map((t) => JSON.stringify(t)).join(', ')}; matches median ${median}, max ${most}`);
        results.addSamples(`client search by ${label}, 100k clients (dispatcher)`, s, 10, { note: `matches: median ${median}, max ${most}` });
      }
    } finally {
      await core.close();
    }
  },
};
