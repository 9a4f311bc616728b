import { crc32 } from 'node:zlib';
import { CODE_COLUMNS, INDEXED_COLUMNS, InterventionColumns } from './columns';
import { Dictionary } from '../../../grid/memory/dictionary';
import { KeyDictionary, LABEL_ID_COLUMNS, NarrowCodes, SortColumns, TEXT_COLUMNS, type LabelIdField, type TextField } from './sortColumns';

/**
 * The memory index's columns as one file image: a header (JSON: the scalars, the dictionaries, where each array
 * lies) and the typed arrays as they are in memory, with a CRC-32 over both. Reading a million rows back takes a
 * fraction of a second, where reading them from SQLite takes many.
 */

const MAGIC = 'PLNRIDX1';
/** Changes whenever what the columns hold changes: an image of another layout is never read. */
const LAYOUT = JSON.stringify([INDEXED_COLUMNS, CODE_COLUMNS, Object.keys(TEXT_COLUMNS), Object.keys(LABEL_ID_COLUMNS), 1]);

type Typed = Uint8Array | Uint16Array | Int32Array | Float64Array;
const KINDS = { u8: Uint8Array, u16: Uint16Array, i32: Int32Array, f64: Float64Array } as const;
type Kind = keyof typeof KINDS;
const kindOf = (a: Typed): Kind => (a instanceof Uint8Array ? 'u8' : a instanceof Uint16Array ? 'u16' : a instanceof Int32Array ? 'i32' : 'f64');

/** What the image says of itself beside the columns: whose history it belongs to and how far it has followed it. */
export interface SnapshotMark {
  /** The change record's position the columns hold every change up to. */
  seq: number;
  /** The change record's entry at `seq` (table, row, when), so a file of another history is recognised. */
  at: string | null;
}

function arraysOf(cols: InterventionColumns): [string, Typed][] {
  const out: [string, Typed][] = [
    ['live', cols.live],
    ['numValue', cols.numValue],
    ['updated', cols.updated],
    ['latestUpTo', cols.latestUpTo],
    ['valid', cols.sorts.valid],
    ['cancelled', cols.sorts.cancelled],
  ];
  for (const c of CODE_COLUMNS) out.push([`code.${c}`, cols.code[c]]);
  for (const f of Object.keys(TEXT_COLUMNS) as TextField[]) out.push([`text.${f}`, cols.sorts.text[f].col.a]);
  for (const f of Object.keys(LABEL_ID_COLUMNS) as LabelIdField[]) out.push([`label.${f}`, cols.sorts.labels[f].col.a]);
  return out;
}

/**
 * The image of the columns as its pieces, in file order: the head (magic, header length, a zero where the CRC goes,
 * the header, padding), then each array's bytes viewed in place and its padding. Nothing is copied, so the pieces
 * are valid only while the columns do not change; `crc` is over everything after the first 16 bytes.
 */
export function snapshotParts(cols: InterventionColumns, mark: SnapshotMark): { parts: Uint8Array[]; crc: number } {
  const arrays = arraysOf(cols);
  const header = {
    layout: LAYOUT,
    mark,
    capacity: cols.capacity,
    liveCount: cols.liveCount,
    maxNumber: cols.maxNumber,
    minDay: cols.minDay,
    maxDay: cols.maxDay,
    boundTop: cols.boundTop,
    liveByOrg: [...cols.liveByOrg],
    liveByBranch: [...cols.liveByBranch],
    clientNames: [...cols.clientNames],
    dicts: { ids: cols.ids.values, nameKeys: cols.nameKeys.values, addresses: cols.addresses.values, prefixes: cols.prefixes.values },
    labels: Object.fromEntries(Object.entries(cols.sorts.labels).map(([f, l]) => [f, l.dict.values])),
    text: Object.fromEntries(Object.entries(cols.sorts.text).map(([f, t]) => [f, [t.dict.heads, t.dict.keys]])),
    arrays: arrays.map(([name, a]) => [name, kindOf(a), a.byteLength]),
  };
  const json = Buffer.from(JSON.stringify(header));
  // Arrays start on 8-byte boundaries, so each can be viewed in place.
  const head = Buffer.alloc(Math.ceil((16 + json.length) / 8) * 8);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 16);
  const parts: Uint8Array[] = [head];
  let crc = crc32(head.subarray(16));
  const zeros = new Uint8Array(8);
  for (const [, a] of arrays) {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const pad = zeros.subarray(0, Math.ceil(a.byteLength / 8) * 8 - a.byteLength);
    crc = crc32(pad, crc32(bytes, crc));
    parts.push(bytes, pad);
  }
  return { parts, crc };
}

