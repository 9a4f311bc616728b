import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = path.join(REPO_ROOT, 'src/hub/cli.ts');

/** Runs `npm run hub -- <args>` as the operator would (node with the tsx loader), to its end; its stdout. */
export function runHubCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.once('error', reject);
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface HubProcess {
  url: string;
  pid: number;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  /** SIGTERM, and waits for the process to end (it closes its long polls, LISTEN connection and pool first). */
  stop(): Promise<number | null>;
}

/** Starts a hub server process on a free port of 127.0.0.1; resolves when it logs "hub ready". */
export function startHubProcess(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<HubProcess> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUB_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  // A test that fails midway must not leave a server running.
  const kill = () => proc.kill('SIGKILL');
  process.once('exit', kill);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`hub process not ready after ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub process ended (${code}) before ready: ${stderr}`));
    });
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'hub ready') {
        clearTimeout(timer);
        resolve({
          url: String(entry.url),
          pid: proc.pid!,
          logs,
          stop: async () => {
            process.off('exit', kill);
            if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
  });
}
