import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import en from '../src/shared/i18n/en.json' with { type: 'json' };
import { expect, test } from './fixtures';

/**
 * The README's own start command on a fresh machine: the command is read out of README.md (so the test follows
 * the README), run as written with HOME, XDG_DATA_HOME and APPDATA inside an empty temporary folder, so the default
 * data folder and its parents do not exist yet. `npm ci` is left out: the test run has already installed.
 * The environment, not the command, keeps it off the shared port (PORT=0) and out of an Electron window (no display).
 */

const ROOT = path.resolve(import.meta.dirname, '..');

/** The command under "**Run it**": the first line of the next shell block. */
function readmeStartCommand(): { full: string; start: string } {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /\*\*Run it\*\*[\s\S]*?```sh\n([^\n]+)\n```/.exec(readme);
  if (!m) throw new Error('README.md has no "**Run it**" shell block');
  const full = m[1]!.trim();
  const start = full
    .split('&&')
    .map((part) => part.trim())
    .find((part) => part.startsWith('npm start'));
  if (!start) throw new Error(`the README's start command has no "npm start": ${full}`);
  return { full, start };
}

test('the README start command works on a fresh machine', async ({ page }) => {
  test.setTimeout(180_000);
  const { full, start } = readmeStartCommand();
  expect(full).toBe(`npm ci && ${start}`);
  expect(start).toMatch(/^npm start -- --demo\b/);

  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-fresh-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_DATA_HOME: path.join(home, 'xdg', 'share'),
    APPDATA: path.join(home, 'AppData', 'Roaming'),
    PORT: '0',
    npm_config_update_notifier: 'false',
  };
  for (const name of ['PLANORA_DATA', 'DISPLAY', 'WAYLAND_DISPLAY']) delete env[name];
  const dataDir = process.platform === 'win32' ? path.join(env.APPDATA!, 'Planora') : path.join(env.XDG_DATA_HOME!, 'planora');
  expect(fs.existsSync(path.dirname(dataDir))).toBe(false);

  // Its own process group (npm, the shell, the start script, web mode), so the whole group can be stopped.
  const child = spawn(start, { cwd: ROOT, env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  };

  try {
    const ended = exited.then((code) => {
      throw new Error(`npm start ended (exit ${code}) before it was ready:\n${output}`);
    });
    const ready = (async () => {
      while (running && !/^Demo logins/m.test(output)) await new Promise((r) => setTimeout(r, 200));
    })();
    await Promise.race([ready, ended]);
    const url = /web mode: (http:\/\/\S+)/.exec(output)?.[1];
    expect(url, output).toBeTruthy();

    // What a person needs, in order, and nothing before the demo is loaded that reads like a result.
    const lines = output.split('\n').map((l) => l.trim()).filter(Boolean).filter((l) => !l.startsWith('>'));
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/^Loading the demo organization/), output).toBeGreaterThanOrEqual(0);
    expect(at(/^Loading the demo organization/)).toBeLessThan(at(/web mode: http/));
    expect(at(/web mode: http/)).toBeLessThan(at(/^Demo logins \(password planora-demo\): owner, admin, /));
    expect(output).not.toMatch(/index ready|ENOENT|Error/);

    // The data folder and its parents were made, with the database and the key in it.
    expect(fs.existsSync(path.join(dataDir, 'planora.db'))).toBe(true);
    expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).toMatch(/^planora-key:v1:/);

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    await page.goto(url!);
    await expect(page.getByLabel(en.fields.login, { exact: true })).toBeVisible();
    await expect(page.getByLabel(en.fields.password, { exact: true })).toBeVisible();

    // Ctrl+C or a service stop: the whole group ends and the database is closed cleanly.
    group('SIGTERM');
    await exited;
    await expect.poll(() => fs.existsSync(path.join(dataDir, 'planora.db.running')), { timeout: 15_000 }).toBe(false);
  } finally {
    group('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  }
});