/** The image of the columns as one buffer (a copy). */
export function snapshotImage(cols: InterventionColumns, mark: SnapshotMark): Buffer {
  const { parts, crc } = snapshotParts(cols, mark);
  const out = Buffer.concat(parts);
  out.writeUInt32LE(crc, 12);
  return out;
}

/** The columns and their mark from an image, or null when it is not one, of another layout, or damaged. */
export function readSnapshotImage(image: Buffer): { cols: InterventionColumns; mark: SnapshotMark } | null {
  if (image.length < 16 || image.toString('latin1', 0, 8) !== MAGIC) return null;
  const jsonLen = image.readUInt32LE(8);
  if (16 + jsonLen > image.length || crc32(image.subarray(16)) !== image.readUInt32LE(12)) return null;
  const h = JSON.parse(image.toString('utf8', 16, 16 + jsonLen)) as {
    layout: string;
    mark: SnapshotMark;
    capacity: number;
    liveCount: number;
    maxNumber: number;
    minDay: number | null;
    maxDay: number | null;
    boundTop: number;
    liveByOrg: [number, number][];
    liveByBranch: [number, number][];
    clientNames: [number, string][];
    dicts: Record<'ids' | 'nameKeys' | 'addresses' | 'prefixes', (string | null)[]>;
    labels: Record<LabelIdField, (string | null)[]>;
    text: Record<TextField, [(string | null)[], (string | null)[]]>;
    arrays: [string, Kind, number][];
  };
  if (h.layout !== LAYOUT) return null;
  const arrays = new Map<string, Typed>();
  let at = Math.ceil((16 + jsonLen) / 8) * 8;
  for (const [name, kind, bytes] of h.arrays) {
    if (at + bytes > image.length) return null;
    // Viewed in place when the file's buffer allows it (no second copy of a few hundred MB); a column that grows
    // later moves to memory of its own.
    const Ctor = KINDS[kind];
    const offset = image.byteOffset + at;
    arrays.set(name, offset % 8 === 0 ? new Ctor(image.buffer as ArrayBuffer, offset, bytes / Ctor.BYTES_PER_ELEMENT) : new Ctor((image.buffer as ArrayBuffer).slice(offset, offset + bytes)));
    at += Math.ceil(bytes / 8) * 8;
  }
  const cols = new InterventionColumns(0);
  // Each array goes back where it came from (its kind was written beside it).
  const get = (name: string): never => arrays.get(name) as never;
  cols.capacity = h.capacity;
  cols.live = get('live');
  cols.numValue = get('numValue');
  cols.updated = get('updated');
  cols.latestUpTo = get('latestUpTo');
  for (const c of CODE_COLUMNS) cols.code[c] = get(`code.${c}`);
  cols.liveCount = h.liveCount;
  cols.maxNumber = h.maxNumber;
  // JSON has no infinities: an empty index's bounds come back as null.
  cols.minDay = h.minDay ?? Number.POSITIVE_INFINITY;
  cols.maxDay = h.maxDay ?? Number.NEGATIVE_INFINITY;
  cols.boundTop = h.boundTop;
  cols.liveByOrg = new Map(h.liveByOrg);
  cols.liveByBranch = new Map(h.liveByBranch);
  cols.clientNames = new Map(h.clientNames);
  cols.ids = Dictionary.of(h.dicts.ids);
  cols.nameKeys = Dictionary.of(h.dicts.nameKeys);
  cols.addresses = Dictionary.of(h.dicts.addresses);
  cols.prefixes = Dictionary.of(h.dicts.prefixes);
  const sorts = new SortColumns(0);
  sorts.valid = get('valid');
  sorts.cancelled = get('cancelled');
  for (const f of Object.keys(TEXT_COLUMNS) as TextField[]) {
    const col = new NarrowCodes(0);
    col.a = get(`text.${f}`);
    sorts.text[f] = { dict: KeyDictionary.of(...h.text[f]), col };
  }
  for (const f of Object.keys(LABEL_ID_COLUMNS) as LabelIdField[]) {
    const col = new NarrowCodes(0);
    col.a = get(`label.${f}`);
    sorts.labels[f] = { dict: Dictionary.of(h.labels[f]), col };
  }
  cols.sorts = sorts;
  for (const [name, a] of arrays) if (!name.startsWith('text.') && !name.startsWith('label.') && a.length !== h.capacity) return null;
  return { cols, mark: h.mark };
}
