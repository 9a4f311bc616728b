import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BINDING_FILE, BINDING_STAMP, electronBindingDir } from './db/native-binding';

/**
 * What `npm start` (and `npm run dist:win`) prepare for the desktop app, in plain Node: the Electron binary and
 * better-sqlite3 built for Electron's ABI. Built as dist/main/electron-prep.js; scripts/start.mjs loads it after
 * the build. Nothing here touches node_modules/better-sqlite3/build: tests, web mode and `npm run db` keep the
 * Node build there.
 */

export interface Target {
  repoRoot: string;
  /** node_modules/electron/package.json's version. */
  electron: string;
  /** node_modules/electron/abi_version (150 for Electron 45). */
  abi: string;
  platform: string;
  arch: string;
}

export interface Step {
  what: string;
  cmd: string;
  args: string[];
  cwd: string;
}

/** The parts of better-sqlite3 a build needs; copied to a staging folder so a build never lands in node_modules. */
const SOURCE_PARTS = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];

export const stagingDir = (t: Target) => path.join(t.repoRoot, 'build', 'native', `.staging-${t.platform}-${t.arch}`, 'better-sqlite3');

/**
 * How the Electron build is made, in order: a prebuilt binary for the Electron runtime (better-sqlite3 publishes
 * them; one download, no compiler), else a compile with Electron's headers (Python and a C++ toolchain needed).
 * Both run in the staging copy.
 */
export function sqliteSteps(t: Target, node = process.execPath): Step[] {
  const cwd = stagingDir(t);
  const bin = (rel: string) => path.join(t.repoRoot, 'node_modules', rel);
  return [
    {
      what: 'prebuilt binary',
      cmd: node,
      args: [bin('prebuild-install/bin.js'), '--runtime', 'electron', '--target', t.electron, '--platform', t.platform, '--arch', t.arch, '--path', cwd],
      cwd,
    },
    {
      what: "compiled with Electron's headers",
      cmd: node,
      args: [bin('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${t.electron}`, `--arch=${t.arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
      cwd,
    },
  ];
}

interface Stamp {
  electron: string;
  abi: string;
  how: string;
}

/** The Electron build, when one for this very Electron is in place. */
export function preparedSqlite(t: Target): string | null {
  const dir = electronBindingDir(t.repoRoot, t.platform, t.arch);
  const file = path.join(dir, BINDING_FILE);
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, BINDING_STAMP), 'utf8')) as Stamp;
    return stamp.electron === t.electron && stamp.abi === t.abi && fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Makes the Electron build of better-sqlite3 unless it is there; resolves with its path, rejects with why not. */
export async function prepareSqlite(t: Target, log: (line: string) => void, run: (s: Step) => Promise<{ code: number; output: string }> = runStep): Promise<string> {
  const ready = preparedSqlite(t);
  if (ready) return ready;
  const stage = stagingDir(t);
  const source = path.join(t.repoRoot, 'node_modules', 'better-sqlite3');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const part of SOURCE_PARTS) fs.cpSync(path.join(source, part), path.join(stage, part), { recursive: true });
  const failures: string[] = [];
  try {
    for (const step of sqliteSteps(t)) {
      log(`Preparing SQLite for Electron ${t.electron} (${step.what})…`);
      const r = await run(step);
      const built = path.join(stage, 'build', 'Release', BINDING_FILE);
      if (r.code === 0 && fs.existsSync(built)) {
        const dir = electronBindingDir(t.repoRoot, t.platform, t.arch);
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(built, path.join(dir, BINDING_FILE));
        fs.writeFileSync(path.join(dir, BINDING_STAMP), `${JSON.stringify({ electron: t.electron, abi: t.abi, how: step.what } satisfies Stamp)}\n`);
        return path.join(dir, BINDING_FILE);
      }
      failures.push(`${step.what}: ${lastLine(r.output) ?? `exit code ${r.code}`}`);
    }
  } finally {
    fs.rmSync(path.dirname(stage), { recursive: true, force: true });
  }
  throw new Error(`no SQLite build for Electron ${t.electron} (${failures.join('; ')})`);
}

