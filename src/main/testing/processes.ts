import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: child processes run from here so `--import tsx` resolves. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface TsChild {
  proc: ChildProcess;
  /** Every complete stdout line so far. */
  lines: string[];
  /** stderr so far, for failure messages. */
  stderr(): string;
  /** Resolves once `pred` holds for the lines read so far (checked after each line); rejects when the child ends first or on timeout. */
  waitFor(pred: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Writes a line to the child's stdin. */
  send(line: string): void;
  /** Kills the child if it still runs (for cleanup in `finally`). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves once the child's stdout has ended and every line it wrote is in `lines` ('exit' may come before them). */
  drained: Promise<void>;
}

/** Runs a TypeScript file in a plain Node child process with the tsx loader, reading its stdout line by line. */
export function spawnTs(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): TsChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let ended = false;
  const waiters = new Set<() => void>();
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const reader = readline.createInterface({ input: proc.stdout! });
  reader.on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) w();
  });
  const drained = new Promise<void>((resolve) => reader.on('close', () => resolve()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      ended = true;
      // Let readline hand over what is still buffered before waiters give up.
      setImmediate(() => {
        resolve({ code, signal });
        for (const w of [...waiters]) w();
      });
    }),
  );

  return {
    proc,
    lines,
    stderr: () => err,
    exited,
    drained,
    waitFor(pred, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for the child (${lines.length} lines read); stderr:\n${err}`));
        }, timeoutMs);
        const check = () => {
          if (pred(lines)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (ended) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`child ended (exit ${proc.exitCode}, signal ${proc.signalCode}) before the expected output; ${lines.length} lines read; stderr:\n${err}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    send(line) {
      proc.stdin!.write(`${line}\n`);
    },
    kill(signal = 'SIGKILL') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    },
  };
}

/** Runs a TypeScript file to its end and returns its exit code and output. */
export async function runTs(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTs(script, args, env);
  child.proc.stdin!.end();
  const { code } = await child.exited;
  return { code, stdout: child.lines.join('\n'), stderr: child.stderr() };
}
