import { PRIORITIES, STATUSES, type GridColumn, type GridRow, type Priority, type Status } from '../../shared/api/interventions';
import { localeOf, translator, type Translate } from './i18n';
import { offsetCache, zoneCity } from '../../shared/rules/zonedTime';
import { DATE_FORMAT, DATE_TIME_FORMAT } from '../../shared/rules/dateFormat';

/**
 * Texts, dates and times for one reader: their language, and a zone for times that belong to no branch (when the
 * report was printed). A branch's times are given with the branch's zone: they are read on its clock.
 */
export interface Fmt {
  lng: string;
  tz: string;
  tr: Translate;
  /** `YYYY-MM-DD` (a calendar date, no zone) in the reader's short form. */
  date(d: string | null | undefined): string;
  /** A UTC instant as date and time on the clock of `tz` (by default the report's own zone). */
  dateTime(iso: string | null | undefined, tz?: string): string;
  /** The wall clock of an instant in `tz`, as a Date whose UTC fields are that wall clock (what Excel shows). */
  wall(iso: string, tz?: string): Date;
  /** `YYYY-MM-DD HH:MM` wall clock in `tz` (CSV). */
  wallText(iso: string | null | undefined, tz?: string): string;
  yesNo(b: boolean): string;
  status(s: Status): string;
  priority(p: Priority): string;
}

export function makeFmt(lng: string, tz: string): Fmt {
  const locale = localeOf(lng);
  const tr = translator(lng);
  const dateF = new Intl.DateTimeFormat(locale, { ...DATE_FORMAT, timeZone: 'UTC' });
  // Wall clocks are formatted as if they were UTC: the zone's offset is added first, by the shared rule.
  const wallF = new Intl.DateTimeFormat(locale, { ...DATE_TIME_FORMAT, timeZone: 'UTC' });
  const offset = offsetCache();
  const wallMs = (iso: string, zone: string): number => {
    const ms = Math.floor(Date.parse(iso) / 60_000) * 60_000;
    return ms + offset(zone, ms);
  };
  const wall = (iso: string, zone = tz): Date => new Date(wallMs(iso, zone));
  // Looked up once: an export asks for them on every row.
  const yes = tr('reports.yes');
  const no = tr('reports.no');
  const statuses = Object.fromEntries(STATUSES.map((k) => [k, tr(`reports.status.${k}`)])) as Record<string, string>;
  const priorities = Object.fromEntries(PRIORITIES.map((k) => [k, tr(`reports.priority.${k}`)])) as Record<string, string>;
  return {
    lng,
    tz,
    tr,
    date: (d) => (d ? dateF.format(Date.parse(`${d.slice(0, 10)}T00:00:00Z`)) : ''),
    dateTime: (iso, zone = tz) => (iso ? wallF.format(wallMs(iso, zone)) : ''),
    wall,
    wallText: (iso, zone = tz) => (iso ? wall(iso, zone).toISOString().slice(0, 16).replace('T', ' ') : ''),
    yesNo: (b) => (b ? yes : no),
    status: (s) => statuses[s] ?? String(s ?? ''),
    priority: (p) => priorities[p] ?? String(p ?? ''),
  };
}

export const DATE_COLUMNS: ReadonlySet<GridColumn> = new Set(['docDate']);
export const INSTANT_COLUMNS: ReadonlySet<GridColumn> = new Set(['startAt', 'endAt']);

/** A column's name on paper and in files: the grid's and the form's own label, so both read the same words. */
export function columnLabel(tr: Translate, col: string): string {
  return tr(`interventions.col.${col}`);
}

export function columnTitle(fmt: Fmt, col: GridColumn): string {
  return columnLabel(fmt.tr, col);
}

type Plain = Exclude<GridColumn, 'docDate' | 'startAt' | 'endAt' | 'status' | 'priority' | 'valid' | 'cancelled'>;

/** A cell as people read it (PDF); `zoned`: times carry their branch's place (a list whose branches' clocks differ). */
export function cellText(fmt: Fmt, row: GridRow, col: GridColumn, zoned = false): string {
  switch (col) {
    case 'docDate':
      return fmt.date(row.docDate);
    case 'startAt':
    case 'endAt': {
      const v = row[col];
      return v && zoned ? `${fmt.dateTime(v, row.timeZone)} ${zoneCity(row.timeZone)}` : fmt.dateTime(v, row.timeZone);
    }
    case 'status':
      return fmt.status(row.status);
    case 'priority':
      return fmt.priority(row.priority);
    case 'valid':
    case 'cancelled':
      return fmt.yesNo(row[col]);
    default:
      return row[col as Plain] ?? '';
  }
}

/** A cell for a spreadsheet: dates as dates (wall clock of the row's branch), the rest as the text people read. */
export function cellValue(fmt: Fmt, row: GridRow, col: GridColumn): string | Date | null {
  switch (col) {
    case 'docDate':
      return new Date(`${row.docDate.slice(0, 10)}T00:00:00Z`);
    case 'startAt':
    case 'endAt': {
      const v = row[col];
      return v ? fmt.wall(v, row.timeZone) : null;
    }
    case 'status':
    case 'priority':
    case 'valid':
    case 'cancelled':
      return cellText(fmt, row, col);
    default:
      return row[col as Plain] ?? null;
  }
}

/** A cell for CSV: ISO dates and wall-clock times Excel recognizes in any language, the rest as people read it. */
export function cellCsv(fmt: Fmt, row: GridRow, col: GridColumn): string {
  switch (col) {
    case 'docDate':
      return row.docDate.slice(0, 10);
    case 'startAt':
    case 'endAt':
      return fmt.wallText(row[col], row.timeZone);
    default:
      return cellText(fmt, row, col);
  }
}

/**
 * How a list names its times' zone: one zone for all its rows goes in the header (or subtitle); rows of branches on
 * different clocks carry their zone each. Paper and files leave the computer, so the zone is always said.
 */
export function zonesOf(rows: Iterable<{ timeZone: string }>): string[] {
  const zones = new Set<string>();
  for (const r of rows) zones.add(r.timeZone);
  return [...zones].sort();
}
