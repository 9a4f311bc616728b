import type { CellClassParams, ColDef, SortModelItem } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { GRID_COLUMNS, SORT_FIELDS, STATUSES, type GridColumn, type GridRow, type SortField } from '../../../shared/api/interventions';
import { headerMinWidth } from '../../components/headerWidth';
import type { Fmt } from './model';
import { deviceZone } from '../../app/format';
import { zoneCity, zonesDiffer } from '../../../shared/rules/zonedTime';
import { FlagCell, NumberCell, PriorityCell, StatusCell } from './cells';

export type VRowData = GridRow | import('./groupModel').GroupRowData | import('./groupModel').GapRowData;

export function isLeaf(d: VRowData | undefined): d is GridRow {
  return !!d && !('kind' in d);
}

/**
 * Shown when a person opens the module for the first time, what a dispatcher reads on every row, side by side at 1366 px
 * without scrolling sideways (the number carries its series); the rest are in the column chooser.
 */
export const DEFAULT_VISIBLE: GridColumn[] = ['number', 'docDate', 'client', 'status', 'priority', 'takenBy', 'startAt', 'locality', 'notes'];

const WIDTH: Partial<Record<GridColumn, number>> = {
  series: 70,
  number: 100,
  docDate: 96,
  client: 170,
  type: 130,
  object: 150,
  startAt: 136,
  endAt: 136,
  status: 112,
  priority: 84,
  takenBy: 130,
  responsible: 140,
  valid: 60,
  cancelled: 70,
  notes: 200,
  locality: 110,
  phone: 120,
  email: 170,
  address: 170,
  fiscalCode: 110,
  country: 70,
};

/**
 * Every column of the seed, ag-grid style; only indexed fields are sortable, and main sorts them. `sharedZone`: the one
 * zone of every branch the person sees — when its clock differs from this computer's, the time columns' headers name
 * it (else each time names its own branch's place).
 */
export function interventionColumns(t: TFunction, fmt: Fmt, sharedZone: string | null = null, measure?: (s: string) => number): ColDef<VRowData>[] {
  const headerZone = sharedZone && zonesDiffer(sharedZone, deviceZone(), Date.now()) ? sharedZone : null;
  const sortable = new Set<string>(SORT_FIELDS);
  const check = (v: unknown) => (v ? '✓' : '');
  const defs: ColDef<VRowData>[] = [
    {
      colId: 'flag',
      // Named for screen readers (the header cell must not be empty); the narrow column hides the text (interventions.css).
      headerName: t('interventions.warningColumn'),
      headerClass: 'pl-flag-header',
      width: 30,
      minWidth: 30,
      maxWidth: 30,
      pinned: 'left',
      lockPinned: true,
      lockPosition: 'left',
      resizable: false,
      suppressMovable: true,
      cellRenderer: FlagCell,
      cellClass: 'pl-flag',
      // Rules (re-evaluated on new data), not a class callback (whose classes are never taken off).
      cellClassRules: Object.fromEntries(STATUSES.map((s) => [`pl-flag-${s}`, (p: CellClassParams<VRowData>) => isLeaf(p.data) && p.data.status === s])),
      headerTooltip: t('interventions.warningColumn'),
    },
  ];
  for (const c of GRID_COLUMNS) {
    const def: ColDef<VRowData> = {
      colId: c,
      field: c as never,
      // A word too long for a dense column has a short form for the header (Armenian's "priority"); the tooltip names it whole.
      headerName: t(`interventions.gridHeader.${c}`, { defaultValue: '' }) || t(`interventions.col.${c}`),
      headerTooltip: t(`interventions.col.${c}`),
      width: WIDTH[c] ?? 120,
      sortable: sortable.has(c),
      hide: !DEFAULT_VISIBLE.includes(c),
      tooltipValueGetter: c === 'notes' || c === 'client' || c === 'address' ? (p) => (p.value as string | null) ?? '' : undefined,
    };
    if (c === 'docDate') def.valueFormatter = (p) => (p.value ? fmt.date(`${p.value}T12:00:00Z`) : '');
    if (c === 'startAt' || c === 'endAt') {
      // On the row's branch clock, whatever this computer's zone; the zone's name on hover.
      def.valueFormatter = (p) => (isLeaf(p.data) ? fmt.zoned(p.value as string | null, p.data.timeZone, !sharedZone) : '');
      def.tooltipValueGetter = (p) => (isLeaf(p.data) && p.value ? p.data.timeZone : '');
      if (headerZone) {
        def.headerName = `${def.headerName} (${zoneCity(headerZone)})`;
        def.headerTooltip = `${t(`interventions.col.${c}`)} — ${t('interventions.zoneNote', { zone: headerZone })}`;
      }
    }
    if (c === 'status') def.cellRenderer = StatusCell;
    if (c === 'priority') def.cellRenderer = PriorityCell;
    if (c === 'valid' || c === 'cancelled') {
      def.valueFormatter = (p) => check(p.value);
      def.cellStyle = { textAlign: 'center' };
    }
    if (c === 'client') def.cellStyle = { fontWeight: 600 };
    // The caller's problem takes the width the other columns leave: the grid fills the screen and never scrolls sideways by default.
    if (c === 'notes') Object.assign(def, { flex: 1, minWidth: 160 });
    if (c === 'number') Object.assign(def, { cellStyle: { fontVariantNumeric: 'tabular-nums' }, cellRenderer: NumberCell });
    if (c === 'docDate') def.initialSort = 'desc';
    // A header wraps between words, never inside one, sorted or not, in every language: the column is at least that wide.
    if (measure) {
      def.minWidth = Math.max(def.minWidth ?? 40, headerMinWidth(def.headerName ?? '', measure));
      def.width = Math.max(def.width ?? 0, def.minWidth);
    }
    defs.push(def);
  }
  return defs;
}

/** ag-grid's sort model → the contract's `sort`/`desc` (unsortable columns fall back to main's default). */
export function sortOf(model: SortModelItem | undefined): { sort?: SortField; desc?: boolean } {
  if (!model || !(SORT_FIELDS as readonly string[]).includes(model.colId)) return {};
  return { sort: model.colId as SortField, desc: model.sort === 'desc' };
}
