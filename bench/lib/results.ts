import fs from 'node:fs';
import { summarize } from './timing';
import { fmt, printTable } from './table';

/** One line of bench/results.json. `target` is the most `p95` may be (same unit), or null for a figure kept for the record. */
export interface Figure {
  name: string;
  unit: string;
  p50: number;
  p95: number;
  target: number | null;
}

interface Entry extends Figure {
  n: number;
  note?: string;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Collects figures as a run goes, prints them as a table and writes them as JSON. */
export class Results {
  readonly entries: Entry[] = [];

  /** A figure from timing samples (milliseconds unless said). */
  addSamples(name: string, samples: readonly number[], target: number | null, opts: { unit?: string; note?: string } = {}): Figure {
    const s = summarize(samples);
    return this.push({ name, unit: opts.unit ?? 'ms', p50: round(s.p50), p95: round(s.p95), target: target === null ? null : round(target), n: s.n, note: opts.note });
  }

  /** A single measured value (a size, a peak): p50 and p95 are the value itself. */
  addValue(name: string, unit: string, value: number, target: number | null = null, note?: string): Figure {
    return this.push({ name, unit, p50: round(value), p95: round(value), target, n: 1, note });
  }

  private push(e: Entry): Figure {
    const i = this.entries.findIndex((x) => x.name === e.name);
    if (i >= 0) this.entries.splice(i, 1, e);
    else this.entries.push(e);
    console.log(`  ${e.name}: p50 ${fmt(e.p50)} ${e.unit}, p95 ${fmt(e.p95)} ${e.unit}${e.target === null ? '' : ` (target ≤ ${fmt(e.target)})`}${e.n > 1 ? `, n=${e.n}` : ''}`);
    return e;
  }

  /** Figures over their target. */
  failures(): Entry[] {
    return this.entries.filter((e) => e.target !== null && e.p95 > e.target);
  }

  print(): void {
    printTable(
      ['figure', 'unit', 'n', 'p50', 'p95', 'target', 'ok', 'note'],
      this.entries.map((e) => [e.name, e.unit, e.n, fmt(e.p50), fmt(e.p95), e.target === null ? '–' : `≤ ${fmt(e.target)}`, e.target === null ? '' : e.p95 <= e.target ? 'yes' : 'NO', e.note ?? '']),
    );
  }

  /**
   * Writes the figures as a JSON list of { name, unit, p50, p95, target }. With `merge`, figures of an earlier run
   * that this run did not measure are kept (a partial run with --only replaces only its own lines).
   */
  write(file: string, merge = false): void {
    let figures: Figure[] = this.entries.map(({ name, unit, p50, p95, target }) => ({ name, unit, p50, p95, target }));
    if (merge && fs.existsSync(file)) {
      const old = JSON.parse(fs.readFileSync(file, 'utf8')) as Figure[];
      const mine = new Set(figures.map((f) => f.name));
      figures = [...old.filter((f) => !mine.has(f.name)), ...figures];
    }
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(figures, null, 2)}\n`);
    fs.renameSync(tmp, file);
  }
}
