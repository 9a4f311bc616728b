import type { Output } from '../../../shared/api';
import type { TFunction } from 'i18next';
import {
  DATE_GROUP_FIELDS,
  GROUP_FIELDS,
  PRIORITIES,
  STATUSES,
  type GridFilters,
  type GroupField,
  type GroupLevel,
  type Priority,
  type Status,
} from '../../../shared/api/interventions';
import { instantAt, todayIn, wallClock } from '../../../shared/rules/zonedTime';
import { deviceZone } from '../../app/format';

export type GroupKey = string | null;

/** Mantine colour per workflow status: the row's left stripe, the badge, the calendar event. */
export const STATUS_COLOR: Record<Status, string> = {
  received: 'gray',
  allocated: 'blue',
  confirmed: 'teal',
  finalized: 'green',
  cancelled: 'red',
};

/** Calendar event colours (hex: FullCalendar draws them itself), dark enough for the white event text to read 4.5:1. */
export const STATUS_HEX: Record<Status, string> = {
  received: '#495057',
  allocated: '#1971c2',
  confirmed: '#087f5b',
  finalized: '#237032',
  cancelled: '#c92a2a',
};

export const PRIORITY_COLOR: Record<Priority, string> = { low: 'gray', medium: 'yellow', high: 'red' };

export const MAX_GROUP_LEVELS = 3;

export function isDateField(f: GroupField): boolean {
  return DATE_GROUP_FIELDS.includes(f);
}

export function statusLabel(t: TFunction, s: Status): string {
  return t(`interventions.statuses.${s}`);
}
export function priorityLabel(t: TFunction, p: Priority): string {
  return t(`interventions.priorities.${p}`);
}

/** Label of a group field in the grouping bar and tree. */
export function groupFieldLabel(t: TFunction, f: GroupField): string {
  return t(`interventions.col.${f}`);
}

export interface Fmt {
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  /** A branch's time on its clock (labelled when this computer's differs). */
  zoned(iso: string | null | undefined, tz: string, labelled?: boolean): string;
  month(ym: string): string;
  number(n: number): string;
}

/** How a group's key reads: enum values translated, date buckets formatted, ids by their label; null is "(empty)". */
export function groupLabel(t: TFunction, fmt: Fmt, level: GroupLevel, key: GroupKey, label: string | null): string {
  if (key == null) return t('interventions.grouping.empty');
  if (level.field === 'status' && (STATUSES as readonly string[]).includes(key)) return statusLabel(t, key as Status);
  if (level.field === 'priority' && (PRIORITIES as readonly string[]).includes(key)) return priorityLabel(t, key as Priority);
  if (isDateField(level.field)) {
    const bucket = level.bucket ?? 'day';
    if (bucket === 'month') return fmt.month(key.slice(0, 7));
    if (bucket === 'week') return t('interventions.grouping.weekOf', { date: fmt.date(`${key}T12:00:00Z`) });
    return fmt.date(`${key}T12:00:00Z`);
  }
  return label ?? key;
}

/** Filters without empty values: what goes to main, and what a saved view stores. */
export function cleanFilters(f: GridFilters): GridFilters {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v == null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out as GridFilters;
}

export function activeFilterCount(f: GridFilters): number {
  return Object.keys(cleanFilters(f)).length;
}

export function validLevels(levels: unknown): GroupLevel[] {
  if (!Array.isArray(levels)) return [];
  return levels
    .filter((l): l is GroupLevel => !!l && typeof l === 'object' && (GROUP_FIELDS as readonly string[]).includes((l as GroupLevel).field))
    .slice(0, MAX_GROUP_LEVELS)
    .map((l) => (isDateField(l.field) ? { field: l.field, bucket: l.bucket ?? 'day' } : { field: l.field }));
}

/** ISO instant (UTC) → the wall clock (`YYYY-MM-DDTHH:MM`) a form shows, on the branch's clock. */
export function toLocalInput(iso: string | null | undefined, tz: string): string {
  return iso ? wallClock(iso, tz) : '';
}

/** A form's wall clock on the branch's clock → ISO instant in UTC (what the contract takes); '' → null. */
export function fromLocalInput(v: string | null | undefined, tz: string): string | null {
  return v ? instantAt(v, tz) : null;
}

/** Today as YYYY-MM-DD on the branch's calendar (the computer's when no branch is known). */
export function today(tz: string = deviceZone()): string {
  return todayIn(tz, Date.now());
}

/** A saved grid view or custom report, as main lists it. */
export type SavedView = Output<'views.list'>[number];
