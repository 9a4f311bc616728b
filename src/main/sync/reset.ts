import fs from 'node:fs';
import { sql } from 'kysely';
import type { CoreConfig } from '../config';
import { createCore } from '../core';
import { kyselyOver, openSqlite, withConnection } from '../db/connection';
import { backupName, backupTo, checkFile } from '../db/backup';
import { secretsFor } from '../mail';
import { systemClock } from '../clock';
import { SYNC_DESK } from './index';
import { openReplica } from './replica';
import { readShapes } from './replica/tables';
import { keyContext, loadDevice, SCHEMA_VERSION } from './engine/device';
import { createHubClient, type HubClient } from './engine/hubClient';

export class ResetRefused extends Error {
  constructor(
    readonly reason: 'running' | 'not_registered' | 'unpushed' | 'dangling',
    message: string,
  ) {
    super(message);
    this.name = 'ResetRefused';
  }
}

export interface ResetReport {
  backup: string;
  /** Cells of the hub written into the rebuilt file. */
  cells: number;
  /** The previous file, kept beside the new one. */
  before: string;
}

/**
 * Rebuilds a data folder's file from its hub, with Planora closed on it (the file is swapped at the end):
 * 1. a core on the file runs a sync round: what this computer changed and did not push yet goes to the hub first —
 *    a reset must lose nothing, so a round that does not reach the hub, or leaves a change unpushed, stops here;
 * 2. a backup into the backups folder, by the usual machinery;
 * 3. a copy of the file (its local settings, users' sessions, this computer's device key and installation id stay),
 *    its synced rows, their stamps, change records and waiting cells removed, then filled with the hub's current
 *    cells (including this device's own, which a pull never returns) through the replica's apply;
 * 4. references checked, the copy checked, then swapped in; the old file is kept as `planora.db.before-reset`.
 * The cursor stays where the round left it: every cell up to it is in what the hub gave, and later ones come again
 * at the next round, which the merge takes as already there. The reset the hub asked for is reported at that round.
 */
