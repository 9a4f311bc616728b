import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { personInput, startTestApp, tempDir, type TestApp } from '../../testing/harness';
import { runHubCli } from '../../../hub/testing/process';
import { SYNC_DESK } from '../index';
import { compareWithHub } from './check';
import { keyContext, loadDevice } from './device';
import { createHubClient } from './hubClient';
import { secretsFor } from '../../mail';
import { useDesks } from './deskTesting';
import type { HubStorage } from '../../../hub/db/open';
import { openSqlite } from '../../db/connection';

/**
 * The repair commands as an operator runs them, each its own process: `npm run hub -- device reset ID` on the hub's
 * database, the device told at its next sync, `planora sync reset` at the branch (refused, changing nothing, while the
 * hub is away; then the rebuild), and `npm run hub -- rebuild` on a new empty hub database.
 */
const { hubFor, headOffice, branchJoins, opened } = useDesks();
const run = promisify(execFile);

async function planora(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', ...args]);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A client's name as the folder's file holds it, read without a core. */
function nameIn(dir: string, id: string): string {
  const sqlite = openSqlite(path.join(dir, 'planora.db'), { readonly: true });
  try {
    return (sqlite.prepare('select name from client where id = ?').get(id) as { name: string }).name;
  } finally {
    sqlite.close();
  }
}

function sqliteFile(s: HubStorage): string {
  if (!('sqlite' in s)) throw new Error('this test runs the hub on SQLite');
  return s.sqlite;
}

describe('repair commands', () => {
  it('device reset on the hub, then planora sync reset at the branch: nothing changes while the hub is away, then the file is the hub\'s', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const { client } = await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'));
    await a.app.core.services.get(SYNC_DESK).engine.syncNow();
    const b = await branchJoins(hub, a.orgId);
    const dev = (await loadDevice(b.app.core.db))!;

    expect((await runHubCli(['device', 'reset', 'no-such-device', '--sqlite', sqliteFile(hub.storage)])).code).toBe(2);
    const asked = await runHubCli(['device', 'reset', dev.device_id!, '--sqlite', sqliteFile(hub.storage)]);
    expect(asked).toMatchObject({ code: 0 });
    expect(asked.stdout).toContain(`reset asked of ${dev.device_id}`);
    expect((await runHubCli(['device', 'list', '--sqlite', sqliteFile(hub.storage)])).stdout).toMatch(new RegExp(`${dev.device_id}.*RESET ASKED`));

    b.app.core.sqlite.prepare('update client set name = ? where id = ?').run('Anna (damaged)', client.id);
    await b.app.core.services.get(SYNC_DESK).engine.syncNow();
    expect(b.app.core.services.get(SYNC_DESK).engine.view().problem).toEqual({ key: 'errors.sync_reset_pending' });
    // Planora still has the folder open (this test's process): the command leaves it alone.
    const busy = await planora(['sync', 'reset', '--data', b.app.dir]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`Planora is running on this data folder (process ${process.pid})`);
    await b.app.close();

    await hub.stop();
    const away = await planora(['sync', 'reset', '--data', b.app.dir]);
    expect(away.code).toBe(2);
    expect(away.stderr).toContain('nothing was reset');
    expect(nameIn(b.app.dir, client.id)).toBe('Anna (damaged)');
    expect(fs.existsSync(path.join(b.app.dir, 'planora.db.rebuilding'))).toBe(false);

    await hub.start();
    const done = await planora(['sync', 'reset', '--data', b.app.dir]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Rebuilt .* from the hub: \d+ cells/);
    expect(nameIn(b.app.dir, client.id)).toBe('Anna Liepiņa');
    expect(fs.readdirSync(path.join(b.app.dir, 'backups')).some((f) => f.endsWith('-before-reset.db'))).toBe(true);
    expect(fs.existsSync(path.join(b.app.dir, 'planora.db.before-reset'))).toBe(true);

    const again: TestApp = await startTestApp({ clock: systemClock }, b.app.dir);
    opened[opened.indexOf(b.app)] = again;
    expect((await again.core.db.selectFrom('client').select('name').where('id', '=', client.id).executeTakeFirstOrThrow()).name).toBe('Anna Liepiņa');
    const row = (await loadDevice(again.core.db))!;
    const key = secretsFor(again.core.config).decrypt(row.device_key_enc!, keyContext(row.installation_id));
    expect(await compareWithHub(again.core.db, createHubClient(hub.url), key, row.org_id!)).toEqual([]);
    await again.core.services.get(SYNC_DESK).engine.syncNow();
    expect(again.core.services.get(SYNC_DESK).engine.view().state).toBe('idle');
    // Five processes of the app and the hub, each starting its own TypeScript loader.
  }, 240_000);

  it('rebuild on a new hub database: one code per branch, refused for an organization the hub holds', async () => {
    const file = path.join(tempDir('planora-hub-'), 'hub.db');
    const orgId = randomUUID();
    const made = await runHubCli(['rebuild', '--org', orgId, '--name', 'Remonts SIA', '--branch', 'riga', '--branch', 'yerevan', '--sqlite', file]);
    expect(made.code).toBe(0);
    const lines = made.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(lines.map((l) => l[0])).toEqual(['riga', 'yerevan']);
    expect(new Set(lines.map((l) => l[1])).size).toBe(2);
    const twice = await runHubCli(['rebuild', '--org', orgId, '--name', 'Remonts SIA', '--sqlite', file]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already on this hub');
    expect((await runHubCli(['rebuild', '--name', 'No org', '--sqlite', file])).code).toBe(2);
  });
});
