/**
 * Child process of the series test: takes document numbers from one series in the database file given, the way a
 * document validation would (BEGIN IMMEDIATE, number taken, work, commit), rolling back every `rollbackEvery`-th
 * validation after it took its number. Waits for `go` on stdin so two children start together.
 *
 *   node --import tsx src/main/testing/children/series-taker.ts <dbFile> <userId> <seriesId> <count> <rollbackEvery>
 *
 * Prints `ready`, then `start <ms>`, `commit <n>` / `rollback <n>` per validation (after it ended), then `done <ms>`.
 */
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { Services } from '../../api/services';
import { SessionStore, loadSessionUser } from '../../auth/sessions';
import { systemClock } from '../../clock';
import { defaultConfig } from '../../config';
import { kyselyOver, openSqlite } from '../../db/connection';
import { takeNumber } from '../../modules/series/service';
import { inWriteTransaction } from '../transactions';

const [dbFile, userId, seriesId, countArg, everyArg] = process.argv.slice(2);
if (!dbFile || !userId || !seriesId || !countArg || !everyArg) throw new Error('usage: series-taker.ts <dbFile> <userId> <seriesId> <count> <rollbackEvery>');
const count = Number(countArg);
const rollbackEvery = Number(everyArg);

class RolledBack extends Error {}

const sqlite = openSqlite(dbFile);
const db = kyselyOver(sqlite);
const config = defaultConfig(path.dirname(dbFile), { dbFile, jobs: false });
const deps = { db, clock: systemClock, config, sessions: new SessionStore(db, systemClock, config.sessionIdleMs), services: new Services() };
const user = await loadSessionUser(db, userId);
if (!user) throw new Error(`no user ${userId}`);

process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (l) => {
    if (l.trim() === 'go') {
      rl.close();
      // Nothing more to read: let the process end when the work is done.
      process.stdin.destroy();
      resolve();
    }
  });
});

process.stdout.write(`start ${Date.now()}\n`);
const numberOf = (doc: string) => Number(doc.replace(/^\D+/, ''));
for (let i = 1; i <= count; i++) {
  let taken = '';
  try {
    await inWriteTransaction(deps, user, async (ctx) => {
      taken = await takeNumber(ctx, seriesId);
      // The rest of a validation: the write lock stays held meanwhile, so the other process must wait.
      await sleep(i % 3);
      if (i % rollbackEvery === 0) throw new RolledBack();
    });
    process.stdout.write(`commit ${numberOf(taken)}\n`);
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
    process.stdout.write(`rollback ${numberOf(taken)}\n`);
  }
}
await db.destroy();
process.stdout.write(`done ${Date.now()}\n`);