export async function resetFromHub(config: CoreConfig, opts: { clientFor?: (url: string) => HubClient } = {}): Promise<ResetReport> {
  const clientFor = opts.clientFor ?? ((url: string) => createHubClient(url));
  const clock = config.clock ?? systemClock;
  const holder = runningElsewhere(config.dbFile);
  if (holder !== null) throw new ResetRefused('running', `Planora is running on this data folder (process ${holder}): close it first; nothing was reset.`);
  const fresh = `${config.dbFile}.rebuilding`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(fresh + suffix, { force: true });

  let backup: string;
  const core = await createCore({ ...config, jobs: false });
  try {
    const desk = core.services.get(SYNC_DESK);
    const dev = await loadDevice(core.db);
    if (!dev?.device_key_enc || !dev.hub_url || !dev.org_id) throw new ResetRefused('not_registered', 'This data folder is not registered with a hub (Sync settings).');
    await desk.engine.syncNow();
    const after = await loadDevice(core.db);
    const unpushed = await openReplica(core.db, { now: () => clock.now(), emit: () => undefined }).pending(dev.org_id, after!.pushed_seq);
    const problem = desk.engine.view().problem;
    const reached = desk.engine.view().state === 'idle' || problem?.key === 'errors.sync_reset_pending';
    if (!reached || unpushed > 0) {
      throw new ResetRefused('unpushed', `The hub at ${dev.hub_url} did not take this computer's changes (${problem?.key ?? `${unpushed} waiting`}): nothing was reset.`);
    }
    await desk.engine.stop();
    backup = await withConnection(core.db, () => backupTo(core.sqlite, config.backupDir, backupName(clock, 'before-reset'), config.backupKeep));
    await withConnection(core.db, () => core.sqlite.backup(fresh));
  } finally {
    await core.close();
  }

  const sqlite = openSqlite(fresh);
  const db = kyselyOver(sqlite);
  let cells = 0;
  try {
    const dev = (await loadDevice(db))!;
    const orgId = dev.org_id!;
    const key = secretsFor(config).decrypt(dev.device_key_enc!, keyContext(dev.installation_id));
    const shapes = await readShapes(db);
    // Rows come back page by page under the same ids: references to them hold again once all are in (checked below).
    sqlite.pragma('foreign_keys = OFF');
    await db.transaction().execute(async (trx) => {
      for (const [table, shape] of shapes) await sql`delete from ${sql.table(table)} where ${sql.ref(shape.orgColumn)} = ${orgId}`.execute(trx);
      for (const t of ['sync_cell', 'sync_inbox'] as const) await sql`delete from ${sql.table(t)}`.execute(trx);
      await sql`delete from change_log where org_id = ${orgId}`.execute(trx);
      await trx
        .updateTable('sync_device')
        .set({ pushed_seq: 0, settled_seq: 0, full_push: 0, reset_requested_at: null, reset_done_at: dev.reset_requested_at, problem_key: null, problem_params: null })
        .where('id', '=', 1)
        .execute();
    });
    const replica = openReplica(db, { now: () => clock.now(), emit: () => undefined });
    const hub = clientFor(dev.hub_url!);
    let after: [string, string, string] | null = null;
    do {
      const page = await hub.cells(key, { schemaVersion: SCHEMA_VERSION, after, limit: 2000 });
      await replica.apply(orgId, page.cells, { pendingAfterSeq: Number.MAX_SAFE_INTEGER });
      cells += page.cells.length;
      after = page.next;
    } while (after);
    const dangling = sqlite.pragma('foreign_key_check') as unknown[];
    if (dangling.length) throw new ResetRefused('dangling', `The hub's rows refer to ${dangling.length} row(s) it does not hold: nothing was reset.`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    await db.destroy();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(fresh + suffix, { force: true });
    throw e;
  }
  await db.destroy();
  const problem = checkFile(fresh, true);
  if (problem) throw new Error(`the rebuilt file failed its check: ${problem}`);

  const before = `${config.dbFile}.before-reset`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(before + suffix, { force: true });
  fs.renameSync(config.dbFile, before);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(config.dbFile + suffix)) fs.renameSync(config.dbFile + suffix, before + suffix);
  fs.renameSync(fresh, config.dbFile);
  return { backup, cells, before };
}

/** The process that has this file open, by the mark a running core leaves beside it; null when none is alive. */
function runningElsewhere(dbFile: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(`${dbFile}.running`, 'utf8'));
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: alive, another user's; ESRCH: a run that ended without closing (the core checks the file at open).
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Whether the hub asked this file to be rebuilt (read without migrating: a file of an older build has no such column). */
export function resetAsked(dbFile: string): boolean {
  if (!fs.existsSync(dbFile)) return false;
  let sqlite: ReturnType<typeof openSqlite> | null = null;
  try {
    sqlite = openSqlite(dbFile, { readonly: true });
    const has = (sqlite.prepare(`select 1 from pragma_table_info('sync_device') where name = 'reset_requested_at'`).get() as unknown) !== undefined;
    return has && (sqlite.prepare('select reset_requested_at as r from sync_device where id = 1').get() as { r: number | null } | undefined)?.r != null;
  } catch {
    // A file that cannot be read (damaged) is not rebuilt here: opening it next says what is wrong and what to do.
    return false;
  } finally {
    sqlite?.close();
  }
}

/**
 * At start, before the core opens the file: the reset the hub asked for at the last sync. A reset that cannot run
 * now (the hub away) leaves the file as it was; the status keeps saying it waits, and the next start tries again.
 */
export async function resetIfAsked(config: CoreConfig): Promise<ResetReport | null> {
  if (!resetAsked(config.dbFile)) return null;
  const log = config.log ?? (() => undefined);
  try {
    const report = await resetFromHub(config);
    log(`sync: rebuilt from the hub as it asked (${report.cells} cells; backup ${report.backup}; previous file ${report.before})`);
    return report;
  } catch (e) {
    log('sync: the reset the hub asked for did not run; the file is as it was', e);
    return null;
  }
}
