/** An action the phone sent, as the hub queued it. */
export interface SentAction {
  id: string;
  kind: string;
  text: string | null;
  at: number;
}

/** What the desktop made of an action (its synced outcome row), absent while it has not. */
export interface ActionOutcome {
  outcome: string;
  reason: string | null;
  params: Record<string, string | number> | null;
}

export interface PhoneWork {
  /** The employee's timer on this task: its start (ISO) and whether the office has yet to confirm it. */
  timer: { startedAt: string; pending: boolean } | null;
  /** A stop the office has not confirmed yet. */
  stopPending: boolean;
  /** The employee's finished sessions on this task, newest first. */
  sessions: { startedAt: string; endedAt: string }[];
  checklist: { id: string; text: string; required: boolean; checked: boolean; pending: boolean }[];
  photos: { id: string; name: string; state: 'pending' | 'attached' | 'refused' }[];
  /** What the office did not accept, newest first. */
  refused: { kind: string; at: number; reason: string | null; params: Record<string, string | number> | null }[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * What the phone page shows of the employee's work: the office's state from the synced cells, with the actions it has
 * not answered yet laid over it in the order they were sent (the last tap wins), and the ones it refused listed.
 */
export function phoneWork(input: {
  employeeId: string;
  time: readonly Record<string, unknown>[];
  checklist: readonly Record<string, unknown>[];
  sent: readonly SentAction[];
  outcomes: ReadonlyMap<string, ActionOutcome>;
}): PhoneWork {
  const mine = input.time.filter((r) => r.employee_id === input.employeeId && typeof r.started_at === 'string');
  const open = mine.find((r) => r.ended_at === null || r.ended_at === undefined);
  let timer: PhoneWork['timer'] = open ? { startedAt: text(open.started_at), pending: false } : null;
  let stopPending = false;
  const sessions = mine
    .filter((r) => typeof r.ended_at === 'string')
    .map((r) => ({ startedAt: text(r.started_at), endedAt: text(r.ended_at) }))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const ticks = new Map<string, boolean>();
  const photos: PhoneWork['photos'] = [];
  const refused: PhoneWork['refused'] = [];
  for (const a of input.sent) {
    const o = input.outcomes.get(a.id);
    if (o?.outcome === 'refused') refused.push({ kind: a.kind, at: a.at, reason: o.reason, params: o.params });
    if (a.kind === 'photo') photos.push({ id: a.id, name: a.text ?? '', state: !o ? 'pending' : o.outcome === 'refused' ? 'refused' : 'attached' });
    if (o) continue;
    if (a.kind === 'timer_start' && !timer) timer = { startedAt: iso(a.at), pending: true };
    if (a.kind === 'timer_stop' && timer) {
      timer = null;
      stopPending = true;
    }
    if ((a.kind === 'check' || a.kind === 'uncheck') && a.text) ticks.set(a.text, a.kind === 'check');
  }
  const checklist = input.checklist.map((r) => {
    const id = text(r.id);
    const synced = typeof r.checked_at === 'string' && r.checked_at !== '';
    const wanted = ticks.get(id);
    return { id, text: text(r.text), required: r.required === 1 || r.required === true, checked: wanted ?? synced, pending: wanted !== undefined && wanted !== synced };
  });
  return { timer, stopPending: stopPending && !timer, sessions, checklist, photos, refused: refused.reverse() };
}
