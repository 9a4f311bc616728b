import type { ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { VRowData } from './columns';
import type { GroupRowData } from './groupModel';
import { isGroupRow } from './gridRows';
import { groupFieldLabel, groupLabel, type Fmt } from './model';

/** What the grid hands its cells: the language and formats, and how a group header opens. */
export interface GridContext {
  t: TFunction;
  fmt: Fmt;
  toggle(row: GroupRowData, focusIndex?: number): void;
}

/** A group header: the full width of the grid, indented by level, with its count. */
export function GroupRow(p: ICellRendererParams<VRowData, unknown, GridContext>) {
  const d = p.data;
  if (!isGroupRow(d)) return null;
  const { t, fmt, toggle } = p.context;
  return (
    <div
      className="pl-group-row"
      style={{ paddingLeft: 8 + d.depth * 20 }}
      onClick={() => toggle(d, p.node.rowIndex ?? undefined)}
      data-testid="group-row"
      data-group-key={d.key ?? ''}
      data-depth={d.depth}
      data-expanded={d.expanded}
      data-count={d.count}
      role="treeitem"
      aria-expanded={d.expanded}
      aria-level={d.depth + 1}
    >
      <span className="pl-chevron" aria-hidden>
        {d.expanded ? '▾' : '▸'}
      </span>
      <span className="pl-group-field">{groupFieldLabel(t, d.level.field)}:</span>
      <span className="pl-group-label">{groupLabel(t, fmt, d.level, d.key, d.label)}</span>
      <span className="pl-group-count" data-testid="group-count">
        {fmt.number(d.count)}
      </span>
    </div>
  );
}
