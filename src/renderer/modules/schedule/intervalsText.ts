/**
 * A day's working intervals as a clerk types and reads them: "09:00–13:00, 14:00–18:00". Typing is forgiving
 * ("9-13, 14-18", "0900-1300"); what is kept is always "HH:MM". Whether the intervals fit together (order, overlap)
 * is the contract's check, so the screen shows main's own message.
 */
export type Interval = [string, string];

const TIME = /^(\d{1,2})(?::?(\d{2}))?$/;

function time(s: string): string | null {
  const m = TIME.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 24 || min > 59 || (h === 24 && min)) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** The intervals typed, or the key of what is wrong; empty text is a day without hours. */
export function parseIntervals(text: string): { ok: true; intervals: Interval[] } | { ok: false; key: string } {
  const parts = text
    .split(/[,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Interval[] = [];
  for (const p of parts) {
    const [a, b, ...rest] = p.split(/\s*[-–—]\s*/);
    const from = a ? time(a) : null;
    const to = b ? time(b) : null;
    if (!from || !to || rest.length) return { ok: false, key: 'errors.invalid_time' };
    out.push([from, to]);
  }
  return { ok: true, intervals: out };
}

export function formatIntervals(list: readonly (readonly [string, string])[] | undefined): string {
  return (list ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
}

/** Hours of a day's intervals, for a week's total. */
export function hoursOf(list: readonly (readonly [string, string])[] | undefined): number {
  const min = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return (list ?? []).reduce((n, [a, b]) => n + (min(b) - min(a)) / 60, 0);
}
