import { NO_TIME } from './dates';
import type { Plan } from './plan';

/**
 * A plan's tests as straight-line JavaScript: each scan is generated once per query with its columns as locals and
 * its values as literals, which V8 compiles to a tight loop — about twice as fast as looping over the test lists,
 * and the scans are the whole cost of a count or a group at a million rows. Only numbers are ever spliced in.
 */
export interface CompiledScans {
  /** Whether one (live) row passes. */
  test(s: number): boolean;
  count(live: Uint8Array, n: number): number;
  /** Up to `need` matching rows of `order` from position `start` on (descending walks from the end): the first `count` of `rows`, and where it stopped. */
  walkFrom(order: Uint32Array, desc: boolean, start: number, need: number): { rows: Uint32Array; count: number; next: number };
  /** Adds 1 to `counts[col[s] - first]` (by day for minute columns) for each matching live row; returns how many had no date. */
  group(live: Uint8Array, n: number, col: Int32Array, counts: Int32Array, first: number, minutes: boolean): number;
  /** The same three over a list of live rowids instead of every row. */
  countList(list: Uint32Array): number;
  filterList(list: Uint32Array): Uint32Array;
  groupList(list: Uint32Array, col: Int32Array, counts: Int32Array, first: number, minutes: boolean): number;
}

function literal(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  return String(Math.trunc(v));
}

export function compileScans(p: Plan): CompiledScans {
  const names: string[] = [];
  const values: unknown[] = [];
  const local = (prefix: string, v: unknown) => {
    names.push(`${prefix}${names.length}`);
    values.push(v);
    return names[names.length - 1]!;
  };
  const cond: string[] = [];
  p.eqCols.forEach((col, i) => cond.push(`${local('e', col)}[s] === ${literal(p.eqVals[i]!)}`));
  p.maskCols.forEach((col, i) => cond.push(`${local('m', p.masks[i])}[${local('c', col)}[s]] === 1`));
  p.rangeCols.forEach((col, i) => {
    const c = local('r', col);
    cond.push(`${c}[s] >= ${literal(Math.max(p.rangeLo[i]!, NO_TIME))} && ${c}[s] < ${literal(Math.min(p.rangeHi[i]!, 2 ** 31 - 1))}`);
  });
  p.flags.forEach((f) => cond.push(`${local('f', f)}[s] === 1`));
  const test = cond.length ? cond.join(' && ') : 'true';
  const body = `
    return {
      test(s) {
        return ${test};
      },
      count(live, n) {
        let c = 0;
        for (let s = 0; s < n; s++) if (live[s] === 1 && ${test}) c++;
        return c;
      },
      walkFrom(order, desc, start, need) {
        const len = order.length;
        // Grown as rows are found: a buffer the size of the whole order for every count would keep the collector busy.
        let out = new Uint32Array(Math.max(0, Math.min(need, len - start, 16384)));
        let k = 0, i = start;
        for (; i < len && k < need; i++) {
          const s = order[desc ? len - 1 - i : i];
          if (${test}) {
            if (k === out.length) {
              const more = new Uint32Array(Math.min(need, len - start, out.length * 2));
              more.set(out);
              out = more;
            }
            out[k++] = s;
          }
        }
        return { rows: out, count: k, next: i };
      },
      group(live, n, col, counts, first, minutes) {
        let none = 0;
        if (minutes) {
          for (let s = 0; s < n; s++) if (live[s] === 1 && ${test}) { const v = col[s]; if (v === ${NO_TIME}) none++; else counts[Math.floor(v / 1440) - first]++; }
        } else {
          for (let s = 0; s < n; s++) if (live[s] === 1 && ${test}) { const v = col[s]; if (v === ${NO_TIME}) none++; else counts[v - first]++; }
        }
        return none;
      },
      countList(list) {
        let c = 0;
        for (let i = 0; i < list.length; i++) { const s = list[i]; if (${test}) c++; }
        return c;
      },
      filterList(list) {
        const out = new Uint32Array(list.length);
        let k = 0;
        for (let i = 0; i < list.length; i++) { const s = list[i]; if (${test}) out[k++] = s; }
        return out.subarray(0, k);
      },
      groupList(list, col, counts, first, minutes) {
        let none = 0;
        for (let i = 0; i < list.length; i++) {
          const s = list[i];
          if (!(${test})) continue;
          const v = col[s];
          if (v === ${NO_TIME}) none++;
          else counts[(minutes ? Math.floor(v / 1440) : v) - first]++;
        }
        return none;
      },
    };`;
  return new Function(...names, body)(...values) as CompiledScans;
}
