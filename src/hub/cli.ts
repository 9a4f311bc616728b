import { parseArgs } from 'node:util';
import { migrateHub, openHubDb, type HubStorage } from './db/open';
import { createHub } from './server';
import { fileClock, isLoopback } from './testClock';
import { createCode, listDevices, revokeDevice } from './store/devices';
import { requestReset, startRebuild } from './store/repair';

const USAGE = `Planora hub
  npm run hub -- [serve] (--sqlite FILE | --pg postgres://…) [--port 8787] [--host 127.0.0.1]
                 [--allow-http] [--trust-proxy] [--max-drift-minutes 5] [--batch-days 30]
                 test aids, refused unless --host is loopback:
                 [--test-clock-file FILE]   the hub's time is real time plus the milliseconds FILE holds (re-read
                                            when it changes), to see expiries and the chat's escalation in a test
                 [--escalate-every-ms N]    the chat's silence watch every N ms (default 15000)
  npm run hub -- code --new-org "Name" [--ttl-hours 24]       a code that founds the redeeming device's organization
  npm run hub -- code --org ORG_ID [--branch B]... [--ttl-hours 24]   a code to join ORG_ID (no --branch: every branch)
  npm run hub -- device list | device revoke DEVICE_ID | device reset DEVICE_ID
  npm run hub -- rebuild --org ORG_ID --name "Name" [--branch B]... [--ttl-hours 24]
                 after losing the hub's database: the organization again, one code per branch; each device
                 registered with its code pushes everything it holds
The database may also be given as DATABASE_URL.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sqlite: { type: 'string' },
    pg: { type: 'string' },
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'allow-http': { type: 'boolean', default: false },
    'trust-proxy': { type: 'boolean', default: false },
    'max-drift-minutes': { type: 'string' },
    'batch-days': { type: 'string' },
    'test-clock-file': { type: 'string' },
    'escalate-every-ms': { type: 'string' },
    'new-org': { type: 'string' },
    name: { type: 'string' },
    org: { type: 'string' },
    branch: { type: 'string', multiple: true },
    'ttl-hours': { type: 'string', default: '24' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function storage(): HubStorage {
  const pg = values.pg ?? (values.sqlite ? undefined : process.env.DATABASE_URL);
  if (values.sqlite && pg) fail('give either --sqlite or --pg, not both');
  if (values.sqlite) return { sqlite: values.sqlite };
  if (pg) return { pg };
  return fail('no database: --sqlite FILE, --pg URL or DATABASE_URL');
}

function positiveNumber(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a number`);
  return n;
}

async function withDb<T>(fn: (db: ReturnType<typeof openHubDb>['db']) => Promise<T>): Promise<T> {
  const opened = openHubDb(storage());
  try {
    await migrateHub(opened);
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

async function serve(): Promise<void> {
  const maxDrift = values['max-drift-minutes'];
  const batchDays = values['batch-days'];
  const clockFile = values['test-clock-file'];
  const escalateEvery = values['escalate-every-ms'];
  if ((clockFile || escalateEvery) && !isLoopback(values.host)) fail('--test-clock-file and --escalate-every-ms are test aids: only a hub listening on loopback (--host 127.0.0.1) may use them');
  const clock = clockFile ? fileClock(clockFile, { warn: (msg) => console.error(msg) }) : null;
  const hub = await createHub({
    storage: storage(),
    allowHttp: values['allow-http'],
    trustProxy: values['trust-proxy'],
    logger: { level: process.env.HUB_LOG_LEVEL ?? 'info' },
    ...(maxDrift ? { maxDriftMs: positiveNumber(maxDrift, 'max-drift-minutes') * 60_000 } : {}),
    ...(batchDays ? { batchDays: positiveNumber(batchDays, 'batch-days') } : {}),
    ...(clock ? { now: () => clock.now() } : {}),
    ...(escalateEvery ? { chat: { escalateEveryMs: Math.max(100, positiveNumber(escalateEvery, 'escalate-every-ms')) } } : {}),
  });
  const url = await hub.app.listen({ port: positiveNumber(values.port, 'port'), host: values.host });
  // Said whatever the log level: operators and scripts wait for this line.
  if (clockFile) hub.app.log.child({}, { level: 'info' }).warn({ file: clockFile, offsetMs: clock!.offset() }, 'hub runs on a test clock');
  hub.app.log.child({}, { level: 'info' }).info({ url, engine: hub.engine, pid: process.pid }, 'hub ready');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      hub.app.log.info({ signal: sig }, 'hub stopping');
      // A keep-alive connection a desktop left open can hold the close past a minute: state is in the database, so
      // after a few seconds the process goes anyway.
      setTimeout(() => process.exit(0), 5_000).unref();
      void hub.close().then(() => process.exit(0));
    });
  }
}

async function main(): Promise<void> {
  const [command = 'serve', sub, arg] = positionals;
  if (values.help) return void console.log(USAGE);
  if (command === 'serve') return serve();
  const ttlMs = positiveNumber(values['ttl-hours'], 'ttl-hours') * 3_600_000;
  if (command === 'code') {
    const spec = values['new-org'] ? { newOrg: values['new-org'] } : values.org ? { org: values.org, branches: values.branch ?? [] } : fail('code needs --new-org "Name" or --org ORG_ID');
    const code = await withDb((db) => createCode(db, spec, Date.now(), ttlMs));
    console.log(code);
    console.error(`one-time code, valid ${values['ttl-hours']} h; type it on the device (Sync → Register)`);
    return;
  }
  if (command === 'device' && sub === 'list') {
    const rows = await withDb((db) => listDevices(db));
    for (const d of rows) {
      const seen = d.last_seen_at ? new Date(d.last_seen_at).toISOString() : '-';
      console.log(`${d.id}  org ${d.org_id}  ${d.branch_ids ?? 'all branches'}  schema ${d.schema_version}  seen ${seen}${d.revoked_at ? '  REVOKED' : ''}${d.reset_requested_at ? '  RESET ASKED' : ''}  ${d.name}`);
    }
    return;
  }
  if (command === 'device' && sub === 'revoke' && arg) {
    const done = await withDb((db) => revokeDevice(db, arg, Date.now()));
    if (!done) fail(`no active device ${arg}`);
    console.log(`revoked ${arg}`);
    return;
  }
  if (command === 'device' && sub === 'reset' && arg) {
    const done = await withDb((db) => requestReset(db, arg, Date.now()));
    if (!done) fail(`no active device ${arg}`);
    console.log(`reset asked of ${arg}: at its next sync it pushes what it holds, keeps a backup and rebuilds its data from this hub`);
    return;
  }
  if (command === 'rebuild') {
    if (!values.org || !values.name) fail('rebuild needs --org ORG_ID and --name "Name"');
    const org = values.org;
    const name = values.name;
    const codes = await withDb((db) => startRebuild(db, { orgId: org, name, branches: values.branch ?? [] }, Date.now(), ttlMs));
    for (const c of codes) console.log(`${c.branch ?? 'all branches'}\t${c.code}`);
    console.error(`organization ${org} made again; register each device with its code (Sync settings): it pushes all it holds`);
    return;
  }
  fail(`unknown command: ${positionals.join(' ')}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
