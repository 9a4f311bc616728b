import type { TFunction } from 'i18next';
import type { SyncConflict } from '../../../shared/api/sync';
import type { useFormat } from '../../app/format';

type Fmt = ReturnType<typeof useFormat>;
type Value = string | number | boolean | null | undefined;

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The module's own label of a column where it has one (the form's), else the sync screen's, else its name. */
export function columnLabel(t: TFunction, _table: string, column: string): string {
  return t(`sync.columns_${column}`, { defaultValue: '' }) || t(`fields.${camel(column)}`, { defaultValue: '' }) || column;
}

const STATUS_KEYS: Record<string, string> = { intervention: 'interventions.statuses', visit: 'visit.status' };

/** A cell as a person reads it: instants on this computer's clock, statuses, people and clients by their names, nothing as a dash. */
export function valueText(t: TFunction, fmt: Fmt, table: string, column: string, v: Value, names: Readonly<Record<string, string>> = {}): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && Object.hasOwn(names, v)) return names[v]!;
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (column === 'status' && STATUS_KEYS[table]) return t(`${STATUS_KEYS[table]}.${v}`, { defaultValue: String(v) });
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(v)) return fmt.dateTime(v);
  return String(v);
}

/** Who wrote a side, where and when: "Rīga desk · Ilze · 06.12.2026 22:00"; what is not known is left out. */
export function sideLine(t: TFunction, fmt: Fmt, side: SyncConflict['kept']): string {
  return [side.deviceName ?? t('sync.otherComputer'), side.userName, fmt.dateTime(side.at)].filter(Boolean).join(' · ');
}

const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;

/** The row's name as main made it (a visit's client, or "break", and its start): instants on this computer's clock. */
export function conflictTitle(t: TFunction, fmt: Fmt, c: Pick<SyncConflict, 'title' | 'table'>): string {
  const title = c.table === 'visit' && c.title.startsWith('break ') ? `${t('visit.break')} ${c.title.slice(6)}` : c.title;
  return title.replace(INSTANT, (iso) => fmt.dateTime(iso));
}

/** The hub's refusal or the last failure, in the reader's language. */
export function problemText(t: TFunction, problem: { key: string; params?: Record<string, string | number> }): string {
  return t(problem.key, { ...(problem.params ?? {}), defaultValue: t('errors.internal') });
}

/** "1,200 of 5,000" while pushing; "1,200 received" while pulling, when the hub has not said how many remain. */
export function progressText(t: TFunction, p: { done: number; total: number }): string {
  return p.total ? t('sync.progress', { done: p.done, total: p.total }) : t('sync.progressOpen', { done: p.done });
}