/** The line that says why a tool failed: a network error first, then an Error, then any line that mentions failing. */
function lastLine(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(gyp ERR! )?(stack )?at /.test(l));
  const network = lines.find((l) => /ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|certificate/i.test(l));
  const error = lines.findIndex((l) => /Error:/.test(l));
  // node-gyp spreads its reason over several "gyp ERR! stack" lines.
  const gyp = (from: number) => {
    const parts = [lines[from]!];
    for (let i = from + 1; i < lines.length && lines[i]!.startsWith('gyp ERR! stack '); i++) parts.push(lines[i]!.slice('gyp ERR! stack '.length));
    return parts.join(' ').replace(/^gyp ERR! stack /, '');
  };
  const line = network ?? (error >= 0 ? gyp(error) : lines.findLast((l) => /err|fail|not found/i.test(l)));
  return line && line.length > 200 ? `${line.slice(0, 197)}…` : line;
}

function runStep(s: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(s.cmd, s.args, { cwd: s.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => resolve({ code: 1, output: `${output}\n${e.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// ---- the Electron binary ----

/** Whole download at most (≈ 110 MB: 10 minutes is 190 kB/s), and at most this long without a byte arriving. */
export const DOWNLOAD_LIMIT_MS = 10 * 60_000;
export const STALL_LIMIT_MS = 60_000;

/** "Fetching Electron 45.3.4: 42 % (46 of 110 MB)", or without a total when the server sends none. */
export function progressLine(electron: string, transferred: number, total: number | null): string {
  const mb = (n: number) => Math.round(n / 1_000_000);
  if (!total) return `Fetching Electron ${electron}: ${mb(transferred)} MB`;
  return `Fetching Electron ${electron}: ${Math.floor((transferred / total) * 100)} % (${mb(transferred)} of ${mb(total)} MB)`;
}

/** Aborts when the whole limit passes or nothing arrives for the stall limit; `touch` on every chunk. */
export function downloadWatchdog(limits: { totalMs: number; stallMs: number }, now: () => number = Date.now) {
  const controller = new AbortController();
  const started = now();
  let last = started;
  let reason: string | null = null;
  const check = () => {
    const t = now();
    if (t - started > limits.totalMs) reason = `no complete download within ${Math.round(limits.totalMs / 60_000)} minutes`;
    else if (t - last > limits.stallMs) reason = `nothing arrived for ${Math.round(limits.stallMs / 1000)} s`;
    if (reason) controller.abort(new Error(reason));
    return reason;
  };
  return { signal: controller.signal, touch: () => (last = now()), check, reason: () => reason };
}

/**
 * Downloads the Electron zip into @electron/get's cache with progress and limits; electron/install.js then finds
 * it there and unpacks it. @electron/get is loaded from node_modules at run time (electron's own dependency).
 */
export async function downloadElectron(t: Target, say: (line: string) => void): Promise<void> {
  const get = (await import(pathToFileURL(path.join(t.repoRoot, 'node_modules', '@electron', 'get', 'dist', 'index.js')).href)) as {
    downloadArtifact(o: Record<string, unknown>): Promise<string>;
  };
  const checksums = JSON.parse(fs.readFileSync(path.join(t.repoRoot, 'node_modules', 'electron', 'checksums.json'), 'utf8')) as Record<string, string>;
  const dog = downloadWatchdog({ totalMs: DOWNLOAD_LIMIT_MS, stallMs: STALL_LIMIT_MS });
  const timer = setInterval(dog.check, 1_000);
  let lastSaid = 0;
  try {
    await get.downloadArtifact({
      version: t.electron,
      artifactName: 'electron',
      platform: t.platform,
      arch: t.arch,
      checksums,
      cacheRoot: process.env.electron_config_cache,
      downloadOptions: {
        quiet: true,
        signal: dog.signal,
        getProgressCallback: async (p: { transferred: number; total: number | null }) => {
          dog.touch();
          if (Date.now() - lastSaid >= 3_000) {
            lastSaid = Date.now();
            say(progressLine(t.electron, p.transferred, p.total));
          }
        },
      },
    });
  } catch (e) {
    throw new Error(dog.reason() ?? (e instanceof Error ? e.message : String(e)));
  } finally {
    clearInterval(timer);
  }
}
