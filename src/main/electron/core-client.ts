import { utilityProcess, type UtilityProcess } from 'electron';
import type { CallOutcome, CallRequest } from '../api/dispatcher';
import type { ReadableAttachment } from '../modules/interventions/attachmentAccess';
import type { FromHost, HostEvent, HostInit, ToHost } from './protocol';

const INTERNAL: CallOutcome = { result: { ok: false, error: { code: 'internal', key: 'errors.internal' } } };
/** More crashes than this within the window and the app gives up instead of looping. */
const MAX_CRASHES = 3;
const CRASH_WINDOW_MS = 5 * 60_000;

/**
 * Main's side of the core host: spawns it, relays calls by id, hears its events, restarts it after a crash
 * (sessions live in the database, so windows stay logged in) and closes it cleanly on quit.
 */
export class CoreHostClient {
  private child: UtilityProcess | undefined;
  private ready: Promise<void> = Promise.reject(new Error('core host not started'));
  private readonly pending = new Map<number, (o: CallOutcome) => void>();
  private readonly pendingFiles = new Map<number, (f: ReadableAttachment | null) => void>();
  private readonly listeners = new Set<(e: HostEvent) => void>();
  private readonly crashes: number[] = [];
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly modulePath: string,
    private readonly init: HostInit,
    /** The core cannot run (it failed to start, or crashes over and over): tell the user and quit. */
    private readonly onFatal: (message: string) => void,
  ) {
    this.ready.catch(() => undefined);
  }

  /** Resolves once the core has opened and migrated the database; rejects with the reason it could not. */
  start(): Promise<void> {
    const child = utilityProcess.fork(this.modulePath, [], { serviceName: 'Planora core', stdio: 'inherit' });
    this.child = child;
    let started = false;
    this.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: FromHost) => {
        switch (m?.type) {
          case 'ready':
            started = true;
            resolve();
            return;
          case 'failed':
            reject(new Error(m.message));
            return;
          case 'result':
            this.pending.get(m.id)?.(m.outcome);
            this.pending.delete(m.id);
            return;
          case 'event':
            for (const l of this.listeners) l(m.event);
            return;
          case 'attachment':
            this.pendingFiles.get(m.id)?.(m.file);
            this.pendingFiles.delete(m.id);
            return;
        }
      });
      child.once('exit', (code) => {
        reject(new Error(`the core process ended (code ${code}) before it was ready`));
        this.exited(child, code, started);
      });
    });
    this.ready.catch(() => undefined);
    child.postMessage(this.init satisfies ToHost);
    return this.ready;
  }

  call(req: CallRequest): Promise<CallOutcome> {
    return this.request(this.pending, (id) => ({ type: 'call', id, name: req.name, input: req.input, sessionToken: req.sessionToken }), INTERNAL);
  }

  /** A timeline file the session may read (the core runs the same check as web mode's /api/attachments); else null. */
  attachment(req: { sha: string; sessionToken: string | null }): Promise<ReadableAttachment | null> {
    return this.request(this.pendingFiles, (id) => ({ type: 'attachment', id, sha: req.sha, sessionToken: req.sessionToken }), null);
  }

  /** Sends one message to the core and waits for the answer with its id; `none` when there is no core to ask. */
  private async request<T>(pending: Map<number, (answer: T) => void>, message: (id: number) => ToHost, none: T): Promise<T> {
    if (this.closing) return none;
    try {
      await this.ready;
    } catch {
      return none;
    }
    const child = this.child;
    if (!child || this.closing) return none;
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      pending.set(id, resolve);
      try {
        child.postMessage(message(id));
      } catch {
        // Input that cannot be cloned, or a host that just died.
        pending.delete(id);
        resolve(none);
      }
    });
  }

  onEvent(listener: (e: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets the core finish its calls, checkpoint the WAL and close the database; kills it after `timeoutMs`. */
  async close(timeoutMs = 15_000): Promise<void> {
    this.closing = true;
    const child = this.child;
    if (!child) return; // never started, or already gone
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.postMessage({ type: 'close' } satisfies ToHost);
    const timer = setTimeout(() => child.kill(), timeoutMs);
    await gone;
    clearTimeout(timer);
  }

  private exited(child: UtilityProcess, code: number, started: boolean): void {
    if (child !== this.child) return;
    this.child = undefined;
    for (const resolve of this.pending.values()) resolve(INTERNAL);
    this.pending.clear();
    for (const resolve of this.pendingFiles.values()) resolve(null);
    this.pendingFiles.clear();
    // Not started: start()'s caller hears the reason. Closing: expected.
    if (this.closing || !started) return;
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0]! < now - CRASH_WINDOW_MS) this.crashes.shift();
    console.error(`[planora] the core process ended unexpectedly (code ${code})`);
    if (this.crashes.length > MAX_CRASHES) {
      this.onFatal(`The Planora core stopped ${this.crashes.length} times in a few minutes (last exit code ${code}).`);
      return;
    }
    this.start().catch((e: unknown) => this.onFatal(e instanceof Error ? e.message : String(e)));
  }
}
