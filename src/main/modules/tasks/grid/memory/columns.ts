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

/**
 * The grid's fields of every task, as typed arrays of dictionary codes (about 70 bytes a row, plus the numbers and
 * update stamps as strings): a filter, count or group compares integers instead of reading the table.
 */
export class TaskColumns {
  readonly dicts: Record<DictionaryName, Dictionary> = { ids: new Dictionary(), enums: new Dictionary(), names: new Dictionary(), keys: new Dictionary(), emails: new Dictionary(), subjects: new Dictionary(), days: new Dictionary() };
  capacity = 0;
  live = new Uint8Array(0);
  readonly code = {} as Record<TaskCodeColumn, Int32Array>;
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
  liveCount = 0;
  /** Live tasks per organization and per branch code: a test that every live task passes is left out. */
  readonly liveByOrg = new Map<number, number>();
  readonly liveByBranch = new Map<number, number>();

  constructor(capacity = 1024) {
    for (const c of TASK_CODE_COLUMNS) this.code[c] = new Int32Array(0);
    this.grow(capacity);
  }

  private grow(min: number): void {
    if (min <= this.capacity) return;
    const cap = Math.max(min, Math.ceil(this.capacity * 1.25), 1024);
    const live = new Uint8Array(cap);
    live.set(this.live);
    this.live = live;
    for (const c of TASK_CODE_COLUMNS) {
      const a = new Int32Array(cap);
      a.set(this.code[c]);
      this.code[c] = a;
    }
    const rank = new Int32Array(cap);
    rank.set(this.rank);
    this.rank = rank;
    this.capacity = cap;
  }

  reserve(n: number): void {
    this.grow(n);
  }

  isLive(rowid: number): boolean {
    return rowid < this.capacity && this.live[rowid] === 1;
  }

  /** The value a code column holds for a row, decoded. */
  value(column: TaskCodeColumn, rowid: number): string | null {
    return this.dicts[DICTIONARY_OF[column]].decode(this.code[column][rowid]!);
  }

  /** Writes a row's values; a deleted row only leaves the live set. Returns whether it is live afterwards. */
  write(r: TaskIndexedRow): boolean {
    const s = r.rowid;
    this.grow(s + 1);
    const wasLive = this.live[s] === 1;
    if (wasLive) {
      this.liveByOrg.set(this.code.org[s]!, this.liveByOrg.get(this.code.org[s]!)! - 1);
      this.liveByBranch.set(this.code.branch[s]!, this.liveByBranch.get(this.code.branch[s]!)! - 1);
    }
    if (r.deleted_at != null) {
      if (wasLive) this.liveCount--;
      this.live[s] = 0;
      return false;
    }
    const c = this.code;
    const { ids, enums, names, keys, emails, subjects, days } = this.dicts;
    c.org[s] = ids.encode(r.org_id);
    c.branch[s] = ids.encode(r.branch_id);
    c.assignee[s] = ids.encode(r.assignee_id);
    c.type[s] = ids.encode(r.type_id);
    c.client[s] = ids.encode(r.client_id);
    c.status[s] = enums.encode(r.status);
    c.priority[s] = enums.encode(r.priority);
    c.source[s] = enums.encode(r.source);
    c.clientName[s] = names.encode(r.client_name);
    c.clientKey[s] = keys.encode(r.client_name_key);
    c.address[s] = keys.encode(r.address_key);
    c.email[s] = emails.encode(r.client_email == null ? null : asciiLower(r.client_email));
    c.subject[s] = subjects.encode(r.subject == null ? null : asciiLower(r.subject));
    c.docDate[s] = days.encode(r.doc_date);
    c.dueDate[s] = days.encode(r.due_date);
    this.rank[s] = r.priority_rank;
    this.numbers[s] = r.number;
    this.numbersLower[s] = r.number == null ? '' : asciiLower(r.number);
    const provisional = r.provisional_number == null ? '' : asciiLower(r.provisional_number);
    if (provisional !== '' && provisional !== this.numbersLower[s]) this.provisionalLower.set(s, provisional);
    else this.provisionalLower.delete(s);
    this.updated[s] = r.updated_at ?? '';
    this.live[s] = 1;
    if (!wasLive) this.liveCount++;
    this.liveByOrg.set(c.org[s]!, (this.liveByOrg.get(c.org[s]!) ?? 0) + 1);
    this.liveByBranch.set(c.branch[s]!, (this.liveByBranch.get(c.branch[s]!) ?? 0) + 1);
    return true;
  }
}
