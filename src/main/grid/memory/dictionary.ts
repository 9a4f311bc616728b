/**
 * Strings as small integers: the grid's columns hold codes, so a filter or a group compares numbers.
 * Code 0 is "none" (SQL NULL); codes are never reused, so a code seen once keeps its meaning.
 */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: (string | null)[] = [null];

  get size(): number {
    return this.values.length;
  }

  /** The code of a value, added when new. */
  encode(value: string | null | undefined): number {
    if (value == null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The code of a value already seen, or -1: a filter on an unknown id matches nothing. */
  lookup(value: string | null | undefined): number {
    if (value == null) return 0;
    return this.codes.get(value) ?? -1;
  }

  /** A dictionary with these values at these codes (read back from a snapshot). */
  static of(values: (string | null)[]): Dictionary {
    const d = new Dictionary();
    for (let code = 1; code < values.length; code++) {
      d.values.push(values[code]!);
      d.codes.set(values[code]!, code);
    }
    return d;
  }

  decode(code: number): string | null {
    return this.values[code] ?? null;
  }
}
