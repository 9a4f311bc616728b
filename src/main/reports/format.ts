import { PRIORITIES, STATUSES, type GridColumn, type GridRow, type Priority, type Status } from '../../shared/api/interventions';
import { localeOf, translator, type Translate } from './i18n';

/** Texts, dates and times for one reader: their language, the organization's time zone. */
export interface Fmt {
  lng: string;
  tz: string;
  tr: Translate;
  /** `YYYY-MM-DD` (a calendar date, no zone) in the reader's short form. */
  date(d: string | null | undefined): string;
  /** A UTC instant as date and time in the organization's zone. */
  dateTime(iso: string | null | undefined): string;
  /** The wall clock of an instant in the organization's zone, as a Date whose UTC fields are that wall clock (what Excel shows). */
  wall(iso: string): Date;
  /** `YYYY-MM-DD HH:MM` wall clock in the organization's zone (CSV). */
  wallText(iso: string | null | undefined): string;
  yesNo(b: boolean): string;
  status(s: Status): string;
  priority(p: Priority): string;
}

export function makeFmt(lng: string, tz: string): Fmt {
  const locale = localeOf(lng);
  const tr = translator(lng);
  const dateF = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' });
  const dateTimeF = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: tz });
  const partsF = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  // Offsets change at most every quarter hour; 100,000 rows share few of them.
  const offsets = new Map<number, number>();
  const offsetMs = (ms: number): number => {
    const bucket = Math.floor(ms / 900_000);
    let off = offsets.get(bucket);
    if (off === undefined) {
      const p = Object.fromEntries(partsF.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
      off = asUtc - Math.floor(ms / 1000) * 1000;
      offsets.set(bucket, off);
    }
    return off;
  };
  const wall = (iso: string): Date => {
    const ms = Date.parse(iso);
    return new Date(ms + offsetMs(ms));
  };
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
    dateTime: (iso) => (iso ? dateTimeF.format(Date.parse(iso)) : ''),
    wall,
    wallText: (iso) => (iso ? wall(iso).toISOString().slice(0, 16).replace('T', ' ') : ''),
    yesNo: (b) => (b ? yes : no),
    status: (s) => statuses[s] ?? String(s ?? ''),
    priority: (p) => priorities[p] ?? String(p ?? ''),
  };
}

export const DATE_COLUMNS: ReadonlySet<GridColumn> = new Set(['docDate']);
export const INSTANT_COLUMNS: ReadonlySet<GridColumn> = new Set(['startAt', 'endAt']);

export function columnTitle(fmt: Fmt, col: GridColumn): string {
  return fmt.tr(`reports.columns.${col}`);
}

type Plain = Exclude<GridColumn, 'docDate' | 'startAt' | 'endAt' | 'status' | 'priority' | 'valid' | 'cancelled'>;

/** A cell as people read it (PDF). */
export function cellText(fmt: Fmt, row: GridRow, col: GridColumn): string {
  switch (col) {
    case 'docDate':
      return fmt.date(row.docDate);
    case 'startAt':
    case 'endAt':
      return fmt.dateTime(row[col]);
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

/** A cell for a spreadsheet: dates as dates (wall clock of the organization's zone), the rest as the text people read. */
export function cellValue(fmt: Fmt, row: GridRow, col: GridColumn): string | Date | null {
  switch (col) {
    case 'docDate':
      return new Date(`${row.docDate.slice(0, 10)}T00:00:00Z`);
    case 'startAt':
    case 'endAt': {
      const v = row[col];
      return v ? fmt.wall(v) : null;
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
      return fmt.wallText(row[col]);
    default:
      return cellText(fmt, row, col);
  }
}
