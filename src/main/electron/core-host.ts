import { defaultConfig, type CoreConfig } from '../config';
import { createCore, type Core } from '../core';
import type { CallOutcome } from '../api/dispatcher';
import type { FromHost, HostCall, HostInit, ToHost } from './protocol';
import { keepHeapTight } from '../heap';

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
let closing = false;

function send(message: FromHost): void {
  try {
    port!.postMessage(message);
  } catch (e) {
    // A result that cannot be cloned (a handler bug) must still answer its caller, or the window waits forever.
    console.error('[planora] core host could not send a message', e);
    if (message.type === 'result') port!.postMessage({ ...message, outcome: INTERNAL } satisfies FromHost);
  }
}

async function start(init: HostInit): Promise<Core> {
  // Typed as an intersection so this compiles before and after CoreConfig declares `secretKey`.
  const config: CoreConfig & { secretKey: Buffer } = { ...defaultConfig(init.dataDir), secretKey: Buffer.from(init.secretKey, 'base64') };
  const c = await createCore(config);
  c.bus.on((e) => send({ type: 'event', event: { name: e.name, payload: e.payload, orgId: e.orgId, branchIds: e.branchIds, userId: e.userId } }));
  if (init.demo) await loadDemo(c);
  return c;
}

async function loadDemo(c: Core): Promise<void> {
  const status = await c.dispatch({ name: 'setup.status', input: {}, sessionToken: null });
  if (!status.result.ok || !(status.result.data as { needsSetup: boolean }).needsSetup) return;
  console.log('Loading the demo organization…');
  const out = await c.dispatch({ name: 'setup.demo', input: {}, sessionToken: null });
  if (!out.result.ok) throw new Error(`demo failed: ${out.result.error.key}`);
  const { logins } = out.result.data as { logins: { login: string; password: string }[] };
  console.log(`Demo logins: ${logins.map((l) => `${l.login} / ${l.password}`).join(', ')}`);
}

async function call(m: HostCall): Promise<void> {
  let outcome: CallOutcome;
  try {
    if (!core || closing) throw new Error('core not running');
    outcome = await (await core).dispatch({ name: m.name, input: m.input, sessionToken: m.sessionToken });
  } catch (e) {
    if (!closing) console.error(`[planora] call ${m.name} failed`, e);
    outcome = INTERNAL;
  }
  send({ type: 'result', id: m.id, outcome });
}

async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  try {
    await (await core)?.close();
  } catch (e) {
    console.error('[planora] closing the core failed', e);
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
