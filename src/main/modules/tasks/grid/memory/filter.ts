import type { TaskGridScope, TaskGroupField } from '../../../../../shared/api/taskGrid';
import { CLOSED_STATUSES } from '../../../../../shared/rules/tasks/overdue';
import { visibleBranchIds } from '../../../../api/visibility';
import type { ScopeUser } from '../../../../api/scope';
import { foldKey } from '../../../../../shared/rules/text';
import { asciiLower, compareText, DICTIONARY_OF, type TaskCodeColumn, type TaskColumns } from './columns';
import type { WebReferences } from './webReferences';

/** The code column each group field is read from. */
export const GROUP_COLUMN: Record<TaskGroupField, TaskCodeColumn> = { status: 'status', assignee: 'assignee', priority: 'priority', type: 'type', client: 'client' };

/** One test: the row's code in `column` is one `mask` accepts. */
interface MaskTest {
  column: TaskCodeColumn;
  mask: Uint8Array;
}

/** What a scope keeps of the rows: code tests, and the two that read several columns (overdue, the quick search). */
export interface TaskFilter {
  none: boolean;
  tests: MaskTest[];
  /** Per branch code, which due dates (day codes) have passed on that branch's clock (none for a branch not in reach). */
  overdue: (Uint8Array | undefined)[] | null;
  search: Uint8Array | null;
}

/**
 * The filter as one test of a rowid, its columns and masks bound once: the scans run it over half a million rows, so
 * the common shapes (no test, one, two) get loops of their own.
 */
export function matcher(cols: TaskColumns, f: TaskFilter): (s: number) => boolean {
  const live = cols.live;
  if (f.none) return () => false;
  const columns = f.tests.map((t) => cols.code[t.column]);
  const masks = f.tests.map((t) => t.mask);
  const n = columns.length;
  let base: (s: number) => boolean;
  if (n === 0) base = (s) => live[s] === 1;
  else if (n === 1) {
    const [c0, m0] = [columns[0]!, masks[0]!];
    base = (s) => live[s] === 1 && m0[c0[s]!] === 1;
  } else if (n === 2) {
    const [c0, m0, c1, m1] = [columns[0]!, masks[0]!, columns[1]!, masks[1]!];
    base = (s) => live[s] === 1 && m0[c0[s]!] === 1 && m1[c1[s]!] === 1;
  } else {
    base = (s) => {
      if (live[s] !== 1) return false;
      for (let k = 0; k < n; k++) if (masks[k]![columns[k]![s]!] !== 1) return false;
      return true;
    };
  }
  const search = f.search;
  const withSearch = search ? (s: number) => search[s] === 1 && base(s) : base;
  const overdue = f.overdue;
  if (!overdue) return withSearch;
  const { branch, dueDate } = cols.code;
  return (s) => {
    const passed = overdue[branch[s]!];
    return passed !== undefined && passed[dueDate[s]!] === 1 && withSearch(s);
  };
}

export function hasTests(f: TaskFilter): boolean {
  return f.tests.length > 0 || f.search !== null || f.overdue !== null;
}

/** A mask over a column's dictionary accepting the codes whose values `accept` does. */
function maskOf(cols: TaskColumns, column: TaskCodeColumn, accept: (value: string | null) => boolean): Uint8Array {
  const values = cols.dicts[DICTIONARY_OF[column]].values;
  const mask = new Uint8Array(values.length);
  values.forEach((v, code) => void (accept(v) && (mask[code] = 1)));
  return mask;
}

/**
 * The scope as the SQL grid reads it (organization, visible branches, live rows, filters, the group path), as tests
 * on the index's codes. `todays`: each visible branch's date; `search`: the quick search's rows, when there is one.
 */
