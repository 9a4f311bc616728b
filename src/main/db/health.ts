import type { Sqlite } from './connection';

/** For monitors: throws unless the database file answers a read. Reads no table, so it says nothing about the data. */
export function databaseAnswers(sqlite: Sqlite): void {
  sqlite.prepare('select 1').get();
}
