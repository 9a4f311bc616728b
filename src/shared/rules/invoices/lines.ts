import { hoursMilli, lineNetMinor } from './amounts';

/** A done task as the month's invoicing reads it. */
export interface BillableTask {
  id: string;
  clientId: string;
  number: string | null;
  subject: string | null;
  typeName: string | null;
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
  description: string;
  quantityMilli: number;
  /** UN/ECE Recommendation 20 code: HUR for hours, H87 for pieces, else the material's own. */
  unit: string;
  unitPriceMinor: number;
  vatBp: number;
  netMinor: number;
  /** Time whose task type and employee both lack a rate: priced 0 until the manager sets one. */
  missingRate: boolean;
}

/** The hourly rate of a task's time: the task type's when set, else the employee's, else none. */
export function hourlyRate(typeRateMinor: number | null, employeeRateMinor: number | null): number | null {
  return typeRateMinor ?? employeeRateMinor ?? null;
}

/**
 * One client's lines for a month: time summed per kind of work at one rate (the task type's name when its rate
 * applies, else the employee's name at theirs), the seconds added up before they become hours, so sessions and
 * tasks never add rounding; then the materials, the same item at the same price on one line. Which tasks the lines
 * bill is kept beside them (the invoice's task list), so a line stays a line an accountant reads.
 */
export function linesForTasks(tasks: readonly BillableTask[], time: readonly BillableTime[], materials: readonly BillableMaterial[], defaultVatBp: number): DraftLine[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const work = new Map<string, { label: string; rate: number | null; seconds: number }>();
  for (const e of time) {
    const task = byId.get(e.taskId);
    if (!task || e.seconds <= 0) continue;
    const byType = task.typeRateMinor !== null;
    const rate = hourlyRate(task.typeRateMinor, e.employeeRateMinor);
    const label = byType ? (task.typeName ?? '') : e.employeeName;
    const key = `${byType ? 't' : 'e'}\u0000${label}\u0000${rate ?? ''}`;
    const w = work.get(key) ?? { label, rate, seconds: 0 };
    w.seconds += e.seconds;
    work.set(key, w);
  }
  const lines: DraftLine[] = [];
  for (const w of [...work.values()].sort((a, b) => a.label.localeCompare(b.label) || (a.rate ?? -1) - (b.rate ?? -1))) {
    const quantityMilli = hoursMilli(w.seconds);
    if (quantityMilli <= 0) continue;
    const unitPriceMinor = w.rate ?? 0;
    lines.push({ kind: 'time', description: w.label, quantityMilli, unit: 'HUR', unitPriceMinor, vatBp: defaultVatBp, netMinor: lineNetMinor({ quantityMilli, unitPriceMinor }), missingRate: w.rate === null });
  }
  const items = new Map<string, DraftLine>();
  for (const m of materials) {
    if (!byId.has(m.taskId)) continue;
    const vatBp = m.vatBp ?? defaultVatBp;
    const key = `${m.name}\u0000${m.unit}\u0000${m.unitPriceMinor}\u0000${vatBp}`;
    const line = items.get(key) ?? { kind: 'material' as const, description: m.name, quantityMilli: 0, unit: m.unit, unitPriceMinor: m.unitPriceMinor, vatBp, netMinor: 0, missingRate: false };
    line.quantityMilli += m.quantityMilli;
    line.netMinor = lineNetMinor(line);
    items.set(key, line);
  }
  return [...lines, ...items.values()];
}

/** The month (`YYYY-MM`) as the dates it starts and ends, and its last day (the draft's issue date). */
export function monthDays(month: string): { first: string; last: string; next: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}`, next };
}
