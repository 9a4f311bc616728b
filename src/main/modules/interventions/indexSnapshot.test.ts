import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config';
import { createCore, type Core } from '../../core';
import { setupOrg, startTestApp, tempDir } from '../../testing/harness';
import { spawnTs } from '../../testing/processes';
import type { SessionUser } from '../../../shared/api/auth';
import type { GridScope, SortField } from '../../../shared/api/interventions';
import { INTERVENTION_INDEX } from './gridIndex';
import { loadSnapshot, snapshotFile } from './indexSnapshot';
import { InterventionIndex } from './memory/memoryIndex';
import { readSnapshotImage } from './memory/snapshot';
import { memoryGridSource } from './memorySource';
import { sqlGridSource } from './sqlSource';

/**
 * The memory index starts from its snapshot beside the database and catches up from the change record: a save
 * acknowledged after the snapshot is never lost, even when the process is killed, and a damaged snapshot is
 * never trusted.
 */

const SCOPES: GridScope[] = [{ filters: {} }, { filters: { search: 'katls' } }, { filters: {}, groupBy: [{ field: 'priority' }] }];
const SORTS: SortField[] = ['docDate', 'locality', 'type', 'notes'];

/** The memory index answers as SQL does: counts, a page in several orders, groups. */
async function sameAsSql(core: Core, user: SessionUser): Promise<void> {
  const index = core.services.get(INTERVENTION_INDEX);
  expect(index.ready).toBe(true);
  const mem = memoryGridSource(index, core.db, user);
  const sql = sqlGridSource(core.db, user);
  for (const scope of SCOPES) {
    expect(await mem.count(scope)).toBe(await sql.count(scope));
    expect(await mem.groups(scope)).toEqual(await sql.groups(scope));
    for (const sort of SORTS) expect((await mem.page(scope, { sort, desc: true }, 0, 500)).map((r) => r.id)).toEqual((await sql.page(scope, { sort, desc: true }, 0, 500)).map((r) => r.id));
  }
}

const logged: string[] = [];
const log = (m: string) => void logged.push(m);
afterAll(() => void logged.splice(0));

