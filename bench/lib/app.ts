import { defaultConfig, type CoreConfig } from '../../src/main/config';
import { createCore, type Core } from '../../src/main/core';
import { keepHeapTight } from '../../src/main/heap';
import type { Input, Output, ProcName } from '../../src/shared/api';

/** The configuration the program runs with (no output validation), quiet, with overrides. */
export function benchConfig(dataDir: string, over: Partial<CoreConfig> = {}): CoreConfig {
  return defaultConfig(dataDir, { log: (msg, err) => console.error(`[core] ${msg}`, err ?? ''), ...over });
}

export async function openCore(dataDir: string, over: Partial<CoreConfig> = {}): Promise<Core> {
  // As the program's own processes do (src/main/heap.ts).
  keepHeapTight();
  return createCore(benchConfig(dataDir, { jobs: false, ...over }));
}

/** Calls a procedure through the dispatcher as the holder of `token`, throwing on a refusal. */
export async function call<N extends ProcName>(core: Core, token: string | null, name: N, input: Input<N>): Promise<Output<N>> {
  const out = await core.dispatch({ name, input, sessionToken: token });
  if (!out.result.ok) throw new Error(`${name} refused: ${JSON.stringify(out.result.error)}`);
  return out.result.data as Output<N>;
}

/** Logs in through the dispatcher and returns the session token. */
export async function login(core: Core, login: string, password: string): Promise<string> {
  const out = await core.dispatch({ name: 'auth.login', input: { login, password }, sessionToken: null });
  if (!out.result.ok || !out.sessionToken) throw new Error(`login ${login} failed: ${JSON.stringify(out.result)}`);
  return out.sessionToken;
}
