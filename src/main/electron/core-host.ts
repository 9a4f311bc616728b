import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type CoreConfig } from '../config';
import { useNativeBinding } from '../db/connection';
import { chooseNativeBinding } from '../db/native-binding';
import { coreLog } from '../logfile';
import { ensureDataDir } from '../paths';
import { createCore, type Core } from '../core';
import type { CallOutcome } from '../api/dispatcher';
import { attachmentForSession } from '../modules/interventions/attachmentAccess';
import type { FromHost, HostAttachment, HostCall, HostInit, ToHost } from './protocol';
import { keepHeapTight } from '../heap';
import { resetIfAsked } from '../sync/reset';

/**
 * The core in an Electron utilityProcess: SQLite, jobs and handlers run here, so a long query or
 * a big export never stalls window handling in the main process, which only relays messages.
 */

/** What Electron puts on `process` in a utility process, typed here so this file never loads 'electron'. */
interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

keepHeapTight();
const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const INTERNAL: CallOutcome = { result: { ok: false, error: { code: 'internal', key: 'errors.internal' } } };

let core: Promise<Core> | undefined;
/** Until init names the data folder, problems can only go to stderr. */
let log: (msg: string, err?: unknown) => void = (msg, err) => console.error(`[planora] ${msg}`, err ?? '');
let closing = false;

function send(message: FromHost): void {
  try {
    port!.postMessage(message);
  } catch (e) {
    // A result that cannot be cloned (a handler bug) must still answer its caller, or the window waits forever.
    log('core host could not send a message', e);
    if (message.type === 'result') port!.postMessage({ ...message, outcome: INTERNAL } satisfies FromHost);
  }
}

/** This file: dist/main/electron/core-host.js from a checkout, inside resources/app.asar once packaged. */
const SELF = fileURLToPath(import.meta.url);

/**
 * Points better-sqlite3 at the build for Electron's ABI (under plain Node, as in the tests, nothing changes).
 * A missing build is said plainly: main shows it, and `npm start` falls back to web mode.
 */
export function selectSqliteBinding(): void {
  const binding = chooseNativeBinding({
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    modulePath: SELF,
    repoRoot: path.resolve(path.dirname(SELF), '..', '..', '..'),
  });
  if (binding && !fs.existsSync(binding)) {
    throw new Error(`SQLite for Electron ${process.versions.electron} (module version ${process.versions.modules}) is missing: ${binding}. From the repository, \`npm start\` prepares it (scripts/electron-native.mjs); an installed app carries it in resources/native.`);
  }
  useNativeBinding(binding);
}

async function start(init: HostInit): Promise<Core> {
  ensureDataDir(init.dataDir);
  // The packaged app has no console: the log file in the data folder is what support reads.
  log = coreLog(init.dataDir, { echo: true });
  try {
    selectSqliteBinding();
    // Typed as an intersection so this compiles before and after CoreConfig declares `secretKey`.
    const config: CoreConfig & { secretKey: Buffer } = { ...defaultConfig(init.dataDir, { log }), secretKey: Buffer.from(init.secretKey, 'base64') };
    const c = await startCore(config, init);
    log(`core started (Electron ${process.versions.electron ?? '-'}, data ${init.dataDir})`);
    return c;
  } catch (e) {
    log('the core could not start', e);
    throw e;
  }
}

async function startCore(config: CoreConfig, init: HostInit): Promise<Core> {
  // The hub asked at the last sync to rebuild this file from it: before anything opens it.
  await resetIfAsked(config);
  const c = await createCore(config);
  c.bus.on((e) => send({ type: 'event', event: { name: e.name, payload: e.payload, orgId: e.orgId, branchIds: e.branchIds, userId: e.userId } }));
  if (init.demo) await loadDemo(c);
  return c;
}

async function loadDemo(c: Core): Promise<void> {
  const status = await c.dispatch({ name: 'setup.status', input: {}, sessionToken: null });
  if (!status.result.ok || !(status.result.data as { needsSetup: boolean }).needsSetup) return;
  console.log('Loading the demo organization (2 branches, 500 clients, a call centre of 3,000 interventions)…');
  const out = await c.dispatch({ name: 'setup.demo', input: {}, sessionToken: null });
  if (!out.result.ok) throw new Error(`demo failed: ${out.result.error.key}`);
  const { logins } = out.result.data as { logins: { login: string; password: string }[] };
  console.log(`Demo logins (password ${logins[0]?.password ?? ''}): ${logins.map((l) => l.login).join(', ')}`);
}

async function call(m: HostCall): Promise<void> {
  let outcome: CallOutcome;
  try {
    if (!core || closing) throw new Error('core not running');
    outcome = await (await core).dispatch({ name: m.name, input: m.input, sessionToken: m.sessionToken });
  } catch (e) {
    if (!closing) log(`call ${m.name} failed`, e);
    outcome = INTERNAL;
  }
  send({ type: 'result', id: m.id, outcome });
}

async function attachment(m: HostAttachment): Promise<void> {
  let file = null;
  try {
    if (core && !closing) file = await attachmentForSession(await core, m.sha, m.sessionToken);
  } catch (e) {
    log('looking up an attachment failed', e);
  }
  send({ type: 'attachment', id: m.id, file });
}

async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  try {
    await (await core)?.close();
  } catch (e) {
    log('closing the core failed', e);
  }
  send({ type: 'closed' });
  // Leave a turn for the message to go out before the process ends.
  setImmediate(() => process.exit(0));
}

function onMessage(data: unknown): void {
  const m = data as ToHost;
  switch (m?.type) {
    case 'init':
      if (core) return;
      core = start(m);
      core.then(
        () => send({ type: 'ready' }),
        (e: unknown) => {
          send({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
          setImmediate(() => process.exit(1));
        },
      );
      return;
    case 'call':
      void call(m);
      return;
    case 'attachment':
      void attachment(m);
      return;
    case 'close':
      void close();
      return;
  }
}

if (port) {
  port.on('message', (e) => onMessage(e.data));
  // The host lives until main says close (which exits): it must not end early because its event loop
  // looks empty while it waits for init (seen in packaged apps, electron/electron#42978).
  setInterval(() => undefined, 2 ** 30);
} else {
  console.error('core-host.js runs only as an Electron utility process (process.parentPort is missing).');
  process.exitCode = 2;
}
