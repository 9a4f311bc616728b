// `npm start`: build what is missing or stale, then open the desktop app, or web mode where Electron cannot run.
// Plain Node, no dependencies. Arguments pass through: `npm start -- --demo --port 5799`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const INSTALL_TIMEOUT_MS = 60_000;
/** Electron ending with an error this soon never got to show a window (missing libraries, no GPU...). */
const EARLY_EXIT_MS = 10_000;

const BUILT = ['dist/main/cli.js', 'dist/main/electron/main.js', 'dist/main/electron/preload.cjs', 'dist/main/electron/core-host.js', 'dist/renderer/index.html'];
const SOURCES = ['src', 'migrations'];
const SOURCE_FILES = ['package.json', 'vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts'];

function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildNeeded() {
  if (BUILT.some((f) => !fs.existsSync(path.join(root, f)))) return true;
  const built = fs.statSync(path.join(root, 'dist/main/cli.js')).mtimeMs;
  const sources = Math.max(...SOURCES.map((d) => newestMtime(path.join(root, d))), ...SOURCE_FILES.map((f) => mtimeOf(path.join(root, f))));
  return sources > built;
}

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function build() {
  // Under npm, npm_execpath is npm's own script: no shell needed, on Windows either.
  const npmCli = process.env.npm_execpath;
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(r.status ?? 1);
  }
}

/** The Electron executable if it is on disk. Not require('electron'): that downloads, without a time limit. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  let rel;
  try {
    rel = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const bin = path.join(dist, rel);
  return fs.existsSync(bin) ? bin : null;
}

/** One attempt at fetching the binary; resolves with the binary or why there is none. */
async function findOrInstallElectron() {
  const install = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(install)) return { reason: 'the electron package is not installed' };
  const found = electronBinary();
  if (found) return { bin: found };
  const r = await fetchElectron(install);
  const bin = electronBinary();
  if (bin) return { bin };
  if (r.timedOut) return { reason: `no Electron binary, and fetching it timed out after ${INSTALL_TIMEOUT_MS / 1000} s` };
  return { reason: `no Electron binary, and fetching it failed: ${firstErrorLine(r.output) ?? `exit code ${r.code}`}` };
}

/** Runs electron/install.js quietly (its failure is summed up in one line), killed after INSTALL_TIMEOUT_MS. */
function fetchElectron(install) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [install], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // Said only when it takes a while, so a quick failure stays a single line.
    const slow = setTimeout(() => console.log(`Fetching the Electron binary (up to ${INSTALL_TIMEOUT_MS / 1000} s)…`), 3_000);
    let timedOut = false;
    const limit = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    const done = (code) => {
      clearTimeout(slow);
      clearTimeout(limit);
      resolve({ code, output, timedOut });
    };
    child.on('error', (e) => {
      output += `\n${e.message}`;
      done(1);
    });
    child.on('close', (code) => done(code));
  });
}

function firstErrorLine(text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /error|failed|ENOTFOUND|ECONN|EAI_AGAIN|timed out/i.test(l) && !l.startsWith('at ')) ?? lines[0];
  return line && line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

function noDisplay() {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

/** Set once we are asked to stop: a child ending then is no reason to try web mode. */
let stopping = false;

/** Runs a child with our terminal; Ctrl-C reaches it directly, SIGTERM is passed on; resolves with its exit code. */
function run(cmd, cmdArgs, env = process.env) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  const onTerm = () => {
    stopping = true;
    child.kill('SIGTERM');
  };
  const onInt = () => {
    stopping = true; // the terminal already sent SIGINT to the child: wait for it to close its database
  };
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return new Promise((resolve) => {
    child.on('error', (e) => resolve({ code: 1, error: e }));
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve({ code: code ?? (signal ? 1 : 0) });
    });
  });
}

function webMode(reason, what = 'Electron is not available here') {
  console.log(`${what} (${reason}); opening web mode instead.`);
  return run(process.execPath, [path.join(root, 'dist', 'main', 'cli.js'), 'web', ...args]);
}

async function main() {
  if (buildNeeded()) build();
  // Before fetching ~100 MB of Electron that could not show a window anyway.
  if (noDisplay()) return (await webMode('no display')).code;
  const electron = await findOrInstallElectron();
  if (!electron.bin) return (await webMode(electron.reason)).code;

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron behave as plain Node
  const startedAt = Date.now();
  const r = await run(electron.bin, ['.', ...args], env);
  if (!stopping && (r.error || (r.code !== 0 && Date.now() - startedAt < EARLY_EXIT_MS))) {
    return (await webMode(r.error ? r.error.message : `exit code ${r.code}`, 'Electron did not start')).code;
  }
  return r.code;
}

process.exitCode = await main();
