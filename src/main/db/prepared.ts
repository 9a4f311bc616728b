import type { Compilable } from 'kysely';
import type { Statement } from 'better-sqlite3';
import { sqliteUnder, type Db, type Sqlite } from './connection';

/** Statements kept per connection: a hot read has a few shapes (its optional filters), not hundreds. */
const MAX_STATEMENTS = 64;
const cache = new WeakMap<Sqlite, Map<string, Statement>>();

function statementOf(raw: Sqlite, text: string): Statement {
  let byText = cache.get(raw);
  if (!byText) cache.set(raw, (byText = new Map()));
  let stmt = byText.get(text);
  if (!stmt) {
    // The oldest shape gives way (a Map keeps insertion order).
    if (byText.size >= MAX_STATEMENTS) byText.delete(byText.keys().next().value!);
    stmt = raw.prepare(text).raw(true);
    byText.set(text, stmt);
  }
  return stmt;
}

/**
 * A query's rows as arrays, in its select order, on a statement prepared once per connection. For hot reads of
 * thousands of rows (a branch's week): preparing on every call and building an object per row in the driver took
 * as long as the query itself. A connection Kysely lends inside a transaction has no statement of its own here:
 * the same rows then come through Kysely.
 */
export async function arrayRows(db: Db, query: Compilable): Promise<unknown[][]> {
  const compiled = query.compile();
  const raw = sqliteUnder(db);
  if (raw) return statementOf(raw, compiled.sql).all(...compiled.parameters) as unknown[][];
  return (await db.executeQuery<Record<string, unknown>>(compiled)).rows.map((r) => Object.values(r));
}
