/** How the interventions grid tells its rows apart: ids, group headers, the shading classes, the sort. */
import type { ColumnState, RowClassParams, RowClassRules } from 'ag-grid-community';
import { PRIORITIES, STATUSES, type GridRow } from '../../../shared/api/interventions';
import { isLeaf, type VRowData } from './columns';
import { pathKey, type GroupRowData } from './groupModel';
import { MAX_GROUP_LEVELS } from './model';

export function isGroupRow(d: VRowData | undefined): d is GroupRowData {
  return !!d && 'kind' in d && d.kind === 'group';
}

export function gridRowId(d: VRowData): string {
  return isGroupRow(d) ? `g:${pathKey(d.path)}` : d.id;
}

/** The column the grid is sorted by, as ag-grid's sort model names it. */
export function gridSortItem(state: ColumnState[]) {
  const s = state.find((c) => c.sort);
  return s ? { colId: s.colId, sort: s.sort! } : undefined;
}

const leaf = (p: RowClassParams<VRowData>): GridRow | undefined => (isLeaf(p.data) ? p.data : undefined);

/**
 * One rule per class, each evaluated on the row's current data, so a class comes off as soon as it no longer fits.
 * Rules, not a class callback: ag-grid only adds what `getRowClass` returns and never takes it off, so a row node that
 * is handed another document (rows move down when one is inserted above) kept the old shading as well.
 */
function rowClassRulesFor(): RowClassRules<VRowData> {
  const rules: RowClassRules<VRowData> = {
    'pl-gap': (p) => !!p.data && 'kind' in p.data && p.data.kind === 'gap',
    'pl-grp': (p) => isGroupRow(p.data),
    'pl-row-warn': (p) => !!leaf(p)?.warning,
  };
  for (let depth = 0; depth <= MAX_GROUP_LEVELS; depth++) rules[`pl-grp-${depth}`] = (p) => isGroupRow(p.data) && p.data.depth === depth;
  for (const s of STATUSES) rules[`pl-row-${s}`] = (p) => leaf(p)?.status === s;
  for (const pr of PRIORITIES) rules[`pl-row-p-${pr}`] = (p) => leaf(p)?.priority === pr;
  return rules;
}

/** Built once: the rules read each row's data when ag-grid asks. */
export const ROW_CLASS_RULES = rowClassRulesFor();
