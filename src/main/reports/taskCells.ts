import type { TaskGridColumn, TaskGridRow, TaskGroupField } from '../../shared/api/taskGrid';
import type { XlsxCell, XlsxKind } from './export/xlsx';
import type { Fmt } from './format';

/** A tasks grid column's title on paper and in files: the grid's and the form's own words. */
export function taskColumnTitle(fmt: Fmt, c: TaskGridColumn | TaskGroupField): string {
  return c === 'updatedAt' ? fmt.tr('taskGrid.updatedAt') : fmt.tr(`tasks.field.${c}`);
}

export const TASK_DATE_COLUMNS: ReadonlySet<TaskGridColumn> = new Set(['docDate', 'dueDate']);
export const TASK_INSTANT_COLUMNS: ReadonlySet<TaskGridColumn> = new Set(['updatedAt']);

export function taskColumnKind(c: TaskGridColumn): XlsxKind {
  return TASK_DATE_COLUMNS.has(c) ? 'date' : TASK_INSTANT_COLUMNS.has(c) ? 'dateTime' : 'text';
}

/** A cell as text in the reader's language; an overdue due date and an urgent priority say so, as the grid marks them. */
export function taskCellText(fmt: Fmt, r: TaskGridRow, c: TaskGridColumn): string {
  switch (c) {
    case 'priority':
      return fmt.tr(`tasks.priority.${r.priority}`);
    case 'status':
      return fmt.tr(`tasks.status.${r.status}`);
    case 'source':
      return fmt.tr(`tasks.source.${r.source}`);
    case 'docDate':
      return fmt.date(r.docDate);
    case 'dueDate':
      return r.dueDate ? (r.overdue ? `${fmt.date(r.dueDate)} (${fmt.tr('taskGrid.overdue')})` : fmt.date(r.dueDate)) : '';
    case 'updatedAt':
      return fmt.dateTime(r.updatedAt);
    default:
      return r[c] ?? '';
  }
}

/** A cell as a spreadsheet value: dates as dates (the wall clock of the organization for the last change), the rest as text. */
export function taskCellValue(fmt: Fmt, r: TaskGridRow, c: TaskGridColumn): XlsxCell {
  if (c === 'docDate') return new Date(`${r.docDate}T00:00:00Z`);
  if (c === 'dueDate') return r.dueDate ? new Date(`${r.dueDate}T00:00:00Z`) : null;
  if (c === 'updatedAt') return fmt.wall(r.updatedAt);
  const text = taskCellText(fmt, r, c);
  return text === '' ? null : text;
}

/** A group heading: the field, the value (translated status or priority, else the name) and its count. */
export function taskGroupTitle(fmt: Fmt, field: TaskGroupField, key: string | null, label: string | null, count: number): string {
  const value = key == null ? fmt.tr('reports.empty') : field === 'status' ? fmt.tr(`tasks.status.${key}`) : field === 'priority' ? fmt.tr(`tasks.priority.${key}`) : (label ?? key);
  return `${taskColumnTitle(fmt, field)}: ${value} (${count})`;
}
