import pg from 'pg';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createDatabase, startPostgres } from './postgres';

describe('the PostgreSQL test harness', () => {
  it('starts a private cluster on 127.0.0.1, makes databases, passes NOTIFY between clients and stops cleanly', async () => {
    const server = await startPostgres();
    const url = await createDatabase(server.url, 'harness_check');
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await a.connect();
    await b.connect();
    const heard = new Promise<string | undefined>((resolve) => a.on('notification', (n) => resolve(n.payload)));
    await a.query('listen hub_test');
    await b.query("notify hub_test, 'org-1'");
    expect(await heard).toBe('org-1');
    const { rows } = await a.query<{ v: string }>("select current_setting('server_version_num') as v");
    expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
    await a.end();
    await b.end();
    const port = Number(new URL(server.url).port);
    const dataDirs = fs.readdirSync(process.env.TMPDIR ?? '/tmp').filter((d) => d.startsWith('planora-pg-'));
    expect(dataDirs.length).toBeGreaterThan(0);
    await server.stop();
    const probe = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', connectionTimeoutMillis: 2000 });
    await expect(probe.connect()).rejects.toThrow();
  });
});
