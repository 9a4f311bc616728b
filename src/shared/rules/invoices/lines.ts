import { hoursMilli, lineNetMinor } from './amounts';

/** A done task as the month's invoicing reads it. */
export interface BillableTask {
  id: string;
  clientId: string;
  number: string | null;
  subject: string | null;
  typeRateMinor: number | null;
}
export interface BillableTime {
  taskId: string;
  employeeId: string;
  employeeName: string;
  employeeRateMinor: number | null;
  seconds: number;
}
export interface BillableMaterial {
  id: string;
  taskId: string;
  name: string;
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  /** Null: the organization's default rate. */
  vatBp: number | null;
}

export type LineKind = 'time' | 'material' | 'manual';
export interface DraftLine {
  kind: LineKind;
  taskId: string | null;
  materialId: string | null;
  employeeId: string | null;
  description: string;
  quantityMilli: number;
  /** UN/ECE Recommendation 20 code: HUR for hours, H87 for pieces, else the material's own. */
  unit: string;
  unitPriceMinor: number;
  vatBp: number;
  netMinor: number;
  /** A time line whose task type and employee both lack a rate: priced 0 until the manager sets one. */
  missingRate: boolean;
}

/** The hourly rate of a task's time: the task type's when set, else the employee's, else none. */
export function hourlyRate(typeRateMinor: number | null, employeeRateMinor: number | null): number | null {
  return typeRateMinor ?? employeeRateMinor ?? null;
}

/**
 * One client's lines from their month of done tasks: per task, one time line per employee (their billable seconds
 * summed, then turned to hours once, so sessions never add rounding), then its materials, in task order.
 */
export function linesForTasks(tasks: readonly BillableTask[], time: readonly BillableTime[], materials: readonly BillableMaterial[], defaultVatBp: number): DraftLine[] {
  const lines: DraftLine[] = [];
  for (const task of tasks) {
    const label = [task.number, task.subject].filter(Boolean).join(' ');
    const perEmployee = new Map<string, { name: string; rate: number | null; seconds: number }>();
    for (const t of time) {
      if (t.taskId !== task.id || t.seconds <= 0) continue;
      const e = perEmployee.get(t.employeeId) ?? { name: t.employeeName, rate: t.employeeRateMinor, seconds: 0 };
      e.seconds += t.seconds;
      perEmployee.set(t.employeeId, e);
    }
    for (const [employeeId, e] of [...perEmployee.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name))) {
      const rate = hourlyRate(task.typeRateMinor, e.rate);
      const quantityMilli = hoursMilli(e.seconds);
      const unitPriceMinor = rate ?? 0;
      lines.push({ kind: 'time', taskId: task.id, materialId: null, employeeId, description: `${label} — ${e.name}`.trim(), quantityMilli, unit: 'HUR', unitPriceMinor, vatBp: defaultVatBp, netMinor: lineNetMinor({ quantityMilli, unitPriceMinor }), missingRate: rate === null });
    }
    for (const m of materials) {
      if (m.taskId !== task.id) continue;
      lines.push({ kind: 'material', taskId: task.id, materialId: m.id, employeeId: null, description: `${m.name} (${label})`.trim(), quantityMilli: m.quantityMilli, unit: m.unit, unitPriceMinor: m.unitPriceMinor, vatBp: m.vatBp ?? defaultVatBp, netMinor: lineNetMinor(m), missingRate: false });
    }
  }
  return lines;
}

/** The month (`YYYY-MM`) as the dates it starts and ends, and its last day (the draft's issue date). */
export function monthDays(month: string): { first: string; last: string; next: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}`, next };
}
