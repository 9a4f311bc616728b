// `npm start`: build what is missing or stale, then open the desktop app, or web mode where Electron cannot run.
// Plain Node, no dependencies. Arguments pass through: `npm start -- --demo --port 5799`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** Unpacking the downloaded zip (the download itself has its own limits, in src/main/electron-prep.ts). */
const UNPACK_TIMEOUT_MS = 120_000;
/** The exit code of the desktop app that could not start (src/main/electron/main.ts): web mode takes over. */
const CANNOT_START = 3;
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

/** The Electron binary, fetched (with progress and a time limit) when missing; or why there is none. */
async function findOrInstallElectron(support, target) {
  const install = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(install)) return { reason: 'the electron package is not installed' };
  const found = electronBinary();
  if (found) return { bin: found };
  try {
    await support.downloadElectron(target, (line) => console.log(line));
  } catch (e) {
    return { reason: `no Electron binary, and fetching it failed: ${e.message}` };
  }
  // install.js finds the zip in the cache it was just put in, checks it and unpacks it.
  const r = await unpackElectron(install);
  const bin = electronBinary();
  if (bin) return { bin };
  return { reason: `the Electron download did not unpack: ${firstErrorLine(r.output) ?? `exit code ${r.code}`}` };
}

/** Runs electron/install.js quietly (its failure is summed up in one line), killed after UNPACK_TIMEOUT_MS. */
function unpackElectron(install) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [install], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const limit = setTimeout(() => child.kill('SIGKILL'), UNPACK_TIMEOUT_MS);
    const done = (code) => {
      clearTimeout(limit);
      resolve({ code, output });
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

/** The arguments without --data: the start script passes the folder it chose by the common rule instead. */
function withoutData(list) {
  const out = [];
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '--data') i++;
    else if (!list[i].startsWith('--data=')) out.push(list[i]);
  }
  return out;
}

function webMode(hostArgs, reason, what = 'Electron is not available here') {
  console.log(`${what} (${reason}); opening web mode instead.`);
  return run(process.execPath, [path.join(root, 'dist', 'main', 'cli.js'), 'web', ...hostArgs]);
}

async function main() {
  if (buildNeeded()) build();
  const support = await import(pathToFileURL(path.join(root, 'dist', 'main', 'start-support.js')).href);
  // One folder for the desktop app and its web fallback, chosen once by the rule every host uses.
  const hostArgs = [...withoutData(args), '--data', support.dataDirOf(support.dataFlag(args))];
  // Before fetching ~110 MB of Electron that could not show a window anyway.
  if (noDisplay()) return (await webMode(hostArgs, 'no display')).code;
  const electronPkg = path.join(root, 'node_modules', 'electron');
  const target = {
    repoRoot: root,
    electron: JSON.parse(fs.readFileSync(path.join(electronPkg, 'package.json'), 'utf8')).version,
    abi: fs.readFileSync(path.join(electronPkg, 'abi_version'), 'utf8').trim(),
    platform: process.platform,
    arch: process.arch,
  };
  const electron = await findOrInstallElectron(support, target);
  if (!electron.bin) return (await webMode(hostArgs, electron.reason)).code;
  try {
    await support.prepareSqlite(target, (line) => console.log(line));
  } catch (e) {
    return (await webMode(hostArgs, e.message, 'The desktop app cannot open its database here')).code;
  }

  const env = { ...process.env, PLANORA_WEB_FALLBACK: '1' };
  delete env.ELECTRON_RUN_AS_NODE; // set, it would make Electron behave as plain Node
  const startedAt = Date.now();
  const r = await run(electron.bin, ['.', ...hostArgs], env);
  const early = Date.now() - startedAt < EARLY_EXIT_MS;
  if (!stopping && (r.error || r.code === CANNOT_START || (r.code !== 0 && early))) {
    return (await webMode(hostArgs, r.error ? r.error.message : `exit code ${r.code}`, 'Electron did not start')).code;
  }
  return r.code;
}

process.exitCode = await main();
