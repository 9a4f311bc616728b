import fs from 'node:fs';
import { migrations } from '../../migrations/index';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { EventBus, type PushEvent } from './api/events';
import { SessionStore } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import type { CoreConfig } from './config';
import { backupName, backupTo, checkFile, checkpointWal } from './db/backup';
import { damageReport, damageText, headerProblem, isDamageError, type DamageReport } from './db/damage';
import { kyselyOver, openSqlite, withConnection, type Db, type Sqlite } from './db/connection';
import { bindWriter } from './sync/replica/cells';
import { ReaderPool } from './db/readers';
import { appliedMigrations, migrateAll, pendingMigrations } from './db/migrate';
import { startJobs, type Jobs } from './jobs/scheduler';
import { app } from './modules';
import { Services } from './api/services';

export interface Core {
  config: CoreConfig;
  clock: Clock;
  db: Db;
  sqlite: Sqlite;
  /** Read-only connections for calls that do not write (exports and reports among them). */
  readers: ReaderPool;
  bus: EventBus;
  sessions: SessionStore;
  /** What the modules made at start, by their typed keys (`modules/<m>/index.ts`). */
  services: Services;
  /** Settles once every module has warmed up (the interventions grid asks SQL until its memory index is read). */
  ready: Promise<void>;
  dispatch: Dispatch;
  backup(reason: string): Promise<string>;
  close(): Promise<void>;
}

/** Marks a running core; found at the next start it means the last run did not close cleanly. */
const RUNNING_MARK = '.running';

export class DatabaseDamagedError extends Error {
  public readonly report: DamageReport;
  constructor(
    public readonly problem: string,
    public readonly file: string,
    config: Pick<CoreConfig, 'dataDir' | 'backupDir'>,
  ) {
    const report = damageReport(problem, file, config.dataDir, config.backupDir);
    super(damageText(report));
    this.name = 'DatabaseDamagedError';
    this.report = report;
  }
}

/**
 * Opens the database, checks it, migrates it (after a backup), registers the handlers and starts the jobs.
 * Plain Node: tests, benchmarks, web mode and the Electron utility process all start here.
 */
export async function createCore(config: CoreConfig): Promise<Core> {
  const clock = config.clock ?? systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const mark = `${config.dbFile}${RUNNING_MARK}`;
  const existed = fs.existsSync(config.dbFile);

  // A full check costs seconds on a large file: run it only when the last run ended without closing.
  if (existed && fs.existsSync(mark)) {
    const problem = checkFile(config.dbFile);
    if (problem) throw new DatabaseDamagedError(problem, config.dbFile, config);
  }
  // Without the mark only the header is read: cheap, and it catches a foreign or cut-off file.
  const headerIssue = existed ? headerProblem(config.dbFile) : null;
  if (headerIssue) throw new DatabaseDamagedError(headerIssue, config.dbFile, config);

  let sqlite: Sqlite;
  try {
    sqlite = openSqlite(config.dbFile);
  } catch (e) {
    if (isDamageError(e)) throw new DatabaseDamagedError(e.message, config.dbFile, config);
    throw e;
  }
  const db = kyselyOver(sqlite);
  // Each write's change record stamps its cells on this connection, with a statement prepared once.
  bindWriter(config, sqlite);
  let jobs: Jobs | undefined;
  let modules: ReturnType<typeof app.start> | undefined;
  try {
    const pending = await pendingMigrations(db, migrations);
    // Holds the connection while it copies, so no transaction of ours is half-way through the pages it reads.
    const backup = (reason: string) => withConnection(db, () => backupTo(sqlite, config.backupDir, backupName(clock, reason), config.backupKeep));
    if (pending.length && existed && (await appliedMigrations(db)).length > 0) await backup('before-migration');
    await migrateAll(db, migrations);
    // Keeps the planner's statistics current for a long-lived connection (SQLite's advice at open).
    sqlite.pragma('optimize = 0x10002');
    fs.writeFileSync(mark, String(process.pid));

    const bus = new EventBus();
    const sessions = new SessionStore(db, clock, config.sessionIdleMs);
    const services = new Services();
    const host = { db, sqlite, clock, config, services, log: config.log, publish: (e: PushEvent) => bus.publish(e), subscribe: (l: (e: PushEvent) => void) => bus.on(l) };
    const started = app.start(host);
    modules = started;
    const readers = new ReaderPool(config.dbFile);
    const dispatch = createDispatcher({ db, clock, config, bus, sessions, services, handlers: app.handlers, readers, log: config.log });
    if (config.jobs) jobs = startJobs({ sqlite, sessions, backup, log: config.log, db }, app.jobs(host));

    let closed = false;
    return {
      config,
      clock,
      db,
      sqlite,
      readers,
      bus,
      sessions,
      services,
      ready: started.ready,
      dispatch,
      backup,
      async close() {
        if (closed) return;
        closed = true;
        jobs?.stop();
        await started.stop();
        // Readers first: a snapshot still open would keep the last checkpoint from emptying the log.
        await readers.close();
        // After the calls still running: a checkpoint inside one's transaction would be refused.
        await withConnection(db, () => {
          sqlite.pragma('optimize');
          checkpointWal(sqlite);
        });
        await db.destroy();
        fs.rmSync(mark, { force: true });
      },
    };
  } catch (e) {
    jobs?.stop();
    await modules?.stop().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    // Damage the header check cannot see (a garbled page) surfaces at the first reads: say the same thing.
    if (isDamageError(e)) throw new DatabaseDamagedError(e.message, config.dbFile, config);
    throw e;
  }
}
