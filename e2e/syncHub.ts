import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { Page } from '@playwright/test';
import { announcedUrl, apiCall, expect, loginAs } from './fixtures';

// tsx as a loader in this very process (not its CLI, which runs the hub in a child): a kill stops the hub itself.
const HUB = ['--import', 'tsx', 'src/hub/cli.ts'];

export interface TestHub {
  url: string;
  code(...args: string[]): string;
  stop(): Promise<void>;
}

/**
 * The hub's process on `file` (`npm run hub` as it runs); `port` 0 picks one, a given one brings it back there;
 * `extra`: more `serve` flags (the test clock).
 */
export async function startHub(file: string, port = '0', extra: readonly string[] = []): Promise<TestHub> {
  const child: ChildProcess = spawn(process.execPath, [...HUB, 'serve', '--sqlite', file, '--port', port, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await announcedUrl(child, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/, 'the hub', 60_000);
  return {
    url,
    code: (...args) => execFileSync(process.execPath, [...HUB, 'code', '--sqlite', file, ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** The owner's password of the head offices the sync specs set up. */
export const OWNER_PASSWORD = 'owner-pass-1';

/**
 * A fresh web mode set up as a head office by the wizard's procedure (organization `orgName`, branch Rīga, owner
 * `owner` in English), its page then on the home screen with the owner's session read afresh.
 */
export async function setUpHeadOffice(page: Page, url: string, orgName = 'Test Serviss'): Promise<void> {
  await page.goto(url);
  await apiCall(page, 'setup.run', {
    orgName,
    country: 'LV',
    timeZone: 'Europe/Riga',
    languages: ['lv', 'en', 'ro'],
    branchName: 'Rīga',
    ownerName: 'Ilze Kalniņa',
    ownerLogin: 'owner',
    ownerPassword: OWNER_PASSWORD,
    ownerLanguage: 'en',
  });
  // The wizard's procedure logged the owner in: the page, still on the wizard, reads the session afresh.
  await page.goto(`${url}/#/home`);
  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** The head office registers with the hub by a code that founds the organization there (the procedure the screen calls). */
export async function registerHeadOffice(page: Page, hub: TestHub, orgName = 'Test Serviss', deviceName = 'Rīga desk'): Promise<void> {
  await apiCall(page, 'sync.register', { hubUrl: hub.url, code: hub.code('--new-org', orgName), deviceName });
}

/**
 * A fresh installation joins the organization from its setup wizard ("Join through a hub") with a code; after its
 * first pull the page opens the login by itself, and the owner logs in. `beforeJoin` runs with the form filled.
 */
export async function joinFromWizard(page: Page, url: string, join: { hubUrl: string; code: string; deviceName: string }, beforeJoin?: () => Promise<void>): Promise<void> {
  await page.goto(url);
  await page.getByTestId('setup-join-hub').click();
  await page.getByTestId('sync-join-url').fill(join.hubUrl);
  await page.getByTestId('sync-join-code').fill(join.code);
  await page.getByTestId('sync-join-name').fill(join.deviceName);
  await beforeJoin?.();
  await page.getByTestId('sync-join').click();
  await expect(page.getByLabel(/^Login/)).toBeVisible({ timeout: 30_000 });
  await loginAs(page, url, 'owner', OWNER_PASSWORD);
}

export interface Link {
  /** The address a desktop is given for the hub: this link's own port. */
  url: string;
  /** The branch's line goes down: open connections are cut, new ones refused (the hub itself keeps serving others). */
  cut(): Promise<void>;
  /** The line comes back on the same port. */
  mend(): Promise<void>;
}

/**
 * One branch's line to the hub: a plain TCP relay on 127.0.0.1 in front of the hub's port. Cutting it takes that one
 * desktop offline while the other keeps syncing through the hub directly.
 */
export async function linkTo(hubUrl: string): Promise<Link> {
  const target = new URL(hubUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await open();
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const sock of sockets) sock.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
    mend: open,
  };
}
