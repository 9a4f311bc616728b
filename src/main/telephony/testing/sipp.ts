// Runs Debian's sipp as the far end of a test call on 127.0.0.1: free ports, readiness from the
// kernel's socket table, exit code + stderr + sipp's error log when its scenario fails, and a kill
// in every case.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIPP = '/usr/bin/sipp';
export const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scenarios');
export const sippInstalled = existsSync(SIPP);

export interface SippOptions {
  scenario: string;
  transport?: 'udp' | 'tcp';
  /** How many calls sipp takes before it exits (default 1). */
  calls?: number;
  /** Extra arguments (e.g. `-au user -ap secret`). */
  args?: string[];
  timeoutSec?: number;
}

export interface SippRun {
  port: number;
  mediaPort: number;
  /** Resolves when sipp exits; rejects with its stderr and error log unless it exits 0. */
  passed(): Promise<void>;
  kill(): void;
}

export async function startSipp(opts: SippOptions): Promise<SippRun> {
  const transport = opts.transport ?? 'udp';
  const port = await freePort(transport);
  const mediaPort = await freeMediaPort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sipp-'));
  const args = [
    '-sf', path.join(SCENARIOS, opts.scenario),
    '-i', '127.0.0.1', '-p', String(port),
    '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-m', String(opts.calls ?? 1),
    '-t', transport === 'tcp' ? 't1' : 'u1',
    '-nostdin', '-timeout', `${opts.timeoutSec ?? 60}s`, '-timeout_error',
    '-trace_err', '-trace_msg',
    ...(opts.args ?? []),
  ];
  const proc = spawn(SIPP, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const kill = (): void => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  };
  const cleanup = (): Promise<void> => exited.then(() => rmSync(dir, { recursive: true, force: true }));
  try {
    await listening(port, transport, exited);
  } catch (error) {
    kill();
    await cleanup();
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    port,
    mediaPort,
    kill() {
      kill();
      void cleanup();
    },
    async passed() {
      const code = await exited;
      const logs = readLogs(dir);
      await cleanup();
      if (code !== 0) throw new Error(`sipp ${opts.scenario} exited ${code}\n${stderr}\n${logs}`);
    },
  };
}

function readLogs(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => `--- ${f}\n${readFileSync(path.join(dir, f), 'utf8').slice(-6000)}`)
    .join('\n');
}

/** Waits until the port shows up bound in /proc/net/{udp,tcp} (sipp prints nothing when ready). */
async function listening(port: number, transport: 'udp' | 'tcp', exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  for (let i = 0; i < 200; i += 1) {
    if (gone) throw new Error('sipp ended before it listened');
    const table = readFileSync(`/proc/net/${transport}`, 'utf8').split('\n');
    // Column 2 is the local address; TCP listeners are in state 0A.
    if (table.some((row) => row.trim().split(/\s+/)[1]?.endsWith(hex.trim()) && (transport === 'udp' || row.trim().split(/\s+/)[3] === '0A'))) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`sipp did not listen on ${transport} ${port}`);
}

export function freePort(transport: 'udp' | 'tcp'): Promise<number> {
  if (transport === 'tcp') {
    return new Promise((resolve, reject) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
      server.on('error', reject);
    });
  }
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.on('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** sipp's media uses the port and the next ones (RTP, RTCP, video): pick a free even one. */
async function freeMediaPort(): Promise<number> {
  for (;;) {
    const port = await freePort('udp');
    if (port % 2 === 0 && port < 65000) return port;
  }
}
