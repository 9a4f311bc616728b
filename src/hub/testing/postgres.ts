import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's server binaries, a data folder under the run's
 * temporary root, TCP on 127.0.0.1 only (no Unix socket, so no shared `/var/run` and no path-length limit). The
 * server refuses to run as root, so the folder belongs to `postgres` and the server runs with that user's ids; it is
 * spawned directly (not through `runuser`), so the PID we signal is the server itself.
 */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function binDir(): string {
  const fromEnv = process.env.PLANORA_PG_BIN;
  const found = [fromEnv, ...BIN_DIRS].find((d) => d && fs.existsSync(path.join(d, 'postgres')));
  if (!found) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql, or set PLANORA_PG_BIN)');
  return found;
}

function postgresIds(): { uid: number; gid: number } {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user on this machine');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The server (user postgres) must traverse the folders above its data folder; mkdtemp makes them 0700. */
function letTraverse(dir: string): void {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    const st = fs.statSync(d);
    if ((st.mode & 0o001) === 0 && st.uid === process.getuid?.()) fs.chmodSync(d, st.mode | 0o011);
  }
}

async function waitReady(url: string, exited: () => string | null, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const reason = exited();
    if (reason !== null) throw new Error(`PostgreSQL stopped while starting: ${reason}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (Date.now() > until) throw new Error(`PostgreSQL not ready after ${timeoutMs} ms: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function startPostgres(opts: { timeoutMs?: number } = {}): Promise<TestPostgres> {
  const bin = binDir();
  const ids = postgresIds();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-pg-'));
  letTraverse(root);
  const data = path.join(root, 'data');
  fs.chownSync(root, ids.uid, ids.gid);
  execFileSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
    uid: ids.uid,
    gid: ids.gid,
    stdio: 'pipe',
  });
  let lastError: unknown;
  // A port found free can be taken before the server binds it: try another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
      { uid: ids.uid, gid: ids.gid, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    let exit: string | null = null;
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const exitedP = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        exit = `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
        resolve();
      }),
    );
    // A test process that dies without calling stop() must not leave a server behind.
    const onExit = () => child.kill('SIGINT');
    process.once('exit', onExit);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(url, () => exit, opts.timeoutMs ?? 30_000);
    } catch (err) {
      lastError = err;
      process.off('exit', onExit);
      if (exit === null) child.kill('SIGINT');
      await exitedP;
      continue;
    }
    let stopped: Promise<void> | null = null;
    return {
      url,
      stop: () =>
        (stopped ??= (async () => {
          process.off('exit', onExit);
          if (exit === null) child.kill('SIGINT');
          await exitedP;
          fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
        })()),
    };
  }
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  throw lastError;
}

/** A fresh empty database in a running cluster (one per test suite, so suites never see each other's rows). */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name: ${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
