import { CodeColumns, grown, type CodeColumnSpec } from '../../../../grid/memory/codeColumns';
import { Dictionary } from '../../../../grid/memory/dictionary';

/** The task columns the grid filters, sorts, groups and searches on: what the memory index reads and keeps. */
export const TASK_INDEXED_COLUMNS = [
  'org_id',
  'branch_id',
  'deleted_at',
  'status',
  'priority',
  'priority_rank',
  'assignee_id',
  'type_id',
  'client_id',
  'client_name',
  'client_name_key',
  'client_email',
  'address_key',
  'number',
  'provisional_number',
  'subject',
  'doc_date',
  'due_date',
  'source',
  'updated_at',
] as const;

export type TaskIndexedRow = { rowid: number } & { [K in (typeof TASK_INDEXED_COLUMNS)[number]]: K extends 'priority_rank' ? number : string | null };

/** Columns held as dictionary codes, indexed by the task's rowid (tasks are tombstoned, never removed: rowids stay dense). */
export const TASK_CODE_COLUMNS = ['org', 'branch', 'status', 'priority', 'assignee', 'type', 'client', 'clientName', 'clientKey', 'email', 'address', 'subject', 'docDate', 'dueDate', 'source'] as const;
export type TaskCodeColumn = (typeof TASK_CODE_COLUMNS)[number];

/** Which dictionary each code column's values live in. */
export type DictionaryName = 'ids' | 'enums' | 'names' | 'keys' | 'emails' | 'subjects' | 'days';
export const DICTIONARY_OF: Record<TaskCodeColumn, DictionaryName> = {
  org: 'ids',
  branch: 'ids',
  assignee: 'ids',
  type: 'ids',
  client: 'ids',
  status: 'enums',
  priority: 'enums',
  source: 'enums',
  clientName: 'names',
  clientKey: 'keys',
  address: 'keys',
  email: 'emails',
  subject: 'subjects',
  docDate: 'days',
  dueDate: 'days',
};

/**
 * SQLite's `lower()` and `LIKE` fold ASCII letters only (no ICU here): the quick search matches as they do, so the
 * memory index and SQL find the same rows.
 */
export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

/** Text in SQLite's BINARY order (UTF-8 bytes, i.e. code points), not JavaScript's UTF-16 code units. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000–U+FFFF in code point order.
    if (x >= 0xd800) x = x < 0xe000 ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * A string whose JavaScript order is SQLite's BINARY order: ASCII as it is, anything else as its UTF-8 bytes (one
 * character each), for sorting many values with the native comparison.
 */
export function binaryKey(s: string): string {
  return /[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'utf8').toString('latin1') : s;
}

/** NULL first, as SQLite orders ascending. */
export function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareText(a, b);
}

/** How each code column is read from a row, in writing order (the order the shared dictionaries hand out codes). */
const COLUMNS: readonly CodeColumnSpec<TaskCodeColumn, TaskIndexedRow, TaskColumns>[] = [
  { name: 'org', code: (r, c) => c.dicts.ids.encode(r.org_id) },
  { name: 'branch', code: (r, c) => c.dicts.ids.encode(r.branch_id) },
  { name: 'assignee', code: (r, c) => c.dicts.ids.encode(r.assignee_id) },
  { name: 'type', code: (r, c) => c.dicts.ids.encode(r.type_id) },
  { name: 'client', code: (r, c) => c.dicts.ids.encode(r.client_id) },
  { name: 'status', code: (r, c) => c.dicts.enums.encode(r.status) },
  { name: 'priority', code: (r, c) => c.dicts.enums.encode(r.priority) },
  { name: 'source', code: (r, c) => c.dicts.enums.encode(r.source) },
  { name: 'clientName', code: (r, c) => c.dicts.names.encode(r.client_name) },
  { name: 'clientKey', code: (r, c) => c.dicts.keys.encode(r.client_name_key) },
  { name: 'address', code: (r, c) => c.dicts.keys.encode(r.address_key) },
  { name: 'email', code: (r, c) => c.dicts.emails.encode(r.client_email == null ? null : asciiLower(r.client_email)) },
  { name: 'subject', code: (r, c) => c.dicts.subjects.encode(r.subject == null ? null : asciiLower(r.subject)) },
  { name: 'docDate', code: (r, c) => c.dicts.days.encode(r.doc_date) },
  { name: 'dueDate', code: (r, c) => c.dicts.days.encode(r.due_date) },
];

/**
 * The grid's fields of every task, as typed arrays of dictionary codes (about 70 bytes a row, plus the numbers and
 * update stamps as strings): a filter, count or group compares integers instead of reading the table.
 */
export class TaskColumns extends CodeColumns<TaskCodeColumn, TaskIndexedRow, TaskColumns> {
  readonly dicts: Record<DictionaryName, Dictionary> = { ids: new Dictionary(), enums: new Dictionary(), names: new Dictionary(), keys: new Dictionary(), emails: new Dictionary(), subjects: new Dictionary(), days: new Dictionary() };
  rank = new Int32Array(0);
  /** As stored (sorting) and ASCII-folded (the quick search); numbers are unique, so not worth a dictionary. */
  numbers: (string | null)[] = [];
  numbersLower: string[] = [];
  /**
   * The provisional number a task was given before the hub's final one, folded, where it differs from the number:
   * a few renumbered tasks, not a column (a provisional number still the task's number is searched as its number).
   */
  readonly provisionalLower = new Map<number, string>();
  updated: string[] = [];

  constructor(capacity = 1024) {
    super(COLUMNS);
    this.grow(capacity);
  }

  protected override growMore(cap: number): void {
    this.rank = grown(this.rank, cap);
  }

  /** The value a code column holds for a row, decoded. */
  value(column: TaskCodeColumn, rowid: number): string | null {
    return this.dicts[DICTIONARY_OF[column]].decode(this.code[column][rowid]!);
  }

  protected override writeMore(s: number, r: TaskIndexedRow): void {
    this.rank[s] = r.priority_rank;
    this.numbers[s] = r.number;
    this.numbersLower[s] = r.number == null ? '' : asciiLower(r.number);
    const provisional = r.provisional_number == null ? '' : asciiLower(r.provisional_number);
    if (provisional !== '' && provisional !== this.numbersLower[s]) this.provisionalLower.set(s, provisional);
    else this.provisionalLower.delete(s);
    this.updated[s] = r.updated_at ?? '';
  }
}
