import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TestApp } from './harness';
import { withTestOrg, withTestWeb } from './fixtures';

/** The fixtures leave nothing behind: the core closed, its folder gone, web mode no longer listening. */

const seen: { dirs: string[]; url?: string } = { dirs: [] };

describe('withTestOrg per test', () => {
  let app: TestApp;
  let owner: string;
  withTestOrg('test', (org) => ({ app, owner } = org));

  it('opens a core with the organization set up and its owner logged in', async () => {
    seen.dirs.push(app.dir);
    expect(await app.call(owner, 'auth.me', {})).toMatchObject({ role: 'owner', orgName: 'Test Serviss' });
  });

  it('gives the next test a fresh core and removes the folder of the one before', () => {
    expect(app.dir).not.toBe(seen.dirs[0]);
    expect(fs.existsSync(seen.dirs[0]!)).toBe(false);
    seen.dirs.push(app.dir);
  });
});

describe('withTestWeb for a whole file', () => {
  let url: string;
  withTestWeb(
    (web) => {
      url = web.server.url;
      seen.dirs.push(web.app.dir);
    },
    { pages: true, setup: { orgName: 'Web Fixture' } },
  );

  it('serves the pages and the API of that organization', async () => {
    seen.url = url;
    expect(await (await fetch(`${url}/clients`)).text()).toContain('<title>Planora');
    const status = await fetch(`${url}/api/call/setup.status`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: '{}' });
    expect(await status.json()).toEqual({ ok: true, data: { needsSetup: false } });
  });
});

describe('afterwards', () => {
  it('every folder is gone and web mode no longer answers', async () => {
    expect(seen.dirs).toHaveLength(3);
    for (const dir of seen.dirs) expect(fs.existsSync(dir), dir).toBe(false);
    await expect(fetch(`${seen.url}/clients`)).rejects.toThrow();
  });
});
