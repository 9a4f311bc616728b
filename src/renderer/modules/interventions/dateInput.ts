/**
 * Dates typed the way clerks type them: "27.11.2026", "27/11", "2711", "27" (this month), ISO "2026-11-27",
 * "t" or "0" for today, "+1" / "-2" for days from today; a time may follow ("27.11 10:30", "2711 1030", "+1 9").
 * Day first, as in every language Planora speaks (ISO is recognised by its four-digit year first).
 */

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function todayParts(now: Date): [number, number, number] {
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()];
}

/** A typed date → YYYY-MM-DD, or null when it is not a date. */
export function parseDate(text: string, now = new Date()): string | null {
  const s = text.trim().toLowerCase().replace(/\.$/, '');
  if (!s) return null;
  const [cy, cm, cd] = todayParts(now);
  if (s === 't' || s === '0' || s === 'today') return isoOf(cy, cm, cd);
  const rel = /^([+-])(\d{1,3})$/.exec(s);
  if (rel) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + (rel[1] === '-' ? -1 : 1) * Number(rel[2]));
    return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const year = (y: string | undefined) => (y === undefined || y === '' ? cy : y.length <= 2 ? 2000 + Number(y) : Number(y));
  const sep = /^(\d{1,2})[./\s-](\d{1,2})(?:[./\s-](\d{2}|\d{4}))?$/.exec(s);
  if (sep) return isoOf(year(sep[3]), Number(sep[2]), Number(sep[1]));
  if (/^\d+$/.test(s)) {
    if (s.length <= 2) return isoOf(cy, cm, Number(s));
    if (s.length === 4) return isoOf(cy, Number(s.slice(2, 4)), Number(s.slice(0, 2)));
    if (s.length === 6) return isoOf(year(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
    if (s.length === 8) return isoOf(year(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)));
  }
  return null;
}

/** A typed time → HH:MM ("10", "1030", "10:30", "9.5" is not a time). */
export function parseTime(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?(?::\d{2})?$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** A typed date and time → YYYY-MM-DDTHH:MM (wall clock); a date alone takes `defaultTime`. */
export function parseDateTime(text: string, defaultTime = '09:00', now = new Date()): string | null {
  const s = text.trim().replace(/\.$/, '');
  if (!s) return null;
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})[T\s]+(.+)$/.exec(s);
  if (iso) {
    const d = parseDate(iso[1]!, now);
    const t = parseTime(iso[2]!);
    return d && t ? `${d}T${t}` : null;
  }
  // The time is the last group after a space (or a comma): "27.11.2026 10:30", "27.11.2026, 10:30", "+1 9".
  const split = /^(.*?)[,\s]+(\d{1,2}(?:[:.]?\d{2})?)$/.exec(s);
  if (split) {
    const d = parseDate(split[1]!, now);
    const t = parseTime(split[2]!);
    if (d && t) return `${d}T${t}`;
  }
  const d = parseDate(s, now);
  return d ? `${d}T${defaultTime}` : null;
}
