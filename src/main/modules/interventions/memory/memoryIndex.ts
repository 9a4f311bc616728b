import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { SessionUser } from '../../../../shared/api/auth';
import type { GridScope, GroupLevel, SortField } from '../../../../shared/api/interventions';
import { ftsQuery } from '../../../db/fts';
import { INDEXED_COLUMNS, InterventionColumns, type IndexedRow } from './columns';
import { isLabelSort, SortOrder } from './ordering';
import { LabelKeys } from './labels';
import { Lru } from '../../../grid/memory/lru';
import { MemoryIndex } from '../../../grid/memory/memoryIndex';
import { newestMatches, type NewestStatements } from './newestSearch';
import { planFor, type Plan, type SearchHits } from './plan';
import { compileScans } from './compiled';
import { countRows, groupRows, OrderedResult, type RawGroup } from './queries';

/** Ordered results kept (each until the next change): a few grids and their scrolling. */
const CACHED_RESULTS = 8;
const CACHED_SEARCHES = 4;
/** The newest-first search shortcut serves pages down to this depth, reading at most this many FTS rowids. */
const NEWEST_MAX = 1_000;
const NEWEST_READ = 20_000;

/** A document number as typed: optional series letters, then digits ("RIX-000123", "rix123", "123"). */
const NUMBER_TYPED = /^(\p{L}*)[\s\-/.]*(\d{1,15})$/u;

/** Whose rows, which scope, in which order: one kept ordered result each. */
function resultKey(user: SessionUser, scope: GridScope, sort: SortField, desc: boolean): string {
  return JSON.stringify([user.orgId, user.role, user.branchIds, scope, sort, desc]);
}

/**
 * The interventions grid's filters, sorts, counts and groups answered from memory (see columns.ts); SQL then reads
 * only the page's rows by rowid. Loaded in slices after start; until then `ready` is false and the grid asks SQL.
 * Every change goes through the service's funnel, which hands the committed row to `apply`.
 */
export class InterventionIndex extends MemoryIndex<IndexedRow, InterventionColumns, SortField, SortOrder> {
  private readonly results = this.keep<OrderedResult>(CACHED_RESULTS);
  private readonly searches = this.keep<SearchHits>(CACHED_SEARCHES);
  private ftsRowids: Database.Statement | null = null;
  private newest: NewestStatements | null = null;
  /** Keyed by the dictionary's size: a mask stays right for the codes it covers. */
  private readonly addressMasks = new Lru<Uint8Array>(CACHED_SEARCHES);
  private readonly labels = new LabelKeys();

  constructor() {
    // The grid's default sort, ready before the first page is asked for.
    super({ table: 'intervention', fields: INDEXED_COLUMNS, defaultSort: 'docDate' });
  }

  protected newColumns(): InterventionColumns {
    return new InterventionColumns();
  }

  protected newOrder(field: SortField): SortOrder {
    return new SortOrder(this.cols, field, this.labels.keyOf);
  }

  protected override beforeLoad(sqlite: Database.Database): void {
    this.ftsRowids = sqlite.prepare('select rowid from intervention_search where intervention_search match ?').pluck();
    const newest = 'select rowid from intervention_search where intervention_search match ? order by rowid desc';
    this.newest = {
      newest: sqlite.prepare(newest).pluck(),
      newestBeside: sqlite.prepare(newest).pluck(),
      searchedText: sqlite.prepare('select number, provisional_number, client_name, client_phone, notes from intervention where rowid = ?'),
    };
  }

  /** Takes columns read back from a snapshot (and caught up) instead of reading the table. */
  adopt(cols: InterventionColumns, sqlite: Database.Database): void {
    this.beforeLoad(sqlite);
    this.adoptColumns(cols);
  }

  override async reload(db: Kysely<DB>, sqlite: Database.Database): Promise<void> {
    this.labels.clear();
    await super.reload(db, sqlite);
  }

  private plan(user: SessionUser, scope: GridScope, depth: number, search: SearchHits | null): Plan {
    return planFor(this.cols, user, scope, depth, search, (text) => this.addressMask(text));
  }

  private addressMask(text: string): Uint8Array {
    const dict = this.cols.addresses;
    const key = `${dict.size}\u0000${text}`;
    let mask = this.addressMasks.get(key);
    if (!mask) {
      mask = new Uint8Array(dict.size);
      dict.values.forEach((v, code) => void (v != null && v.includes(text) && (mask![code] = 1)));
      this.addressMasks.set(key, mask);
    }
    return mask;
  }

  /** Rowids of one grid page, in the grid's order; the result found so far is kept for the next page of the same scope. */
  private page(user: SessionUser, scope: GridScope, search: SearchHits | null, sort: SortField, desc: boolean, offset: number, limit: number): number[] {
    return Array.from(this.result(user, scope, search, sort, desc).page(offset, limit));
  }

  /** The count, found by putting every row of the scope in order: the pages that follow are then slices. */
  private countOrdered(user: SessionUser, scope: GridScope, search: SearchHits | null, sort: SortField, desc: boolean): number {
    return this.result(user, scope, search, sort, desc).total();
  }

  /**
   * What a grid call asks, search included: a page's rowids (from the rows its count or an earlier page already put
   * in order, else the newest-first search, else a walk of the order), a count, or groups.
   */
  async pageOf(db: Kysely<DB>, user: SessionUser, scope: GridScope, sort: SortField, desc: boolean, offset: number, limit: number): Promise<number[]> {
    await this.currentLabels(db, sort);
    const kept = this.results.get(resultKey(user, scope, sort, desc));
    if (kept) return Array.from(kept.page(offset, limit));
    const newest = scope.filters.search ? this.newestMatches(user, scope, sort, desc, offset, limit) : null;
    return newest ?? this.page(user, scope, await this.searchOf(db, scope), sort, desc, offset, limit);
  }

