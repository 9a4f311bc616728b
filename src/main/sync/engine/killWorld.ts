import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import readline from 'node:readline';
import { random, type Random } from '../../../shared/random';
import { REPO_ROOT } from '../../testing/processes';
import type { Ack } from './clerkTesting';

/**
 * The sync property test's devices, each a child process (`testing/children/sync-device.ts`) on its own data folder,
 * and the seeded schedule that drives them: a clerk's acts, rounds, a line cut and mended, and SIGKILLs at chosen
 * points of a round (a request held before it leaves or after the hub answered, or let go and killed a few
 * milliseconds later: at the hub, or while the answer is applied). A killed device is started again on its file.
 */

const SCRIPT = path.join(REPO_ROOT, 'src/main/testing/children/sync-device.ts');

let bundled: Promise<string> | null = null;
/**
 * The child's script bundled once per run (esbuild, as tsx transforms it, the packages left to node_modules): on a
 * busy machine loading the core file by file through the tsx loader took 12 s a start, and a killed device starts
 * again many times. Kept inside the repository so the packages and the fonts resolve as from the source.
 */
export function childScript(): Promise<string> {
  return (bundled ??= (async () => {
    const dir = path.join(REPO_ROOT, 'node_modules', '.cache', 'planora-children');
    fs.mkdirSync(dir, { recursive: true });
    const out = path.join(dir, `sync-device-${process.pid}.mjs`);
    await build({ entryPoints: [SCRIPT], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: out, logLevel: 'warning' });
    return out;
  })());
}

/** Removes this run's bundle (a test worker may end without an `exit` event, so the test file's end does it). */
export async function removeChildScript(): Promise<void> {
  const made = bundled;
  bundled = null;
  if (made) fs.rmSync(await made, { force: true });
}

/** Where a round is killed: at the `at`-th held request after arming; `hold` kills it held, `after` lets it go first. */
interface KillPlan {
  at: number;
  mode: 'hold' | 'after';
  delayMs: number;
  seen: number;
}

export interface DeviceStats {
  kills: number;
  killsHeld: number;
  killsAfter: number;
  /** Of `killsAfter`: the round had already answered when the kill landed (it killed the device idle, still in its step). */
  killsAfterRound: number;
  killsActing: number;
  rounds: number;
}

export class DeviceProc {
  readonly acks: (Ack & { device: string })[] = [];
  readonly stats: DeviceStats = { kills: 0, killsHeld: 0, killsAfter: 0, killsAfterRound: 0, killsActing: 0, rounds: 0 };
  offline = false;
  private proc: ChildProcess | null = null;
  /** False from the process's exit until the next start: nothing sent meanwhile can be answered. */
  private alive = false;
  private plan: KillPlan | null = null;
  /** A let-go round's kill still on its timer: resolves with the process it killed (null when none was running). */
  private landing: Promise<ChildProcess | null> | null = null;
  private waiting: { prefix: string; resolve: (line: string | null) => void } | null = null;
  private stderr = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly skewMs: number,
    private readonly pullLimit: number,
  ) {}

  async start(): Promise<void> {
    const proc = spawn(process.execPath, [await childScript(), this.dir, String(this.skewMs), String(this.pullLimit)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    this.alive = true;
    this.stderr = '';
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr = (this.stderr + d).slice(-4000)));
    // A line written between the SIGKILL and the exit meets a closed pipe (EPIPE): the exit tells the waiter.
    proc.stdin!.on('error', (e) => (this.stderr = `${this.stderr}\nstdin: ${e.message}`.slice(-4000)));
    this.exited = new Promise((resolve) =>
      proc.once('exit', () => {
        // Whoever waited for an answer learns the process is gone (after readline handed over what it had).
        setImmediate(() => {
          this.alive = false;
          const w = this.waiting;
          this.waiting = null;
          w?.resolve(null);
          resolve();
        });
      }),
    );
    readline.createInterface({ input: proc.stdout! }).on('line', (line) => this.onLine(line));
    const ready = await this.until('ready', () => undefined);
    if (ready === null) throw new Error(`${this.name} did not start: ${this.stderr}`);
    if (this.offline) await this.command('offline 1', 'offline');
  }

  private onLine(line: string): void {
    if (line.startsWith('ack ')) {
      this.acks.push({ ...(JSON.parse(line.slice(4)) as Ack), device: this.name });
      return;
    }
    if (line.startsWith('gate ')) {
      const id = line.split(' ')[1]!;
      const plan = this.plan;
      if (plan && ++plan.seen === plan.at) {
        this.plan = null;
        this.stats.kills += 1;
        if (plan.mode === 'hold') {
          this.stats.killsHeld += 1;
          this.kill();
        } else {
          this.stats.killsAfter += 1;
          this.write(`go ${id}`);
          const target = this.proc;
          this.landing = new Promise((resolve) => setTimeout(() => resolve(target === this.proc ? this.kill() : null), plan.delayMs));
        }
        return;
      }
      this.write(`go ${id}`);
      return;
    }
    if (this.waiting && line.startsWith(this.waiting.prefix)) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve(line);
    }
  }

  private write(line: string): void {
    if (this.proc?.exitCode === null && this.proc.signalCode === null) this.proc.stdin!.write(`${line}\n`);
  }

  /** The process it killed, or null when none was running. */
  private kill(): ChildProcess | null {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) return null;
    proc.kill('SIGKILL');
    return proc;
  }

  private until(prefix: string, send: () => void): Promise<string | null> {
    return new Promise((resolve) => {
      // A process already gone would never answer: the caller starts it again.
      if (!this.alive) return resolve(null);
      this.waiting = { prefix, resolve };
      send();
    });
  }

  /** Sends a command and waits for its answer line; null when the process died first (then it is started again). */
  async command(cmd: string, answer: string): Promise<string | null> {
    const line = await this.until(answer, () => this.write(cmd));
    if (line === null) {
      await this.exited;
      await this.start();
    }
    return line;
  }

  act(seed: number, count: number, only?: 'moves' | 'book') {
    return this.command(`act ${seed} ${count}${only ? ` ${only}` : ''}`, 'acted');
  }

  async sync(): Promise<{ state: string; pending: number } | null> {
    this.stats.rounds += 1;
    const line = await this.command('sync', 'synced');
    return line ? (JSON.parse(line.slice('synced '.length)) as { state: string; pending: number }) : null;
  }

  /**
   * A round killed at a chosen held request (a round that needs fewer requests ends whole). A kill let go with its
   * request lands within this step: when the round answered first, it kills the device idle, which starts again here
   * rather than being found dead by a later step's command.
   */
  async killedRound(r: Random) {
    this.plan = { at: r.int(1, 4), mode: r.pick(['hold', 'after'] as const), delayMs: r.int(0, 15), seen: 0 };
    let synced: Awaited<ReturnType<DeviceProc['sync']>>;
    try {
      synced = await this.sync();
    } finally {
      this.plan = null;
    }
    const landing = this.landing;
    this.landing = null;
    const victim = landing ? await landing : null;
    // Killed after its round answered (a round killed under way has already started the next process).
    if (victim && victim === this.proc) {
      this.stats.killsAfterRound += 1;
      await this.exited;
      await this.start();
    }
    return synced;
  }

  /** A clerk at work killed after `ms`: whatever the core acknowledged before stays acknowledged. */
  async killedActing(seed: number, ms: number) {
    // Only this act: a timer outliving it must not kill a later step's command.
    const timer = setTimeout(() => {
      if (this.waiting?.prefix === 'acted') {
        this.stats.kills += 1;
        this.stats.killsActing += 1;
        this.kill();
      }
    }, ms);
    try {
      return await this.act(seed, 30);
    } finally {
      clearTimeout(timer);
    }
  }

  async setOffline(on: boolean) {
    this.offline = on;
    await this.command(`offline ${on ? 1 : 0}`, 'offline');
  }

  /** Closes the core cleanly; the data folder stays. */
  async quit(): Promise<void> {
    this.write('quit');
    await this.exited;
    this.proc = null;
  }

  /** For `finally`: no process outlives the test. */
  stop(): void {
    this.kill();
  }
}

