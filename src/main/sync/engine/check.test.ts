import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { personInput } from '../../testing/harness';
import { SYNC_DESK } from '../index';
import { useDesks } from './deskTesting';

/**
 * `planora sync check` as an operator runs it: its own process on a desktop's data folder (beside the running core),
 * against a real hub over HTTP; it lists each cell where the device and the hub differ, and exits 1 when any do.
 */
const { hubFor, headOffice, branchJoins } = useDesks();
const run = promisify(execFile);

async function check(dataDir: string): Promise<{ code: number; lines: string[][]; summary: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'sync', 'check', '--data', dataDir]);
    return { code: 0, lines: [], summary: r.stderr.trim() };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, lines: err.stdout.trim().split('\n').filter(Boolean).map((l) => l.split('\t')), summary: err.stderr.trim() };
  }
}

describe('planora sync check', () => {
  it('finds nothing after both synced; then names a cell changed here behind the sync and a row the hub never got', async () => {
    const hub = await hubFor();
    const a = await headOffice(hub);
    const { client } = await a.app.call(a.owner, 'clients.create', personInput('Anna Liepiņa'));
    await a.app.call(a.owner, 'sync.now', {});
    const b = await branchJoins(hub, a.orgId);
    await a.app.call(a.owner, 'sync.now', {});

    const clean = await check(b.app.dir);
    expect(clean).toMatchObject({ code: 0, lines: [] });
    expect(clean.summary).toContain('0 difference(s)');

    // A repair case: the file changed under the sync (a restored backup, a hand edit), and a row made but not pushed.
    b.app.core.sqlite.prepare('update client set name = ? where id = ?').run('Anna (edited by hand)', client.id);
    // Its engine stopped, so the new row stays here (a round would push it within a second).
    await b.app.core.services.get(SYNC_DESK).engine.stop();
    const made = await b.app.call(b.owner, 'clients.create', personInput('Jānis Bērziņš'));
    const found = await check(b.app.dir);
    expect(found.code).toBe(1);
    expect(found.lines).toContainEqual(['client', client.id, 'name', '"Anna (edited by hand)"', '"Anna Liepiņa"']);
    expect(found.lines).toContainEqual(['client', made.client.id, '*', '"present"', '(no row)']);
    // The head office, untouched, still agrees with the hub.
    expect((await check(a.app.dir)).code).toBe(0);
  });
});
