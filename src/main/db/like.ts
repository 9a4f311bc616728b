import { sql, type Expression, type SqlBool } from 'kysely';
import { foldKey } from '../../shared/rules/text';

/** `%`, `_` and the escape character itself are literal in a LIKE pattern built from user text. */
export function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Name matches when the folded search starts the name or any word of it; code matches by prefix, case aside.
 * The whole-name prefix is a range on name_key, so the (org, kind, name_key) index does the work in the common case.
 * `table` qualifies the columns when the query joins another table that has a name_key.
 */
export function searchFilter(search: string | undefined, table: string): Expression<SqlBool> | null {
  const key = search ? foldKey(search) : '';
  const code = search?.trim() ?? '';
  if (!key && !code) return null;
  const nameKey = sql.ref(`${table}.name_key`);
  const ors: Expression<SqlBool>[] = [];
  if (key) {
    ors.push(sql<SqlBool>`(${nameKey} >= ${key} and ${nameKey} < ${`${key}\uffff`})`);
    ors.push(sql<SqlBool>`${nameKey} like ${`% ${likeLiteral(key)}%`} escape '\\'`);
  }
  if (code) ors.push(sql<SqlBool>`lower(${sql.ref(`${table}.code`)}) like ${`${likeLiteral(code.toLowerCase())}%`} escape '\\'`);
  return sql<SqlBool>`(${sql.join(ors, sql` or `)})`;
}
