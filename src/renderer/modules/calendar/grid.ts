/**
 * Where the calendar keeps its focus and how the keys move it, on the branch's wall clock: a pure rule, so the keys
 * behave the same whatever zone the computer is in. `col` is the employee's column in the side-by-side day (0 elsewhere).
 */
import { Temporal } from 'temporal-polyfill';
import type { WallClock } from '../../../shared/rules/zonedTime';

export const CAL_VIEWS = ['day', 'week', 'month', 'list', 'side'] as const;
export type CalView = (typeof CAL_VIEWS)[number];

/** FullCalendar's view for each of ours; the side-by-side day is a timeGrid of one column per employee. */
export const FC_VIEW: Record<CalView, string> = { day: 'timeGridDay', week: 'timeGridWeek', month: 'dayGridMonth', list: 'listWeek', side: 'sideBySide' };

/** The hours the time grid shows and the step of a slot (the focus moves by one slot). */
export const FIRST_SLOT = '06:00';
export const LAST_SLOT = '21:30';
export const SLOT_MIN = 30;

export interface SlotFocus {
  wall: WallClock;
  col: number;
}

export type Arrow = 'up' | 'down' | 'left' | 'right';

const plain = (wall: WallClock) => Temporal.PlainDateTime.from(wall);
const text = (p: Temporal.PlainDateTime): WallClock => p.toString({ smallestUnit: 'minute' });

export function addDays(day: string, n: number): string {
  return Temporal.PlainDate.from(day).add({ days: n }).toString();
}

/** The slot a wall clock falls in, kept inside the hours the grid shows. */
export function snapToSlot(wall: WallClock): WallClock {
  const p = plain(wall);
  const minutes = Math.floor((p.hour * 60 + p.minute) / SLOT_MIN) * SLOT_MIN;
  const [first, last] = [minutesOf(FIRST_SLOT), minutesOf(LAST_SLOT)];
  const m = Math.min(last, Math.max(first, minutes));
  return `${wall.slice(0, 10)}T${hhmm(m)}`;
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** One arrow key: a slot up or down, a day (or, side by side, an employee's column) left or right. */
export function moveFocus(f: SlotFocus, arrow: Arrow, view: CalView, cols: number): SlotFocus {
  const p = plain(f.wall);
  const day = f.wall.slice(0, 10);
  const time = f.wall.slice(11);
  if (arrow === 'up' || arrow === 'down') {
    const sign = arrow === 'up' ? -1 : 1;
    if (view === 'month') return { ...f, wall: text(p.add({ days: 7 * sign })) };
    if (view === 'list') return { ...f, wall: text(p.add({ days: sign })) };
    const m = minutesOf(time) + sign * SLOT_MIN;
    if (m < minutesOf(FIRST_SLOT) || m > minutesOf(LAST_SLOT)) return f;
    return { ...f, wall: `${day}T${hhmm(m)}` };
  }
  const sign = arrow === 'left' ? -1 : 1;
  if (view === 'side' && cols > 1) {
    const col = f.col + sign;
    if (col < 0) return { col: cols - 1, wall: `${addDays(day, -1)}T${time}` };
    if (col >= cols) return { col: 0, wall: `${addDays(day, 1)}T${time}` };
    return { ...f, col };
  }
  return { ...f, wall: text(p.add({ days: sign })) };
}

/** PageUp / PageDown and the toolbar's arrows: the previous or next day, week or month, keeping the time. */
export function shiftPeriod(f: SlotFocus, dir: -1 | 1, view: CalView): SlotFocus {
  const p = plain(f.wall);
  if (view === 'month') return { ...f, wall: text(p.add({ months: dir })) };
  if (view === 'week' || view === 'list') return { ...f, wall: text(p.add({ days: 7 * dir })) };
  return { ...f, wall: text(p.add({ days: dir })) };
}

/** Today at the slot of now on the branch's clock (the first slot shown when now is outside the hours). */
export function todayFocus(nowWall: WallClock, col = 0): SlotFocus {
  return { wall: snapToSlot(nowWall), col };
}
