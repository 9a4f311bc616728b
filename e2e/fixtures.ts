import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface PlanoraServer {
  url: string;
  dataDir: string;
}

/** Starts the built web mode on a fresh data folder and a free port; `demo` loads the demo organization first. */
export async function startPlanora(opts: { demo?: boolean; demoSize?: number } = {}): Promise<PlanoraServer & { stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-e2e-'));
  const args = ['dist/main/cli.js', 'web', '--data', dataDir, '--port', '0', ...(opts.demo ? ['--demo'] : []), ...(opts.demoSize === undefined ? [] : ['--demo-size', String(opts.demoSize)])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // The demo writes four months of a call centre before web mode answers: on a busy machine that takes a while.
  const url = await announcedUrl(child, /web mode: (http:\/\/\S+)/, 'web mode', 240_000);
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The address a server process prints once it listens (the first group of `pattern` in what it writes); rejects with
 * its output when it exits first or stays silent for `ms`.
 */
export function announcedUrl(child: ChildProcess, pattern: RegExp, what: string, ms: number): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), ms);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = output.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

export const SHOTS = path.join('e2e', 'screenshots');

/** Saves a full-page screenshot under e2e/screenshots for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export const DEMO_PASSWORD = 'planora-demo';

/**
 * Logs in at `url`. A person lands on My page; most specs start from the interventions grid, so an address that names
 * no screen opens that one here (`${url}/#/` lands where a person does).
 */
export async function loginAs(page: Page, url: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(url.includes('#') ? url : `${url}/#/interventions`);
  await page.getByLabel(/^Login|^Pieteikšanās|^Логин/).fill(login);
  await page.getByLabel(/^Password|^Parole|^Пароль/).fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/**
 * One web mode on the demo organization for the tests of a file, which run in order: started before the first,
 * stopped after the last. Read `url` inside a test. `demoSize`: how many interventions its call centre holds (all 3,000 unless told).
 */
export function demoServer(opts: { demoSize?: number } = {}): PlanoraServer {
  let started: (PlanoraServer & { stop(): Promise<void> }) | undefined;
  base.describe.configure({ mode: 'serial' });
  base.beforeAll(async () => {
    base.setTimeout(300_000);
    started = await startPlanora({ demo: true, ...opts });
  });
  base.afterAll(async () => {
    await started?.stop();
  });
  const running = () => {
    if (!started) throw new Error('the demo server is read before it started');
    return started;
  };
  return {
    get url() {
      return running().url;
    },
    get dataDir() {
      return running().dataDir;
    },
  };
}

export type ApiAnswer<T> = { ok: true; data: T } | { ok: false; error: { code: string; key: string; field?: string; params?: unknown } };

/** Calls a procedure with the page's session, as the renderer does; the answer as it came. */
export async function apiAnswer<T = unknown>(page: Page, name: string, input: unknown): Promise<ApiAnswer<T>> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`${origin}/api/call/${name}`, { data: input, headers: { origin } });
  return (await res.json()) as ApiAnswer<T>;
}

/** Calls a procedure with the page's session and returns its data; a refusal fails the test with its reason. */
export async function apiCall<T = unknown>(page: Page, name: string, input: unknown): Promise<T> {
  const answer = await apiAnswer<T>(page, name, input);
  if (!answer.ok) throw new Error(`${name} refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

export { base as test, expect };
