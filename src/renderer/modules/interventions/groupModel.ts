/**
 * Grouping on ag-grid community: the grouped grid is one flat virtual list of group header rows and,
 * under each expanded group of the last level, that group's rows, which are fetched page by page from main.
 * This file is the pure part: the layout of the list from the loaded groups, and which requests fill a range of it.
 */
import type { GroupLevel } from '../../../shared/api/interventions';
import type { GroupKey } from './model';

export interface GroupInfo {
  key: GroupKey;
  label: string | null;
  count: number;
}

export interface GroupRowData {
  kind: 'group';
  /** Keys from the first level down to this group. */
  path: GroupKey[];
  depth: number;
  key: GroupKey;
  label: string | null;
  count: number;
  expanded: boolean;
  level: GroupLevel;
}

/** Stands in for a row that was in a group's count but is gone by the time its page is read. */
export interface GapRowData {
  kind: 'gap';
  id: string;
}

export interface Segment {
  start: number;
  size: number;
  /** A group header row (size 1)… */
  header?: GroupRowData;
  /** …or the rows of one group (or of the whole scope when not grouped). */
  leaves?: { path: GroupKey[]; count: number };
}

export interface Layout {
  segments: Segment[];
  total: number;
  /** Rows (not headers) in the scope: the sum of the top groups' counts. */
  leafTotal: number;
}

export function pathKey(path: readonly GroupKey[]): string {
  return JSON.stringify(path);
}

/** Not grouped: one segment of all the scope's rows. */
export function flatLayout(count: number): Layout {
  return { segments: count > 0 ? [{ start: 0, size: count, leaves: { path: [], count } }] : [], total: count, leafTotal: count };
}

/**
 * Walks the loaded groups depth first: each group is a header; an expanded group shows its subgroups
 * (when their list is loaded) or, at the last level, its rows.
 */
export function groupedLayout(levels: GroupLevel[], top: GroupInfo[], children: ReadonlyMap<string, GroupInfo[]>, expanded: ReadonlySet<string>): Layout {
  const segments: Segment[] = [];
  let pos = 0;
  const walk = (groups: GroupInfo[], parent: GroupKey[]) => {
    const depth = parent.length;
    const level = levels[depth]!;
    for (const g of groups) {
      const path = [...parent, g.key];
      const k = pathKey(path);
      const isOpen = expanded.has(k);
      segments.push({ start: pos, size: 1, header: { kind: 'group', path, depth, key: g.key, label: g.label, count: g.count, expanded: isOpen, level } });
      pos += 1;
      if (!isOpen || g.count === 0) continue;
      if (depth + 1 < levels.length) {
        const sub = children.get(k);
        if (sub) walk(sub, path);
      } else {
        segments.push({ start: pos, size: g.count, leaves: { path, count: g.count } });
        pos += g.count;
      }
    }
  };
  if (levels.length) walk(top, []);
  return { segments, total: pos, leafTotal: top.reduce((s, g) => s + g.count, 0) };
}

/** Index of the segment holding virtual row `index` (binary search; segments are in order and contiguous). */
export function segmentAt(layout: Layout, index: number): number {
  const s = layout.segments;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = s[mid]!;
    if (index < seg.start) hi = mid - 1;
    else if (index >= seg.start + seg.size) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export type Part = { header: GroupRowData } | { path: GroupKey[]; offset: number; limit: number };

/** What fills rows [start, end): header rows as they are, and one page request per group whose rows fall in the range. */
export function planRange(layout: Layout, start: number, end: number): Part[] {
  const parts: Part[] = [];
  const stop = Math.min(end, layout.total);
  let i = segmentAt(layout, start);
  if (i < 0) return parts;
  let pos = start;
  while (pos < stop && i < layout.segments.length) {
    const seg = layout.segments[i]!;
    if (seg.header) {
      parts.push({ header: seg.header });
      pos += 1;
    } else if (seg.leaves) {
      const offset = pos - seg.start;
      const limit = Math.min(seg.start + seg.size, stop) - pos;
      parts.push({ path: seg.leaves.path, offset, limit });
      pos += limit;
    }
    i += 1;
  }
  return parts;
}

/** The group header that a virtual row belongs under (its nearest header above, at the last level), or null. */
export function parentHeaderIndex(layout: Layout, index: number): number | null {
  const i = segmentAt(layout, index);
  if (i < 0) return null;
  const seg = layout.segments[i]!;
  if (seg.header || !seg.leaves || seg.leaves.path.length === 0) return null;
  const want = pathKey(seg.leaves.path);
  for (let j = i - 1; j >= 0; j--) {
    const h = layout.segments[j]!.header;
    if (h && pathKey(h.path) === want) return layout.segments[j]!.start;
  }
  return null;
}

/** Keys of expanded groups that still exist after a reload (a filter may have emptied some). */
export function pruneExpanded(expanded: ReadonlySet<string>, layout: Layout): Set<string> {
  const present = new Set(layout.segments.filter((s) => s.header).map((s) => pathKey(s.header!.path)));
  return new Set([...expanded].filter((k) => present.has(k)));
}
