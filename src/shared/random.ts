/** A small seeded generator (mulberry32): the same seed gives the same demo, test case or plan on every machine. */
export interface Random {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  /** A key by weight: `{ a: 3, b: 1 }` gives `a` three times as often. */
  weighted<K extends string>(weights: Record<K, number>): K;
}

export function random(seed: number): Random {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
    weighted(weights) {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      let r = next() * keys.reduce((sum, k) => sum + weights[k], 0);
      for (const k of keys) {
        r -= weights[k];
        if (r < 0) return k;
      }
      return keys[keys.length - 1]!;
    },
  };
}
