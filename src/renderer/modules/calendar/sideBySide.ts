/**
 * The side-by-side day without FullCalendar's premium resource views: one timeGrid whose N "days" are the N
 * employees' columns. The grid runs on UTC, where every day has 24 hours, and column i at 10:30 stands for employee i
 * at 10:30 on the branch's wall clock of the real day: a day on which the branch's clock changes keeps its times
 * (a visit at 09:00 stays in the 09:00 row) and dragging to another column is dragging to another employee. The grid
 * stands on a fixed date of the past, so FullCalendar marks no column as today and none as a weekend.
 */
import { instantAt, wallClock } from '../../../shared/rules/zonedTime';
import { addDays } from './grid';

const DAY_MS = 86_400_000;
/** A Monday, far from any real day shown. */
export const GRID_BASE = '2001-01-01';

/** Where an instant of employee `col` is drawn on the grid of `day` (clipped to that day). */
export function toColumn(instant: string, tz: string, day: string, col: number): string {
  const wall = wallClock(instant, tz);
  const date = wall.slice(0, 10);
  const time = date < day ? '00:00' : date > day ? null : wall.slice(11);
  // After the day: the end of the column, which is where the next column starts.
  if (time === null) return gridAt(col + 1, '00:00');
  return gridAt(col, time);
}

/** The grid's place of a wall time of day in employee `col`'s column. */
export function gridAt(col: number, time: string): string {
  return `${addDays(GRID_BASE, col)}T${time}:00Z`;
}

/** The column a header of the grid stands for. */
export function columnOf(at: Date): number {
  return Math.round((at.getTime() - Date.parse(`${GRID_BASE}T00:00:00Z`)) / DAY_MS);
}

/**
 * The employee's column and the real instant of a place on the grid. `asEnd`: a place at the very bottom of a
 * column is that column's midnight, not the next column's start.
 */
export function fromColumn(at: Date, tz: string, day: string, cols: number, asEnd = false): { col: number; instant: string } {
  const since = at.getTime() - Date.parse(`${GRID_BASE}T00:00:00Z`);
  const raw = Math.floor((since - (asEnd ? 1 : 0)) / DAY_MS);
  const col = Math.min(cols - 1, Math.max(0, raw));
  const minutes = Math.round((since - col * DAY_MS) / 60_000);
  const wallDay = minutes >= 24 * 60 ? addDays(day, 1) : day;
  const m = minutes % (24 * 60);
  const wall = `${wallDay}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { col, instant: instantAt(wall, tz)! };
}

/** The real instants the grid of `day` covers on the branch's clock: what to ask main for. */
export function dayRange(day: string, tz: string): { from: string; to: string } {
  return { from: instantAt(`${day}T00:00`, tz)!, to: instantAt(`${addDays(day, 1)}T00:00`, tz)! };
}
