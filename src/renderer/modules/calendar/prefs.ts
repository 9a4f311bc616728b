/**
 * What the calendar remembers for each person on this computer: the last view, branch, employees, service and whether
 * cancelled visits show. Kept in localStorage under the user's id, so two clerks sharing a computer keep their own;
 * the date is not remembered (the calendar opens on today).
 */
import { useEffect, useState } from 'react';
import { CAL_VIEWS, type CalView } from './grid';

export interface CalendarPrefs {
  view: CalView;
  branchId: string | null;
  userIds: string[];
  serviceId: string | null;
  showCancelled: boolean;
}

const DEFAULTS: CalendarPrefs = { view: 'week', branchId: null, userIds: [], serviceId: null, showCancelled: false };

export const prefsKey = (userId: string) => `planora.calendar.${userId}`;

/** What was saved, each part checked: an old or damaged entry falls back to the default of that part only. */
export function readPrefs(raw: string | null): CalendarPrefs {
  let v: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') v = parsed as Record<string, unknown>;
  } catch {
    // A damaged entry: the defaults.
  }
  const str = (x: unknown) => (typeof x === 'string' && x.length <= 64 ? x : null);
  return {
    view: CAL_VIEWS.includes(v.view as CalView) ? (v.view as CalView) : DEFAULTS.view,
    branchId: str(v.branchId),
    userIds: Array.isArray(v.userIds) ? v.userIds.map(str).filter((x): x is string => !!x).slice(0, 50) : [],
    serviceId: str(v.serviceId),
    showCancelled: v.showCancelled === true,
  };
}

export function useCalendarPrefs(userId: string): [CalendarPrefs, (patch: Partial<CalendarPrefs>) => void] {
  const [prefs, setPrefs] = useState(() => readPrefs(localStorage.getItem(prefsKey(userId))));
  useEffect(() => localStorage.setItem(prefsKey(userId), JSON.stringify(prefs)), [userId, prefs]);
  return [prefs, (patch) => setPrefs((p) => ({ ...p, ...patch }))];
}
