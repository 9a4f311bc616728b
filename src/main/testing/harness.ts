import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Input, Output, ProcName } from '../../shared/api';
import type { ApiResult } from '../../shared/api/errors';
import type { Role } from '../../shared/permissions';
import type { SessionUser } from '../../shared/api/auth';
import type { Ctx } from '../api/context';
import { ManualClock } from '../clock';
import { defaultConfig, type CoreConfig } from '../config';
import { createCore, type Core } from '../core';
import { funnelGaps } from '../api/funnel';

export function tempDir(prefix = 'planora-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  core: Core;
  clock: ManualClock;
  dir: string;
  /** Calls a procedure with a session token, returning the raw result. */
  raw<N extends ProcName>(token: string | null, name: N, input: Input<N> | unknown): Promise<ApiResult<Output<N>>>;
  /** Calls and unwraps, throwing on a refusal. */
  call<N extends ProcName>(token: string | null, name: N, input: Input<N>): Promise<Output<N>>;
  login(login: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export const OWNER = { login: 'owner', password: 'owner-pass-1' };

/** A real core on a real SQLite file in a temp folder, with a clock the test moves. */
export async function startTestApp(over: Partial<CoreConfig> = {}, dir = tempDir()): Promise<TestApp> {
  const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
  const core = await createCore(defaultConfig(dir, { clock, jobs: false, validateOutput: true, log: () => undefined, ...over }));
  const raw = async (token: string | null, name: string, input: unknown) => (await core.dispatch({ name, input, sessionToken: token })).result as any;
  const app: TestApp = {
    core,
    clock,
    dir,
    raw,
    async call(token, name, input) {
      const r = await raw(token, name, input);
      if (!r.ok) throw new Error(`${name} refused: ${JSON.stringify(r.error)}`);
      return r.data;
    },
    async login(login, password) {
      const out = await core.dispatch({ name: 'auth.login', input: { login, password }, sessionToken: null });
      if (!out.result.ok || !out.sessionToken) throw new Error(`login ${login} failed: ${JSON.stringify(out.result)}`);
      return out.sessionToken;
    },
    // Every test that runs a core also proves that each write it made went through the write funnel.
    async close() {
      const gaps = core.sqlite.open ? funnelGaps(core.sqlite) : [];
      await core.close();
      if (gaps.length) throw new Error(`writes around the funnel: ${JSON.stringify(gaps.slice(0, 5))}${gaps.length > 5 ? ` (+${gaps.length - 5} more)` : ''}`);
    },
  };
  return app;
}

/** The setup wizard's answers every test organization starts from (tests of other transports send them as they are). */
export const SETUP_INPUT = {
  orgName: 'Test Serviss',
  country: 'LV',
  timeZone: 'Europe/Riga',
  languages: ['lv', 'en'],
  branchName: 'Rīga',
  ownerName: 'Ilze Kalniņa',
  ownerLogin: OWNER.login,
  ownerPassword: OWNER.password,
  ownerLanguage: 'en',
};

/** Runs the setup wizard's procedure and returns the owner's session token. */
export async function setupOrg(app: TestApp, over: Record<string, unknown> = {}): Promise<string> {
  const out = await app.core.dispatch({ name: 'setup.run', sessionToken: null, input: { ...SETUP_INPUT, ...over } });
  if (!out.result.ok || !out.sessionToken) throw new Error(`setup failed: ${JSON.stringify(out.result)}`);
  return out.sessionToken;
}

export interface TestOrg {
  app: TestApp;
  /** The owner's session token. */
  owner: string;
}

export interface TestOrgOptions {
  config?: Partial<CoreConfig>;
  /** Answers of the setup wizard that differ from SETUP_INPUT. */
  setup?: Record<string, unknown>;
}

/** A real core with an organization set up by the wizard, and its owner logged in. */
export async function openTestOrg(opts: TestOrgOptions = {}): Promise<TestOrg> {
  const app = await startTestApp(opts.config);
  return { app, owner: await setupOrg(app, opts.setup) };
}

/** Closes the core and removes its folder, so a long run does not pile folders up until its end. */
export async function disposeTestApp(app: TestApp): Promise<void> {
  try {
    await app.close();
  } finally {
    fs.rmSync(app.dir, { recursive: true, force: true });
  }
}

/** A person client with nothing but a name: the input most tests need a client for. */
export const personInput = (name: string) => ({ kind: 'person' as const, name, phones: [], emails: [], addresses: [], contacts: [] });

/** Adds a colleague of one role who sees one branch (password `password-123`, named by the login). */
export async function addStaff(app: TestApp, ownerToken: string, login: string, role: Role, branchId: string): Promise<{ id: string }> {
  return app.call(ownerToken, 'users.create', { login, password: 'password-123', name: login, role, language: 'en', branchIds: [branchId] });
}

/** Creates a user of the given role in the owner's first branch and logs them in. */
export async function userWithRole(app: TestApp, ownerToken: string, role: Role, login = `${role}.${Math.random().toString(36).slice(2, 8)}`): Promise<{ token: string; id: string }> {
  const [branch] = await app.call(ownerToken, 'branches.list', {});
  const user = await app.call(ownerToken, 'users.create', { login, password: 'password-123', name: `Test ${role}`, role, language: 'en', branchIds: [branch!.id] });
  return { token: await app.login(login, 'password-123'), id: user.id };
}

/** Every row of every table, to prove that a refused call changed nothing. */
export function snapshotDb(core: Core): string {
  // Full-text tables and their shadow tables are indexes, not data (FTS5 may reorganise them on any write).
  const virtual = core.sqlite.prepare(`select name from sqlite_master where type='table' and sql like 'create virtual table%'`).pluck().all() as string[];
  const tables = (core.sqlite.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).filter(
    (t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)),
  );
  return JSON.stringify(tables.map((t) => [t.name, core.sqlite.prepare(`select * from "${t.name}" order by rowid`).all()]));
}

/** Runs service code directly in one transaction, as the given user (or none): for set-ups no procedure offers, like a second organization. */
export async function withCtx<T>(app: TestApp, user: SessionUser | null, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return app.core.db.transaction().execute((trx) =>
    fn({
      db: trx,
      user,
      clock: app.clock,
      config: app.core.config,
      sessions: app.core.sessions,
      services: app.core.services,
      sessionToken: null,
      emit: () => undefined,
      emitNow: () => undefined,
      setSession: () => undefined,
      afterCommit: (f) => f(),
    }),
  );
}
