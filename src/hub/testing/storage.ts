import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Engine } from '../db/migrations';
import type { HubStorage } from '../db/open';
import { createDatabase, startPostgres, type TestPostgres } from './postgres';

/** Every hub suite runs on both engines. */
export const ENGINES: readonly Engine[] = ['pg', 'sqlite'];

let cluster: Promise<TestPostgres> | null = null;
let counter = 0;

// Registered when a test file imports this module, so it belongs to the file: its cluster stops after its last test.
afterAll(async () => {
  const started = cluster;
  cluster = null;
  if (started) await (await started).stop();
});

/**
 * Fresh, empty storage for one test: a new database in this test file's PostgreSQL cluster (started at the first
 * need, stopped after the file), or a new SQLite file under the run's temporary root.
 */
export async function freshStorage(engine: Engine): Promise<HubStorage> {
  counter += 1;
  if (engine === 'pg') {
    cluster ??= startPostgres();
    return { pg: await createDatabase((await cluster).url, `hub_${process.pid}_${counter}`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planora-hub-'));
  return { sqlite: path.join(dir, 'hub.db') };
}
