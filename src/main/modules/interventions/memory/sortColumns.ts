import { SORT_KEY_CHARS, sortKey } from '../../../../shared/rules/text';
import { Dictionary } from '../../../grid/memory/dictionary';

/**
 * Text values as codes whose sort keys are kept (`sortKey`: the first characters, folded). Values that share their
 * first characters share a code, so a million long notes cost a million codes, not a million stored texts.
 */
export class KeyDictionary {
  private readonly codes = new Map<string, number>();
  /** Each code's sort key; code 0 is "none" (SQL NULL). */
  readonly keys: (string | null)[] = [null];
  /** Each code's first characters as stored (what a snapshot keeps to read the dictionary back). */
  readonly heads: (string | null)[] = [null];

  static of(heads: (string | null)[], keys: (string | null)[]): KeyDictionary {
    const d = new KeyDictionary();
    for (let code = 1; code < heads.length; code++) {
      d.codes.set(heads[code]!, code);
      d.heads.push(heads[code]!);
      d.keys.push(keys[code]!);
    }
    return d;
  }

  encode(value: string | null | undefined): number {
    if (value == null) return 0;
    const head = value.length > SORT_KEY_CHARS ? value.slice(0, SORT_KEY_CHARS) : value;
    let code = this.codes.get(head);
    if (code === undefined) {
      code = this.keys.length;
      this.codes.set(head, code);
      this.heads.push(head);
      this.keys.push(sortKey(head));
    }
    return code;
  }
}

/** Codes per rowid in two bytes while they fit (most columns hold a few hundred values), four once they do not. */
export class NarrowCodes {
  a: Uint16Array | Int32Array;
  constructor(capacity: number) {
    this.a = new Uint16Array(capacity);
  }

  grow(capacity: number): void {
    const next = this.a instanceof Uint16Array ? new Uint16Array(capacity) : new Int32Array(capacity);
    next.set(this.a);
    this.a = next;
  }

  set(s: number, code: number): void {
    if (code > 0xffff && this.a instanceof Uint16Array) this.a = Int32Array.from(this.a);
    this.a[s] = code;
  }
}

/** Text columns the grid sorts on, by the row's column they come from. */
export const TEXT_COLUMNS = {
  notes: 'notes',
  fiscalCode: 'client_fiscal_code',
  phone: 'client_phone',
  email: 'client_email',
  locality: 'locality',
  county: 'county',
  country: 'country',
  objectSerial: 'object_serial',
} as const;
export type TextField = keyof typeof TEXT_COLUMNS;

/** Ids shown as a label that no filter or group uses: kept only to sort on, each in its own small dictionary. */
export const LABEL_ID_COLUMNS = { series: 'series_id', type: 'type_id', vehicle: 'vehicle_id', contact: 'contact_id' } as const;
export type LabelIdField = keyof typeof LABEL_ID_COLUMNS;

type SortRow = { [K in (typeof TEXT_COLUMNS)[TextField] | (typeof LABEL_ID_COLUMNS)[LabelIdField]]: string | null } & { valid: number; cancelled_at: string | null };

/** What only sorting needs of each row: the text columns' codes, the label ids' codes, two flags. */
export class SortColumns {
  text = {} as Record<TextField, { dict: KeyDictionary; col: NarrowCodes }>;
  labels = {} as Record<LabelIdField, { dict: Dictionary; col: NarrowCodes }>;
  valid = new Uint8Array(0);
  cancelled = new Uint8Array(0);

  constructor(capacity: number) {
    for (const f of Object.keys(TEXT_COLUMNS) as TextField[]) this.text[f] = { dict: new KeyDictionary(), col: new NarrowCodes(capacity) };
    for (const f of Object.keys(LABEL_ID_COLUMNS) as LabelIdField[]) this.labels[f] = { dict: new Dictionary(), col: new NarrowCodes(capacity) };
    this.grow(capacity);
  }

  grow(capacity: number): void {
    for (const t of Object.values(this.text)) if (t.col.a.length < capacity) t.col.grow(capacity);
    for (const l of Object.values(this.labels)) if (l.col.a.length < capacity) l.col.grow(capacity);
    for (const k of ['valid', 'cancelled'] as const) {
      if (this[k].length >= capacity) continue;
      const next = new Uint8Array(capacity);
      next.set(this[k]);
      this[k] = next;
    }
  }

  write(s: number, r: SortRow): void {
    for (const f of Object.keys(TEXT_COLUMNS) as TextField[]) {
      const t = this.text[f];
      t.col.set(s, t.dict.encode(r[TEXT_COLUMNS[f]]));
    }
    for (const f of Object.keys(LABEL_ID_COLUMNS) as LabelIdField[]) {
      const l = this.labels[f];
      l.col.set(s, l.dict.encode(r[LABEL_ID_COLUMNS[f]]));
    }
    this.valid[s] = r.valid ? 1 : 0;
    this.cancelled[s] = r.cancelled_at != null ? 1 : 0;
  }
}
