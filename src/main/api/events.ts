import type { EventName, EventPayload } from '../../shared/api';
import { can, type Module } from '../../shared/permissions';
import { seesBranch, type ScopeUser } from './visibility';

/** Who may hear a change, besides being of its organization: narrowed by the handler that emits it. */
export interface EventScope {
  /** The branches the change belongs to (before and after a move); absent: the whole organization. */
  branchIds?: readonly string[];
  /** Only this user (the progress of their own long call). */
  userId?: string;
}

export interface PushEvent<E extends EventName = EventName> extends EventScope {
  name: E;
  payload: EventPayload<E>;
  /** Only sessions of this organization receive it. */
  orgId: string;
}

/** The module whose read right an event's receiver needs: an event names records, and only readers may learn of them. */
export const EVENT_MODULE: Record<EventName, Module> = {
  'clients.changed': 'clients',
  'org.changed': 'organization',
  // Everyone reads colleagues' names (users.directory), so everyone in the organization hears that they changed.
  'users.changed': 'organization',
  'periods.changed': 'periods',
  'series.changed': 'series',
  'interventions.changed': 'interventions',
  'export.progress': 'interventions',
  'nomenclature.changed': 'nomenclature',
  'interventions.warning': 'interventions',
  'visits.changed': 'calendar',
  'schedule.changed': 'calendar',
  'reminders.changed': 'reminders',
  'reminders.testCall': 'reminders',
  // The freed slot is offered to those who book: the calendar's clerks of the branch.
  'reminders.slotFreed': 'calendar',
  // Everyone sees the shell's sync indicator; the state names no record.
  'sync.changed': 'organization',
  'tasks.changed': 'tasks',
  'tasks.rejected': 'tasks',
  'invoices.changed': 'invoices',
  // An urgent task not acknowledged in time: told to the branch's dispatcher.
  'tasks.escalated': 'tasks',
  // Each operator's own socket tells its own windows (scoped to the user): only those who read chats.
  'chat.changed': 'chat',
  // Scoped to the task's responsible person: their pop-up.
  'tasks.fromChat': 'tasks',
};

/** The one delivery rule of every transport: same organization, the module's read right, and a branch the user sees. */
export function mayReceive(user: ScopeUser, e: Pick<PushEvent, 'name' | 'orgId' | 'branchIds' | 'userId'>): boolean {
  if (user.orgId !== e.orgId) return false;
  if (e.userId !== undefined && e.userId !== user.id) return false;
  const module = EVENT_MODULE[e.name];
  if (!module || !can(user.role, module, 'read')) return false;
  return !e.branchIds || e.branchIds.some((b) => seesBranch(user, b));
}

type Listener = (event: PushEvent) => void;

/** Fan-out of committed changes to every window, whatever transport carries it; each transport filters with `mayReceive`. */
export class EventBus {
  private listeners = new Set<Listener>();
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(event: PushEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // One broken window must not stop the others from hearing about a change.
      }
    }
  }
}

/** Where a session's events go: one connection of one transport (web mode's socket). */
export interface SessionOutlet {
  /** False once the connection closed: nothing more is sent or asked. */
  open(): boolean;
  send(event: PushEvent): void;
  /** The session ended (logout, a password change, another login in this browser, expiry): close the connection. */
  ended(): void;
}

/**
 * A session's share of the bus: each event its user may receive (`mayReceive`), in order, so a later event never
 * overtakes an earlier one, and each only after asking whether the session is still open. Returns the unsubscribe.
 */
export function followSession(
  bus: EventBus,
  sessions: { isOpen(token: string): Promise<boolean> },
  session: { user: ScopeUser; token: string },
  outlet: SessionOutlet,
): () => void {
  let pushing = Promise.resolve();
  return bus.on((e) => {
    if (!mayReceive(session.user, e)) return;
    pushing = pushing.then(async () => {
      if (!outlet.open()) return;
      if (await sessions.isOpen(session.token)) outlet.send(e);
      else outlet.ended();
    });
  });
}
