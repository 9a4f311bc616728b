import type { Results } from './results';

/** The 1 GB database most figures run on: 100,000 clients and years of detailed audit history. */
export const CLIENTS_1GB = { name: 'clients-100k', clients: 100_000, targetBytes: 1024 ** 3 };

export interface BenchContext {
  results: Results;
  log: (msg: string) => void;
}

/**
 * A group of figures. Add one by writing `bench/suites/<module>.ts` exporting a Suite and listing it in
 * bench/run.ts; `npm run bench -- --only <id>` runs only some and keeps the other lines of results.json.
 */
export interface Suite {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<void>;
}