export interface Schedule {
  steps: number;
  /** The schedule stops adding steps after this long; the final sync always runs. */
  budgetMs: number;
}

/** Seeded: which device does what, in which order, and where rounds are killed. */
export async function runSchedule(seed: number, devices: DeviceProc[], s: Schedule, log: (line: string) => void): Promise<void> {
  const r = random(seed);
  const end = Date.now() + s.budgetMs;
  const t0 = Date.now();
  for (let step = 0; step < s.steps && Date.now() < end; step++) {
    const x = r.pick(devices);
    const acks = x.acks.length;
    const op = r.weighted({ act: 6, sync: 3, line: 1, killRound: 3, killActing: 1, apart: 2 });
    if (op === 'apart') {
      // Two branches cut off at once both move breaks: the crossing edits a person must be shown.
      // Both first hold the same breaks (a booking, and rounds both ways), then move the oldest while cut off.
      const y = r.pick(devices.filter((d) => d !== x));
      for (const d of [x, y]) if (d.offline) await d.setOffline(false);
      await x.act(r.int(1, 2 ** 30), 1, 'book');
      for (const d of [x, y, x]) await d.sync();
      for (const d of [x, y]) await d.setOffline(true);
      for (const d of [x, y]) await d.act(r.int(1, 2 ** 30), r.int(1, 3), 'moves');
      for (const d of [x, y]) await d.setOffline(false);
    } else if (op === 'act') await x.act(r.int(1, 2 ** 30), r.int(1, 6));
    else if (op === 'line') await x.setOffline(!x.offline);
    else if (op === 'sync') await x.sync();
    else if (op === 'killRound') {
      if (x.offline) await x.setOffline(false);
      await x.killedRound(r);
    } else await x.killedActing(r.int(1, 2 ** 30), r.int(20, 400));
    log(`step ${step} at ${Date.now() - t0} ms: ${x.name} ${op}, ${x.acks.length - acks} acknowledged`);
  }
}

/** Everyone back online syncs in turns until a whole turn moved nothing at the hub and nothing waits anywhere. */
export async function syncAll(devices: DeviceProc[], hubCells: () => Promise<number>, maxTurns = 8): Promise<number> {
  for (const x of devices) if (x.offline) await x.setOffline(false);
  let before = -1;
  for (let turn = 1; turn <= maxTurns; turn++) {
    let waiting = 0;
    for (const x of devices) {
      const s = await x.sync();
      if (!s || s.state !== 'idle') throw new Error(`${x.name} ended a final round ${s ? `in state ${s.state}` : 'dead'}`);
      waiting += s.pending;
    }
    const now = await hubCells();
    if (waiting === 0 && now === before) return turn;
    before = now;
  }
  throw new Error(`the devices did not settle in ${maxTurns} turns`);
}
