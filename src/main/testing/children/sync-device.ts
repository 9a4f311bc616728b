/**
 * Child process of the sync property test: one branch's installation on its own data folder (already registered with
 * a hub), its clock skewed by the given milliseconds, syncing as the desktop does (rounds after saves, long polls) and
 * on command. The test drives it by stdin lines and kills it (SIGKILL) where it likes:
 *
 *   act <seed> <count> [moves|book]   a clerk's seeded acts (or only moves, only bookings); `ack <json>` once each call
 *                        returned, then `acted <n>`
 *   sync                 a round now; `synced <json>` (state, pending) when it ended
 *   offline 0|1          every request to the hub fails as a cut line does
 *   go <id> / cut <id>   lets a held request (`gate <id> push|pull send|answer`) go on, or fails it
 *   quit                 closes the core cleanly and exits 0
 *
 * Each request to `/hub/v1/sync` is held twice for the test's word: before it leaves, and after the hub answered but
 * before the device reads and applies the answer. Between them the test can kill the process at a known point.
 *
 *   node --import tsx src/main/testing/children/sync-device.ts <dataDir> <skewMs> <pullLimit>
 */
import readline from 'node:readline';
import { defaultConfig } from '../../config';
import { createCore } from '../../core';
import { SYNC_DESK } from '../../sync';
import { clerkOf } from '../../sync/engine/clerkTesting';

const [dir, skewText, pullText] = process.argv.slice(2);
if (!dir) throw new Error('usage: sync-device.ts <dataDir> <skewMs> <pullLimit>');
const skew = Number(skewText ?? 0);
const out = (line: string) => void process.stdout.write(`${line}\n`);

let offline = false;
let gates = 0;
const held = new Map<string, (go: boolean) => void>();
const realFetch = globalThis.fetch;
const gate = (kind: string, phase: string) =>
  new Promise<boolean>((resolve) => {
    const id = String(++gates);
    held.set(id, resolve);
    out(`gate ${id} ${kind} ${phase}`);
  });
globalThis.fetch = async (input, init) => {
  if (offline) throw new TypeError('fetch failed');
  const url = String(input instanceof Request ? input.url : input);
  if (!url.endsWith('/hub/v1/sync')) return realFetch(input, init);
  const kind = (JSON.parse(String(init?.body ?? '{}')) as { cells?: unknown[] }).cells?.length ? 'push' : 'pull';
  if (!(await gate(kind, 'send'))) throw new TypeError('fetch failed');
  const res = await realFetch(input, init);
  if (!(await gate(kind, 'answer'))) throw new TypeError('fetch failed');
  return res;
};

const core = await createCore(defaultConfig(dir, { jobs: false, clock: { now: () => Date.now() + skew }, syncPullLimit: Number(pullText ?? 2000), log: (m, e) => console.error(m, e ?? '') }));
await core.ready;
const login = await core.dispatch({ name: 'auth.login', input: { login: 'owner', password: 'owner-pass-1' }, sessionToken: null });
if (!login.sessionToken) throw new Error(`login failed: ${JSON.stringify(login.result)}`);
const device = core.sqlite.prepare('select installation_id from sync_device where id = 1').pluck().get() as string;
const clerk = clerkOf(core, login.sessionToken, device.slice(0, 4));
const engine = core.services.get(SYNC_DESK).engine;

// One command at a time, in order; gate answers are taken at once (a round under way waits on them).
let queue = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, a, b, c] = line.split(' ');
  if (cmd === 'go' || cmd === 'cut') {
    held.get(a!)?.(cmd === 'go');
    held.delete(a!);
    return;
  }
  queue = queue.then(async () => {
    if (cmd === 'act') {
      const n = await clerk.act(Number(a), Number(b), (ack) => out(`ack ${JSON.stringify(ack)}`), c === 'moves' || c === 'book' ? c : undefined);
      out(`acted ${n}`);
    } else if (cmd === 'sync') {
      await engine.syncNow();
      const status = core.sqlite.prepare('select count(*) from change_log where origin is null and seq > (select pushed_seq from sync_device where id = 1)').pluck().get();
      out(`synced ${JSON.stringify({ state: engine.view().state, pending: status })}`);
    } else if (cmd === 'offline') {
      offline = a === '1';
      out(`offline ${a}`);
    } else if (cmd === 'quit') {
      await core.close();
      process.exit(0);
    }
  });
});
out(`ready ${device}`);
