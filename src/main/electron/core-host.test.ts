import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { personInput, SETUP_INPUT, tempDir } from '../testing/harness';
import type { FromHost, ToHost } from './protocol';

/**
 * Runs core-host.ts as a real child process under plain Node, with a stand-in for the one thing
 * Electron's utilityProcess adds: process.parentPort (messages by structured clone, data in `e.data`).
 */
const HOST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'core-host.ts');
const SHIM = `
import { EventEmitter } from 'node:events';
const port = new EventEmitter();
const queue = [];
port.postMessage = (m) => process.send(m);
// Like Electron's parentPort, keep messages until someone listens (the host module loads after this shim).
process.on('message', (m) => (port.listenerCount('message') ? port.emit('message', { data: m }) : queue.push(m)));
port.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => queue.splice(0).forEach((m) => port.emit('message', { data: m })));
});
process.parentPort = port;
`;


const KEY = Buffer.alloc(32, 7).toString('base64');

/** A core host process of its own, with a fresh folder for its data. */
class Host {
  readonly dir = tempDir();
  readonly child: ChildProcess;
  private readonly inbox: FromHost[] = [];
  private waiters: (() => void)[] = [];
  readonly exit: Promise<number | null>;

  constructor() {
    const shim = path.join(this.dir, 'parent-port-shim.mjs');
    fs.writeFileSync(shim, SHIM);
    this.child = fork(HOST, [], { execArgv: ['--import', 'tsx', '--import', shim], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.child.on('message', (m) => {
      this.inbox.push(m as FromHost);
      for (const w of this.waiters.splice(0)) w();
    });
    this.exit = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  send(m: ToHost): void {
    this.child.send(m);
  }

  /** What main sends once the app is ready: where the data is (its own folder unless told), and the secret key. */
  init(opts: { dataDir?: string; demo?: boolean } = {}): void {
    this.send({ type: 'init', dataDir: opts.dataDir ?? this.dir, secretKey: KEY, demo: opts.demo ?? false });
  }

  /** Asks the core to close the database, and resolves with the process's exit code. */
  close(): Promise<number | null> {
    this.send({ type: 'close' });
    return this.exit;
  }

  /** The first message (oldest first) that matches, waiting for it if needed. */
  async next<T extends FromHost['type']>(type: T, match: (m: Extract<FromHost, { type: T }>) => boolean = () => true): Promise<Extract<FromHost, { type: T }>> {
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type && match(m as Extract<FromHost, { type: T }>));
      if (i >= 0) return this.inbox.splice(i, 1)[0] as Extract<FromHost, { type: T }>;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** 'ready', or the reason the core did not start (so a broken start fails fast instead of timing out). */
  async started(): Promise<FromHost> {
    for (;;) {
      const m = this.inbox.find((x) => x.type === 'ready' || x.type === 'failed');
      if (m) return m;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async call(id: number, name: string, input: unknown, sessionToken: string | null = null) {
    this.send({ type: 'call', id, name, input, sessionToken });
    return (await this.next('result', (m) => m.id === id)).outcome;
  }

  /** Calls and unwraps, failing the test on a refusal. */
  async ok<T>(id: number, name: string, input: unknown, sessionToken: string | null = null): Promise<T> {
    const out = await this.call(id, name, input, sessionToken);
    if (!out.result.ok) throw new Error(`${name} refused: ${JSON.stringify(out.result.error)}`);
    return out.result.data as T;
  }

  async attachment(id: number, sha: string, sessionToken: string | null) {
    this.send({ type: 'attachment', id, sha, sessionToken });
    return (await this.next('attachment', (m) => m.id === id)).file;
  }
}

let host: Host | undefined;
afterEach(() => {
  host?.child.kill();
  host = undefined;
});

describe('core host (the utility process behind the desktop window)', () => {
  it('answers calls, forwards events with their organization, and closes the database cleanly', async () => {
    host = new Host();
    const dir = host.dir;
    // A call before init finds no core; it must still be answered, or its window would wait forever.
    expect((await host.call(0, 'setup.status', {})).result).toMatchObject({ ok: false, error: { code: 'internal' } });
    host.init();
    expect(await host.started()).toEqual({ type: 'ready' });

    expect((await host.call(1, 'setup.status', {})).result).toEqual({ ok: true, data: { needsSetup: true } });
    expect((await host.call(2, 'no.such.procedure', {})).result).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const setup = await host.call(3, 'setup.run', SETUP_INPUT);
    expect(setup.result.ok).toBe(true);
    expect(typeof setup.sessionToken).toBe('string');
    const orgId = (setup.result as { data: { orgId: string } }).data.orgId;

    // Calls run concurrently and are matched by id, not by order.
    const [a, b] = await Promise.all([host.call(5, 'auth.me', {}, setup.sessionToken!), host.call(4, 'clients.create', personInput('Anna Liepiņa'), setup.sessionToken!)]);
    expect(a.result).toMatchObject({ ok: true, data: { login: 'owner', orgId } });
    expect(b.result.ok).toBe(true);
    const event = await host.next('event', (m) => m.event.name === 'clients.changed');
    expect(event.event).toEqual({ name: 'clients.changed', payload: { ids: [expect.any(String)] }, orgId });

    expect(fs.existsSync(path.join(dir, 'planora.db.running'))).toBe(true);
    host.send({ type: 'close' });
    await host.next('closed');
    expect(await host.exit).toBe(0);
    // The mark of a running core is gone: the next start skips the slow integrity check.
    expect(fs.existsSync(path.join(dir, 'planora.db.running'))).toBe(false);
  });

  it('says why the core could not start, then ends', async () => {
    host = new Host();
    const notADir = path.join(host.dir, 'file');
    fs.writeFileSync(notADir, 'x');
    host.init({ dataDir: notADir });
    expect((await host.next('failed')).message).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/i);
    expect(await host.exit).toBe(1);
  });

  it('loads the demo organization into an empty folder when asked', async () => {
    host = new Host();
    host.init({ demo: true });
    expect(await host.started()).toEqual({ type: 'ready' });
    expect((await host.call(1, 'setup.status', {})).result).toEqual({ ok: true, data: { needsSetup: false } });
    expect(await host.close()).toBe(0);
  }, 240_000);

  it('hands a timeline file to main only for a session whose branch holds it, and logs to the data folder', async () => {
    host = new Host();
    const dir = host.dir;
    host.init();
    expect(await host.started()).toEqual({ type: 'ready' });
    const owner = (await host.call(1, 'setup.run', SETUP_INPUT)).sessionToken!;
    const [riga] = await host.ok<{ id: string }[]>(2, 'branches.list', {}, owner);
    const far = await host.ok<{ id: string }>(3, 'branches.create', { name: 'Yerevan', timeZone: 'Asia/Yerevan' }, owner);
    for (const [i, login, branchId] of [[4, 'tech.riga', riga!.id], [5, 'tech.far', far.id]] as const) {
      await host.ok(i, 'users.create', { login, password: 'password-123', name: login, role: 'employee', language: 'en', branchIds: [branchId] }, owner);
    }
    const client = await host.ok<{ client: { id: string } }>(6, 'clients.create', personInput('Anna Liepiņa'), owner);
    const doc = await host.ok<{ id: string }>(7, 'interventions.create', { branchId: riga!.id, clientId: client.client.id, priority: 'low', docDate: '2026-11-23' }, owner);
    const upload = await host.ok<{ uploadId: string }>(17, 'interventions.uploadChunk', { offset: 0, data: Buffer.from('%PDF-1.4 act').toString('base64') }, owner);
    const note = await host.ok<{ attachmentSha256: string }>(8, 'interventions.addNote', { id: doc.id, style: 1, text: 'scan', attachment: { name: 'akts-Ķemeri.pdf', uploadId: upload.uploadId } }, owner);
    const token = async (id: number, login: string) => (await host!.call(id, 'auth.login', { login, password: 'password-123' })).sessionToken!;

    const mine = await host.attachment(10, note.attachmentSha256, await token(9, 'tech.riga'));
    expect(mine).toEqual({ path: expect.stringContaining(path.join(dir, 'attachments')), name: 'akts-Ķemeri.pdf' });
    expect(fs.readFileSync(mine!.path, 'utf8')).toBe('%PDF-1.4 act');
    expect(await host.attachment(11, note.attachmentSha256, owner)).toEqual(mine);
    // Another branch, no session, an unknown or malformed hash: nothing, and the same nothing.
    expect(await host.attachment(13, note.attachmentSha256, await token(12, 'tech.far'))).toBeNull();
    expect(await host.attachment(14, note.attachmentSha256, null)).toBeNull();
    expect(await host.attachment(15, '0'.repeat(64), owner)).toBeNull();
    expect(await host.attachment(16, '../planora.db', owner)).toBeNull();

    expect(await host.close()).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'planora.log'), 'utf8')).toMatch(/^\S+Z core started \(Electron -, data /m);
  });
});