  async countOf(db: Kysely<DB>, user: SessionUser, scope: GridScope, order?: { sort: SortField; desc: boolean }): Promise<number> {
    if (order) await this.currentLabels(db, order.sort);
    const search = await this.searchOf(db, scope);
    return order ? this.countOrdered(user, scope, search, order.sort, order.desc) : this.count(user, scope, search);
  }

  async groupsOf(db: Kysely<DB>, user: SessionUser, scope: GridScope, level: GroupLevel): Promise<RawGroup[]> {
    return this.groups(user, scope, level, await this.searchOf(db, scope));
  }

  /** Before a sort by a label from another table: its names current, and the orders built on older names dropped. */
  private async currentLabels(db: Kysely<DB>, sort: SortField): Promise<void> {
    if (isLabelSort(sort) && (await this.labels.refresh(db, sort))) this.forgetLabels();
  }

  /** Orders by label (built on names since changed) and every result kept from them. */
  private forgetLabels(): void {
    this.dropOrders(isLabelSort);
    this.results.clear();
  }

  private searchOf(db: Kysely<DB>, scope: GridScope): Promise<SearchHits | null> {
    return scope.filters.search ? this.searchFlags(db, scope.filters.search) : Promise.resolve(null);
  }

  private result(user: SessionUser, scope: GridScope, search: SearchHits | null, sort: SortField, desc: boolean): OrderedResult {
    const key = resultKey(user, scope, sort, desc);
    let result = this.results.get(key);
    if (!result) {
      result = new OrderedResult(this.plan(user, scope, scope.groupPath?.length ?? 0, search), this.order(sort), desc);
      this.results.set(key, result);
    }
    return result;
  }

  private count(user: SessionUser, scope: GridScope, search: SearchHits | null): number {
    return countRows(this.cols, this.plan(user, scope, scope.groupPath?.length ?? 0, search));
  }

  /** Groups at the level under the scope's group path. */
  private groups(user: SessionUser, scope: GridScope, level: GroupLevel, search: SearchHits | null): RawGroup[] {
    return groupRows(this.cols, this.plan(user, scope, scope.groupPath?.length ?? 0, search), level);
  }

  /**
   * The quick search's rows as one flag per rowid: word prefixes from FTS (number, client, phone, notes), and a
   * typed document number by its value ("123" finds RIX-000123), which FTS's word prefixes cannot.
   */
  private async searchFlags(db: Kysely<DB>, search: string): Promise<SearchHits | null> {
    const text = search.trim();
    const fts = ftsQuery(text);
    if (!fts) return null;
    const key = `${this.version}\u0000${text}`;
    const cached = this.searches.get(key);
    if (cached) return cached;
    const flags = new Uint8Array(this.cols.capacity);
    const found: number[] = [];
    const flag = (r: number) => {
      if (r < flags.length && flags[r] !== 1 && this.cols.live[r] === 1) {
        flags[r] = 1;
        found.push(r);
      }
    };
    const typed = NUMBER_TYPED.exec(text);
    if (typed) this.numbered(typed[1]!.toUpperCase(), Number(typed[2]), flag);
    // Series letters and digits that name a document: that document, not every word starting so.
    if (!(found.length && typed![1])) {
      // The same connection the caller's transaction holds; plucked rowids, not row objects (150,000 of them for a common word).
      const rowids = this.ftsRowids ? (this.ftsRowids.all(fts) as number[]) : (await sql<{ rowid: number }>`select rowid from intervention_search where intervention_search match ${fts}`.execute(db)).rows.map((r) => r.rowid);
      for (const r of rowids) flag(r);
    }
    const hits = { flags, rows: Uint32Array.from(found).sort() };
    this.searches.set(key, hits);
    return hits;
  }

  /**
   * The first page of a quick search in the grid's default order (newest document date first) without reading
   * every match: FTS hands rowids newest first, and once the page's last row is later than any day a lower rowid
   * holds (`latestUpTo`), nothing left can enter it. A word in 150,000 documents costs a few hundred rowids
   * instead of all of them. Null when this does not apply or does not finish within its budget; the caller then
   * takes the whole set.
   */
  newestMatches(user: SessionUser, scope: GridScope, sort: SortField, desc: boolean, offset: number, limit: number): number[] | null {
    const text = scope.filters.search?.trim() ?? '';
    const fts = ftsQuery(text);
    const need = offset + limit;
    if (!fts || !this.newest || sort !== 'docDate' || !desc || need > NEWEST_MAX || NUMBER_TYPED.test(text)) return null;
    const plan = this.plan(user, { ...scope, filters: { ...scope.filters, search: undefined } }, scope.groupPath?.length ?? 0, null);
    if (plan.none) return [];
    return newestMatches(this.cols, compileScans(plan), fts, text, need, NEWEST_READ, this.newest)?.slice(offset, need) ?? null;
  }

  /** Live documents numbered `value` in a series whose letters start with `letters` (all series when none are typed). */
  private numbered(letters: string, value: number, hit: (rowid: number) => void): void {
    // Digits beyond every number given so far (a phone fragment, most often) cannot name a document.
    if (value > this.cols.maxNumber) return;
    const prefixes = this.cols.prefixes.values;
    const ok = new Uint8Array(prefixes.length);
    prefixes.forEach((p, code) => void (p != null && p.replace(/[^\p{L}]/gu, '').toUpperCase().startsWith(letters) && (ok[code] = 1)));
    const { numPrefix } = this.cols.code;
    const values = this.cols.numValue;
    for (let s = 0; s < this.cols.capacity; s++) if (values[s] === value && ok[numPrefix[s]!] === 1) hit(s);
  }

}
