/**
 * The interventions grid's drawn cells, as plain DOM for ag-grid's own drawing (PlainAgGrid.tsx): the warning flag, the
 * coloured status and priority labels, the number with its provisional mark, and a group's header row.
 */
import type { ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { isProvisional } from '../../../shared/sync/provisional';
import { el, plainCell } from '../../components/plainCell';
import { isLeaf, type VRowData } from './columns';
import type { GroupRowData } from './groupModel';
import { isGroupRow } from './gridRows';
import { groupFieldLabel, groupLabel, priorityLabel, statusLabel, type Fmt } from './model';

/** What the grid hands its cells: the language and formats, and how a group header opens. */
export interface GridContext {
  t: TFunction;
  fmt: Fmt;
  toggle(row: GroupRowData, focusIndex?: number): void;
}

type Params = ICellRendererParams<VRowData, unknown, GridContext>;

/** A status or priority drawn as its coloured label (interventions.css). */
const labelCell = (kind: 'status' | 'priority') =>
  plainCell((p: Params) => {
    const d = p.data;
    if (!isLeaf(d)) return null;
    const label = kind === 'status' ? statusLabel(p.context.t, d.status) : priorityLabel(p.context.t, d.priority);
    const value = kind === 'status' ? d.status : d.priority;
    return el('span', { className: `pl-${kind} pl-${kind}-${value}`, [`data-${kind}`]: value }, label);
  });
export const StatusCell = labelCell('status');
export const PriorityCell = labelCell('priority');

/** The narrow first column: the warning marker, naming each open warning. */
export const FlagCell = plainCell((p: Params) => {
  const d = p.data;
  if (!isLeaf(d) || !d.warning) return null;
  const says = d.warnings.map((k) => p.context.t(`interventions.warnings.kinds.${k}`)).join(' · ');
  return el('span', { className: 'pl-warning', title: says, 'aria-label': says, 'data-testid': 'row-warning', 'data-warnings': d.warnings.join(' ') }, '⚠');
});

/**
 * The number, and its provisional tag while it is one: muted and slanted too, so a narrow column cut before the tag
 * still tells it apart; the whole of it in the tooltip.
 */
export const NumberCell = plainCell((p: Params) => {
  const n = isLeaf(p.data) ? p.data.number : null;
  if (!n) return null;
  if (!isProvisional(n)) return el('span', {}, n);
  const tag = p.context.t('provisionalNumber.tag');
  return el('span', { className: 'pl-provisional', title: `${n} — ${p.context.t('provisionalNumber.hint')}`, 'data-provisional': '1' }, `${n} `, el('small', {}, `(${tag})`));
});

/** A group header: the full width of the grid, indented by level, with its count; a click opens or closes it. */
export const GroupRowCell = plainCell((p: Params) => {
  const d = p.data;
  if (!isGroupRow(d)) return null;
  const { t, fmt, toggle } = p.context;
  const row = el(
    'div',
    {
      className: 'pl-group-row',
      'data-testid': 'group-row',
      'data-group-key': d.key ?? '',
      'data-depth': d.depth,
      'data-expanded': String(d.expanded),
      'data-count': d.count,
      role: 'treeitem',
      'aria-expanded': String(d.expanded),
      'aria-level': d.depth + 1,
    },
    el('span', { className: 'pl-chevron', 'aria-hidden': 'true' }, d.expanded ? '▾' : '▸'),
    el('span', { className: 'pl-group-field' }, `${groupFieldLabel(t, d.level.field)}:`),
    el('span', { className: 'pl-group-label' }, groupLabel(t, fmt, d.level, d.key, d.label)),
    el('span', { className: 'pl-group-count', 'data-testid': 'group-count' }, fmt.number(d.count)),
  );
  row.style.paddingLeft = `${8 + d.depth * 20}px`;
  row.addEventListener('click', () => toggle(d, p.node.rowIndex ?? undefined));
  return row;
});
