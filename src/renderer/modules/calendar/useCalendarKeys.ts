import type { KeyboardEvent } from 'react';
import { moveFocus, shiftPeriod, type Arrow, type CalView, type SlotFocus } from './grid';

const ARROWS: Record<string, Arrow> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
const VIEW_KEYS: Record<string, CalView> = { d: 'day', w: 'week', m: 'month', l: 'list', s: 'side' };

export interface CalendarKeyTargets {
  focus: SlotFocus;
  view: CalView;
  cols: number;
  setFocus(f: SlotFocus): void;
  setView(v: CalView): void;
  today(): void;
  /** N: a new visit at the focused slot. */
  book(): void;
  /** Enter: the visit at the focused slot. */
  open(): void;
}

/**
 * The calendar's keys, on its focusable area: arrows move the focused slot (side by side also across employees),
 * PageUp/PageDown the period, T today, N new visit, Enter opens, D/W/M/L/S switch views. A key pressed on a button
 * inside an event (its links, the sun and the x) is that button's.
 */
export function calendarKeyDown(k: CalendarKeyTargets) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const onButton = e.target !== e.currentTarget && (e.target as HTMLElement).closest('button, a, input');
    const arrow = ARROWS[e.key];
    const lower = e.key.length === 1 ? e.key.toLowerCase() : '';
    if (arrow) k.setFocus(moveFocus(k.focus, arrow, k.view, k.cols));
    else if (e.key === 'PageUp' || e.key === 'PageDown') k.setFocus(shiftPeriod(k.focus, e.key === 'PageUp' ? -1 : 1, k.view));
    else if (lower === 't') k.today();
    else if (lower === 'n') k.book();
    else if (VIEW_KEYS[lower]) k.setView(VIEW_KEYS[lower]);
    else if (e.key === 'Enter' && !onButton) k.open();
    else return;
    e.preventDefault();
  };
}
