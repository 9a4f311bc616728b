import { QueryClient } from '@tanstack/react-query';
import type { EventName } from '../../shared/api';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
});

/** Which cached queries a push event makes stale: query keys start with the procedure's module prefix. */
const INVALIDATES: Record<EventName, string[]> = {
  'clients.changed': ['clients'],
  'org.changed': ['org', 'branches'],
  'users.changed': ['users'],
  'periods.changed': ['periods'],
  'series.changed': ['series'],
  // My page's sections read interventions too.
  'interventions.changed': ['interventions', 'home'],
  // Progress is read by the export dialog itself; nothing cached goes stale.
  'export.progress': [],
  'nomenclature.changed': ['nomenclature', 'products', 'interventions'],
  // The warnings panel and the grid's marks.
  'interventions.warning': ['interventions'],
  // A visit booked, moved, marked, paid or reminded: every open calendar refetches its range (the reminder colour live).
  'visits.changed': ['visits', 'calendarReports'],
  'schedule.changed': ['schedule', 'services'],
  // A visit's reminders or attempts: the visit card's lists and the usage figures.
  'reminders.changed': ['reminders'],
  // The test call's progress and a freed slot are read by the screens that show them.
  'reminders.testCall': [],
  'reminders.slotFreed': [],
  // The indicator, the conflicts list and the settings read `sync.*`; pulled rows fire their own modules' events.
  'sync.changed': ['sync'],
  'tasks.changed': ['tasks'],
  // The assignee's toast reads it; the task itself changed through `tasks.changed`.
  'tasks.rejected': [],
  'invoices.changed': ['invoices'],
  // The escalation wrote a line on the task's timeline.
  'tasks.escalated': ['tasks'],
  // The console refetches itself: a visitor's typing comes on this event too and changes nothing cached.
  'chat.changed': [],
  // The task itself came with `tasks.changed`; this one only pops up.
  'tasks.fromChat': [],
};

export function invalidateFor(name: EventName): void {
  for (const prefix of INVALIDATES[name] ?? []) void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith(`${prefix}.`) });
}

type PushListener = (name: EventName, payload: unknown) => void;
const pushListeners = new Set<PushListener>();

/** Screens that tell of a push event themselves (a toast of new warnings) listen here, on the session's one subscription. */
export function onPush(l: PushListener): () => void {
  pushListeners.add(l);
  return () => void pushListeners.delete(l);
}

/** Every push event of the session: caches invalidated, then the listeners told. */
export function received(name: EventName, payload: unknown): void {
  invalidateFor(name);
  for (const l of pushListeners) l(name, payload);
}
