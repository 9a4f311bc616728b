import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

/** Planora as it runs for a user: the built web mode (`dist/main/cli.js web`) in its own process, driven over HTTP. */
export interface WebModeChild {
  url: string;
  pid: number;
  /** Milliseconds from spawn until the interventions index reported ready. */
  readyMs: number;
  call<T>(name: string, input: unknown): Promise<T>;
  /** The process's peak resident memory so far (Linux VmHWM), in MB. */
  peakMb(): number;
  stop(): Promise<void>;
}

const CLI = path.join(process.cwd(), 'dist', 'main', 'cli.js');

export async function startWebMode(dataDir: string, login: { login: string; password: string }): Promise<WebModeChild> {
  if (!fs.existsSync(CLI)) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  // The core logs to planora.log in the data folder (only errors reach stderr): "index ready" is read from there.
  const logFile = path.join(dataDir, 'planora.log');
  const logFrom = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const t0 = Date.now();
  const child: ChildProcess = spawn(process.execPath, [CLI, 'web', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const errs = readline.createInterface({ input: child.stderr! });
  let url = '';
  let readyMs = 0;
  let watch: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => url && readyMs && resolve();
      lines.on('line', (l) => {
        const m = /web mode: (http:\/\/\S+)/.exec(l);
        if (m) url = m[1]!;
        check();
      });
      errs.on('line', (l) => {
        if (l.includes('index failed')) reject(new Error(l));
      });
      watch = setInterval(() => {
        if (readyMs || !fs.existsSync(logFile)) return;
        const fd = fs.openSync(logFile, 'r');
        try {
          const size = fs.fstatSync(fd).size;
          const buf = Buffer.alloc(Math.max(0, size - logFrom));
          fs.readSync(fd, buf, 0, buf.length, logFrom);
          if (buf.toString('utf8').includes('interventions index ready')) readyMs = Date.now() - t0;
        } finally {
          fs.closeSync(fd);
        }
        check();
      }, 100);
      child.on('exit', (code) => reject(new Error(`web mode exited with ${code}`)));
    });
  } finally {
    clearInterval(watch);
  }
  const origin = new URL(url).origin;
  let cookie = '';
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await fetch(`${origin}/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify(input) });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const out = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
    if (!out.ok) throw new Error(`${name} refused: ${JSON.stringify(out.error)}`);
    return out.data as T;
  };
  await call('auth.login', login);
  return {
    url,
    pid: child.pid!,
    readyMs,
    call,
    peakMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