export function filterFor(cols: TaskColumns, user: ScopeUser, todays: ReadonlyMap<string, string>, scope: TaskGridScope, search: Uint8Array | null): TaskFilter {
  const f = scope.filters;
  const tests: MaskTest[] = [];
  const eq = (column: TaskCodeColumn, value: string | null) => tests.push({ column, mask: maskOf(cols, column, (v) => v === value) });
  const among = (column: TaskCodeColumn, values: readonly string[]) => tests.push({ column, mask: maskOf(cols, column, (v) => v !== null && values.includes(v)) });
  // Tests every live task passes are left out (one organization's file, a dispatcher of every branch).
  const org = cols.dicts.ids.lookup(user.orgId);
  if (org <= 0 || cols.liveByOrg.get(org) !== cols.liveCount) eq('org', user.orgId);
  const mine = visibleBranchIds(user);
  if (mine !== null) {
    // A task without a branch belongs to the whole organization (branch_id is required, but SQL reads it so).
    const mask = maskOf(cols, 'branch', (v) => v === null || mine.includes(v));
    let covered = 0;
    for (const [code, n] of cols.liveByBranch) if (mask[code] === 1) covered += n;
    if (covered !== cols.liveCount) tests.push({ column: 'branch', mask });
  }
  if (f.branchId) eq('branch', f.branchId);
  if (f.statuses?.length) among('status', f.statuses);
  if (f.priorities?.length) among('priority', f.priorities);
  if (f.assigneeId) eq('assignee', f.assigneeId);
  if (f.typeId) eq('type', f.typeId);
  if (f.clientId) eq('client', f.clientId);
  if (f.dateFrom || f.dateTo) {
    const from = f.dateFrom;
    const to = f.dateTo;
    tests.push({ column: 'docDate', mask: maskOf(cols, 'docDate', (v) => v !== null && (!from || compareText(v, from) >= 0) && (!to || compareText(v, to) <= 0)) });
  }
  let overdue: (Uint8Array | undefined)[] | null = null;
  if (f.overdue) {
    among('status', statusesOpen(cols));
    overdue = [];
    for (const [branchId, today] of todays) {
      const code = cols.dicts.ids.lookup(branchId);
      if (code > 0) overdue[code] = maskOf(cols, 'dueDate', (v) => v !== null && compareText(v, today) < 0);
    }
  }
  const levels = scope.groupBy ?? [];
  (scope.groupPath ?? []).forEach((key, i) => {
    const level = levels[i];
    if (level) eq(GROUP_COLUMN[level.field], key);
  });
  return { none: tests.some((t) => !t.mask.includes(1)), tests, overdue, search };
}

function statusesOpen(cols: TaskColumns): string[] {
  return cols.dicts.enums.values.filter((v): v is string => v !== null && !(CLOSED_STATUSES as readonly string[]).includes(v));
}

/**
 * The quick search's rows, one flag per rowid, matched as the SQL grid's `LIKE '%…%'` matches: the folded client
 * name, or the number, provisional number, subject, client e-mail or a web form reference containing the text (ASCII
 * letters in either case).
 */
export function searchFlags(cols: TaskColumns, references: WebReferences, search: string): Uint8Array {
  const key = asciiLower(foldKey(search));
  const raw = asciiLower(search.toLowerCase());
  const names = maskOf(cols, 'clientKey', (v) => v !== null && asciiLower(v).includes(key));
  const subjects = maskOf(cols, 'subject', (v) => v !== null && v.includes(raw));
  const emails = maskOf(cols, 'email', (v) => v !== null && v.includes(raw));
  const { clientKey, subject, email } = cols.code;
  const numbers = cols.numbersLower;
  const flags = new Uint8Array(cols.capacity);
  for (let s = 0; s < cols.capacity; s++) {
    if (cols.live[s] !== 1) continue;
    if (names[clientKey[s]!] === 1 || subjects[subject[s]!] === 1 || emails[email[s]!] === 1 || numbers[s]!.includes(raw)) flags[s] = 1;
  }
  for (const [s, provisional] of cols.provisionalLower) if (cols.live[s] === 1 && provisional.includes(raw)) flags[s] = 1;
  references.flag(raw, cols.live, flags);
  return flags;
}
