import fs from 'node:fs';

/**
 * A test aid, never for production: the hub's clock as real time plus an offset in milliseconds kept in a file, so a
 * browser walk can move the hub hours ahead (a silent operator's N minutes pass) without waiting. Only a hub listening
 * on loopback may use it: a clock anyone could move would move link expiries and escalation for real visitors.
 */

/** Hosts that reach this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The offset a file holds: an integer of milliseconds (may be negative); empty or missing is none; anything else null. */
export function parseOffset(text: string | null): number | null {
  if (text === null) return 0;
  const t = text.trim();
  if (t === '') return 0;
  if (!/^-?\d{1,15}$/.test(t)) return null;
  return Number(t);
}

export interface FileClock {
  now(): number;
  /** The offset in force now. */
  offset(): number;
}

/**
 * Reads the file again when its size or time changes, looked at no more often than every `checkMs` (the hub asks the
 * time on every request). A file that says something other than a number keeps the last offset and is reported once.
 */
export function fileClock(file: string, opts: { real?: () => number; checkMs?: number; warn?: (msg: string) => void } = {}): FileClock {
  const real = opts.real ?? Date.now;
  const checkMs = opts.checkMs ?? 100;
  let offset = 0;
  let seen = '';
  let checkedAt = -Infinity;
  const refresh = () => {
    const at = real();
    if (at - checkedAt < checkMs) return;
    checkedAt = at;
    let stamp = 'missing';
    let text: string | null = null;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
      if (stamp !== seen) text = fs.readFileSync(file, 'utf8');
    } catch {
      // No file: no offset.
    }
    if (stamp === seen) return;
    seen = stamp;
    const parsed = parseOffset(text);
    if (parsed === null) opts.warn?.(`test clock: ${file} does not hold a whole number of milliseconds; the offset stays ${offset}`);
    else offset = parsed;
  };
  return {
    now() {
      refresh();
      return real() + offset;
    },
    offset() {
      refresh();
      return offset;
    },
  };
}
