import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startServer, type ServerOptions, type WebServer } from '../server';
import type { CoreConfig } from '../config';
import { disposeTestApp, openTestOrg, startTestApp, type TestApp, type TestOrg, type TestOrgOptions } from './harness';
import { stubRenderer } from './web';

/** Whether each test gets a fresh organization, or the tests of a file share one. */
export type Per = 'test' | 'file';

/** Opens before each test (or the file's tests), hands over to `use`, closes afterwards, also when a test failed. */
function fixture<T>(per: Per, open: () => Promise<T>, use: (t: T) => unknown, close: (t: T) => Promise<void>): void {
  const [before, after] = per === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  let current: T | undefined;
  before(async () => {
    current = await open();
    await use(current);
  });
  after(async () => {
    if (current !== undefined) await close(current);
    current = undefined;
  });
}

/** A fresh core on an empty data folder (no organization yet), for each test or the whole file; closed and removed afterwards. */
export function withTestApp(per: Per, use: (app: TestApp) => unknown, config: Partial<CoreConfig> = {}): void {
  fixture(per, () => startTestApp(config), use, disposeTestApp);
}

/**
 * Gives each test (or the whole file) a fresh core with an organization set up by the wizard. `use` receives it
 * before the tests, keeps it in the file's own variables and adds what the file needs; afterwards the core is
 * closed and its folder removed.
 */
export function withTestOrg(per: Per, use: (org: TestOrg) => unknown, opts: TestOrgOptions = {}): void {
  fixture(per, () => openTestOrg(opts), use, (org) => disposeTestApp(org.app));
}

export interface TestWeb extends TestOrg {
  server: WebServer;
}

export interface TestWebOptions extends TestOrgOptions {
  server?: Omit<ServerOptions, 'rendererDir'>;
  /** Serve a stand-in renderer (one index.html), for tests of pages rather than of the API alone. */
  pages?: boolean;
}

/** withTestOrg for a whole file, with web mode on a free port in front of the core. */
export function withTestWeb(use: (web: TestWeb) => unknown, opts: TestWebOptions = {}): void {
  let renderer: string | undefined;
  fixture(
    'file',
    async () => {
      const org = await openTestOrg(opts);
      renderer = opts.pages ? stubRenderer() : undefined;
      const server = await startServer(org.app.core, { port: 0, ...opts.server, ...(renderer ? { rendererDir: renderer } : {}) }).catch(async (e: unknown) => {
        await disposeTestApp(org.app);
        throw e;
      });
      return { ...org, server };
    },
    use,
    async (web) => {
      await web.server.close();
      await disposeTestApp(web.app);
      if (renderer) fs.rmSync(renderer, { recursive: true, force: true });
    },
  );
}
