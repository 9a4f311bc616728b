import type { EventScope } from '../../api/events';
import type { TestApp } from '../../testing/harness';
import { openReplica, type Replica } from './index';

/** A core and its replica, with the events its applies fired. */
export interface Node {
  app: TestApp;
  replica: Replica;
  events: { name: string; payload: unknown; scope?: EventScope }[];
}

export function nodeOf(app: TestApp): Node {
  const events: Node['events'] = [];
  const replica = openReplica(app.core.db, {
    now: () => app.clock.now(),
    emit: (name, payload, scope) => void events.push({ name, payload, scope }),
    config: app.core.config,
    services: app.core.services,
  });
  return { app, replica, events };
}

/** Everything `from` wrote itself, applied on `to` (a replay of what it already holds changes nothing). */
export async function exchange(from: Node, to: Node, orgId: string): Promise<{ applied: number; conflicts: number; parked: number }> {
  const { cells } = await from.replica.outbound(orgId, 0, 1_000_000);
  return to.replica.apply(orgId, cells);
}

/** An answer without what each replica keeps for itself (its version counter, when its row last changed). */
export function shared(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shared);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== 'version' && k !== 'updatedAt' && k !== 'updatedBy')
        .map(([k, v]) => [k, shared(v)]),
    );
  }
  return value;
}