describe('the interventions index snapshot', () => {
  it('is written at a clean close, read at the next start, caught up with saves since, and refused when damaged', async () => {
    const dir = tempDir();
    const app = await startTestApp({ log }, dir);
    const owner = await setupOrg(app);
    const [riga] = await app.call(owner, 'branches.list', {});
    const client = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Ozola Anna', phones: [], emails: [], addresses: [{ street: 'Ausekļa 5', locality: 'Ādaži', country: 'LV' }], contacts: [] })).client;
    for (let i = 0; i < 30; i++) await app.call(owner, 'interventions.create', { branchId: riga!.id, clientId: client.id, priority: (['low', 'medium', 'high'] as const)[i % 3]!, docDate: '2026-11-20', notes: i % 2 ? `Katls ${i}` : null });
    await app.close();
    const file = snapshotFile(`${dir}/planora.db`);
    expect(fs.existsSync(file)).toBe(true);

    // Started again: from the snapshot, nothing to catch up.
    logged.length = 0;
    const again = await startTestApp({ log }, dir);
    await again.core.ready;
    expect(logged.some((m) => /from its snapshot, 0 caught up/.test(m))).toBe(true);
    const token = await again.login('owner', 'owner-pass-1');
    const user = (await again.call(token, 'auth.me', {}))!;
    await sameAsSql(again.core, user);
    // Saves after the snapshot was written; then the snapshot is put back as it was, as after a crash.
    const old = fs.readFileSync(file);
    const added = await again.call(token, 'interventions.create', { branchId: riga!.id, clientId: client.id, priority: 'high', docDate: '2026-11-21', notes: 'Katls jauns' });
    const first = await again.call(token, 'interventions.list', { scope: { filters: {} }, sort: 'docDate', desc: false, offset: 0, limit: 1 });
    const d = await again.call(token, 'interventions.get', { id: first.rows[0]!.id });
    const changed = await again.call(token, 'interventions.update', { id: d.id, version: d.version, branchId: d.branchId, clientId: d.clientId, priority: 'low', docDate: d.docDate, notes: 'Katls mainīts' });
    await again.close();
    fs.writeFileSync(file, old);

    logged.length = 0;
    const third = await startTestApp({ log }, dir);
    await third.core.ready;
    expect(logged.some((m) => /from its snapshot, [12] caught up/.test(m))).toBe(true);
    await sameAsSql(third.core, user);
    const found = await third.call(token, 'interventions.list', { scope: { filters: { search: 'jauns' } }, offset: 0, limit: 10 });
    expect(found.rows.map((r) => r.id)).toEqual([added.id]);
    const edited = await third.call(token, 'interventions.list', { scope: { filters: { search: 'mainīts' } }, offset: 0, limit: 10 });
    expect(edited.rows.map((r) => [r.id, r.priority])).toEqual([[changed.id, 'low']]);
    await third.close();

    // Damaged: one byte changed in the middle. The table is read instead, and the answers are still right.
    const image = fs.readFileSync(file);
    image[image.length >> 1] = image[image.length >> 1]! ^ 0xff;
    fs.writeFileSync(file, image);
    logged.length = 0;
    const fourth = await startTestApp({ log }, dir);
    await fourth.core.ready;
    expect(logged.some((m) => /read from the table/.test(m))).toBe(true);
    await sameAsSql(fourth.core, user);
    await fourth.close();
  }, 60_000);

  it('leaves a snapshot of an empty index for the table once the database has a history, rather than replaying it all', async () => {
    const dir = tempDir();
    const empty = await startTestApp({ log }, dir);
    await empty.core.ready;
    await empty.close();
    const file = snapshotFile(`${dir}/planora.db`);
    const emptyImage = fs.readFileSync(file);

    const app = await startTestApp({ log }, dir);
    const owner = await setupOrg(app);
    const [riga] = await app.call(owner, 'branches.list', {});
    const client = (await app.call(owner, 'clients.create', { kind: 'person', name: 'Bērziņa Līga', phones: [], emails: [], addresses: [], contacts: [] })).client;
    for (let i = 0; i < 5; i++) await app.call(owner, 'interventions.create', { branchId: riga!.id, clientId: client.id, priority: 'medium', docDate: '2026-11-20', notes: `Katls ${i}` });
    await app.close();
    // The snapshot taken before anything was written comes back, as a file copied from a fresh install would.
    fs.writeFileSync(file, emptyImage);

    logged.length = 0;
    const again = await startTestApp({ log }, dir);
    await again.core.ready;
    expect(logged.some((m) => /read from the table/.test(m))).toBe(true);
    expect(logged.some((m) => /caught up/.test(m))).toBe(false);
    const token = await again.login('owner', 'owner-pass-1');
    await sameAsSql(again.core, (await again.call(token, 'auth.me', {}))!);
    await again.close();
  }, 60_000);

  it('catches up a snapshot exactly as far behind as the cutoff allows, and leaves one a change further behind for the table', async () => {
    const dir = tempDir();
    const first = await startTestApp({ log }, dir);
    const owner = await setupOrg(first);
    const [riga] = await first.call(owner, 'branches.list', {});
    const client = (await first.call(owner, 'clients.create', { kind: 'person', name: 'Kalniņš Jānis', phones: [], emails: [], addresses: [], contacts: [] })).client;
    const create = (app: typeof first, token: string, i: number) => app.call(token, 'interventions.create', { branchId: riga!.id, clientId: client.id, priority: 'medium', docDate: '2026-11-20', notes: `Katls ${i}` });
    for (let i = 0; i < 3; i++) await create(first, owner, i);
    await first.close();
    // The snapshot of that close, kept aside; then more saves, so it is that many interventions' changes behind.
    const old = `${dir}/old.grid-index`;
    fs.copyFileSync(snapshotFile(`${dir}/planora.db`), old);
    const app = await startTestApp({ log }, dir);
    await app.core.ready;
    const token = await app.login('owner', 'owner-pass-1');
    for (let i = 3; i < 7; i++) await create(app, token, i);
    const { seq } = readSnapshotImage(fs.readFileSync(old))!.mark;
    const behind = Number(app.core.sqlite.prepare("select count(*) from change_log where seq > ? and table_name = 'intervention'").pluck().get(seq));
    expect(behind).toBeGreaterThanOrEqual(4);

    const tooFar = new InterventionIndex();
    expect(await loadSnapshot(tooFar, app.core.db, app.core.sqlite, old, behind - 1)).toBeNull();
    expect(tooFar.ready).toBe(false);

    const within = new InterventionIndex();
    expect(await loadSnapshot(within, app.core.db, app.core.sqlite, old, behind)).toBe(4);
    expect(within.ready).toBe(true);
    const user = (await app.call(token, 'auth.me', {}))!;
    const sql = sqlGridSource(app.core.db, user);
    for (const sort of SORTS) expect((await memoryGridSource(within, app.core.db, user).page({ filters: {} }, { sort, desc: true }, 0, 100)).map((r) => r.id)).toEqual((await sql.page({ filters: {} }, { sort, desc: true }, 0, 100)).map((r) => r.id));
    await app.close();
  }, 60_000);

  it('keeps every save acknowledged after the snapshot when the process is killed without closing', async () => {
    const dir = tempDir('planora-snapshot-');
    const writer = spawnTs('src/main/testing/children/interventions-writer.ts', [dir]);
    let acked: string[];
    try {
      await writer.waitFor((lines) => lines.filter((l) => l.startsWith('ack ')).length >= 25, 120_000);
      writer.kill('SIGKILL');
      expect((await writer.exited).signal).toBe('SIGKILL');
      acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    } finally {
      writer.kill('SIGKILL');
    }
    expect(writer.lines.some((l) => l.startsWith('snapshot '))).toBe(true);
    const config = defaultConfig(dir, { jobs: false, log });
    expect(fs.existsSync(`${config.dbFile}.running`)).toBe(true);
    logged.length = 0;
    const core = await createCore(config);
    try {
      await core.ready;
      // The index came from the stale snapshot and caught up every save made after it.
      expect(logged.find((m) => /from its snapshot, \d+ caught up/.test(m))).toMatch(new RegExp(`from its snapshot, (${acked.length}|${acked.length + 1}) caught up`));
      const token = (await core.dispatch({ name: 'auth.login', sessionToken: null, input: { login: 'owner', password: 'owner-pass-1' } })).sessionToken!;
      const user = (await core.dispatch({ name: 'auth.me', sessionToken: token, input: {} })).result as { ok: true; data: SessionUser };
      const index = core.services.get(INTERVENTION_INDEX);
      const shown = (await memoryGridSource(index, core.db, user.data).page({ filters: {} }, { sort: 'docDate', desc: true }, 0, 100_000)).map((r) => r.id);
      expect(acked.filter((id) => !shown.includes(id))).toEqual([]);
      await sameAsSql(core, user.data);
    } finally {
      await core.close();
    }
  }, 180_000);
});
