import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultConfig } from './config';
import { createCore, DatabaseDamagedError } from './core';
import { startUnavailableServer } from './web/unavailable';
import { checkFile, listBackups, restoreFrom } from './db/backup';
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo/seed';
import { coreLog } from './logfile';
import { dataDirOf, ensureDataDir } from './paths';
import { startServer } from './server';
import { webModeKey } from './secrets';
import { keepHeapTight } from './heap';
import { syncCheck } from './sync/checkCommand';
import { syncReset } from './sync/resetCommand';
import { resetIfAsked } from './sync/reset';

const HELP = `planora — desktop ERP for service businesses

  planora web [--data DIR] [--port N] [--host 127.0.0.1] [--allow-host NAME]... [--demo [--demo-size N]]
      web mode: the app and its API on a local port; it answers only at 127.0.0.1, localhost
      and [::1] (and at each --allow-host NAME), so a foreign site cannot reach it by DNS rebinding;
      --demo fills an empty folder with the demo organization, its call centre --demo-size interventions (3000)
  planora db backup [--data DIR]            online backup into DIR/backups
  planora db restore [FILE] [--data DIR]    replace the database with FILE (default: the newest backup)
  planora db check [--full] [--data DIR]    quick_check (or integrity_check with --full)
  planora sync check [--data DIR]           compare this folder's rows with its hub's current cells (exit 1: differences)
  planora sync reset [--data DIR]           with Planora closed: push what waits, back up, rebuild this folder's file from its hub
`;

function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', 'renderer'), path.join(here, '..', '..', 'dist', 'renderer')]) {
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return path.join(here, '..', 'renderer');
}

async function web(args: { data: string; port: number; host: string; allowHosts: string[]; demo: boolean; demoSize?: number }) {
  // Before anything is written there: on a fresh machine neither the folder nor its parents exist yet.
  ensureDataDir(args.data);
  const log = coreLog(args.data, { echo: true });
  const keyFile = path.join(args.data, 'secret.key');
  const secretKey = webModeKey(keyFile);
  if (!secretKey) {
    console.log(
      `This data folder belongs to the desktop app, whose secrets key (${keyFile}) only it can open (the OS key store). ` +
        'Web mode runs without it: everything works except saved mail passwords, which stay unused until the desktop app runs again.',
    );
  }
  const config = defaultConfig(args.data, { ...(secretKey ? { secretKey } : {}), log });
  if (await resetIfAsked(config)) console.log('This computer\'s data was rebuilt from the hub, as its administrator asked (a backup is in the backups folder).');
  const core = await createCore(config);
  const status = await core.dispatch({ name: 'setup.status', input: {}, sessionToken: null });
  const empty = status.result.ok && (status.result.data as { needsSetup: boolean }).needsSetup;
  let demo = false;
  if (empty && args.demo) {
    console.log('Loading the demo organization (2 branches, 500 clients, a call centre of 3,000 interventions)…');
    const started = performance.now();
    const cpu = process.cpuUsage();
    const out = await core.dispatch({ name: 'setup.demo', input: args.demoSize === undefined ? {} : { interventions: args.demoSize }, sessionToken: null });
    if (!out.result.ok) throw new Error(`demo failed: ${out.result.error.key}`);
    // Processor time beside the wall clock: on a machine shared with other work the two differ a lot.
    const used = process.cpuUsage(cpu);
    console.log(`Demo loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (processor ${((used.user + used.system) / 1e6).toFixed(1)} s).`);
    demo = true;
  } else if (args.demo) {
    // Started with --demo again on the folder the demo filled earlier: its logins still work.
    demo = (await core.db.selectFrom('app_user').select('login').where('login', '=', DEMO_LOGINS[0]!).executeTakeFirst()) !== undefined;
  }
  const server = await startServer(core, { host: args.host, port: args.port, allowHosts: args.allowHosts, rendererDir: rendererDir() });
  console.log(`Planora web mode: ${server.url}   (data: ${args.data})`);
  log(`web mode started: ${server.url}`);
  if (demo) console.log(`Demo logins (password ${DEMO_PASSWORD}): ${DEMO_LOGINS.join(', ')}`);
  else if (empty) console.log('Empty data folder: open the address above to run the setup wizard, or choose the demo organization there.');
  console.log('Stop with Ctrl+C.');
  let stopping = false;
  const stop = async () => {
    // Ctrl+C reaches the whole process group: npm start passes the signal on as well.
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.close();
    log('web mode stopped; database closed');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A damaged database: say so in the terminal, and answer the browser with the same explanation instead of "connection refused". */
async function explainDamage(e: DatabaseDamagedError, args: { port: number; host: string; allowHosts: string[] }) {
  console.error(e.message);
  const server = await startUnavailableServer(e.report, args);
  console.log(`Planora web mode cannot open the database; ${server.url} explains what to do.`);
  process.exitCode = 1;
  const stop = async () => {
    await server.close();
    process.exit(1);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function db(cmd: string | undefined, rest: string[], data: string, full: boolean) {
  const config = defaultConfig(data, { jobs: false });
  switch (cmd) {
    case 'backup': {
      const core = await createCore(config);
      const file = await core.backup('manual');
      await core.close();
      console.log(`Backup written: ${file}`);
      return;
    }
    case 'restore': {
      const file = rest[0] ?? listBackups(config.backupDir).at(-1);
      if (!file) throw new Error(`No backups in ${config.backupDir}`);
      restoreFrom(file, config.dbFile);
      console.log(`Restored ${config.dbFile} from ${file}`);
      return;
    }
    case 'check': {
      const problem = checkFile(config.dbFile, full);
      console.log(problem ? `Damaged: ${problem}` : 'ok');
      if (problem) process.exitCode = 1;
      return;
    }
    default:
      console.log(HELP);
      process.exitCode = 2;
  }
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      demo: { type: 'boolean' },
      'demo-size': { type: 'string' },
      full: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const data = dataDirOf(values.data);
  const [cmd, sub, ...rest] = positionals;
  if (values.help || !cmd) return console.log(HELP);
  if (cmd === 'web') {
    const args = { data, port: Number(values.port ?? process.env.PORT ?? 5780), host: values.host ?? '127.0.0.1', allowHosts: values['allow-host'] ?? [], demo: values.demo ?? false, ...(values['demo-size'] === undefined ? {} : { demoSize: Number(values['demo-size']) }) };
    return web(args).catch((e: unknown) => (e instanceof DatabaseDamagedError ? explainDamage(e, args) : Promise.reject(e)));
  }
  if (cmd === 'db') return db(sub, rest, data, values.full ?? false);
  if (cmd === 'sync' && sub === 'check') return void (process.exitCode = await syncCheck(data));
  if (cmd === 'sync' && sub === 'reset') return void (process.exitCode = await syncReset(data));
  console.log(HELP);
  process.exitCode = 2;
}

keepHeapTight();
main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
