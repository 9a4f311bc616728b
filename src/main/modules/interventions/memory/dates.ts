/** Dates as whole days since 1970-01-01 (UTC calendar) and local wall-clock times as minutes since then. */

export const NO_TIME = -2_147_483_648;

const DAY_MS = 86_400_000;

export function dayOf(isoDate: string): number {
  return Math.floor(Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / DAY_MS);
}

/** 'YYYY-MM-DDTHH:MM' (the branch's wall clock) → minutes; null → NO_TIME, which sorts first as SQL's NULL does. */
export function minutesOf(localDateTime: string | null): number {
  if (!localDateTime) return NO_TIME;
  return dayOf(localDateTime) * 1440 + +localDateTime.slice(11, 13) * 60 + +localDateTime.slice(14, 16);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the day's ISO week (1970-01-01 was a Thursday). */
export function weekOfDay(day: number): number {
  return day - ((day + 3) % 7 + 7) % 7;
}

export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

export function nextMonthDay(monthStart: number): number {
  const d = new Date(monthStart * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}
