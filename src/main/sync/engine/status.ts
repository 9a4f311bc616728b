import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { SyncStatus } from '../../../shared/api/sync';
import type { ScopeUser } from '../../api/visibility';
import type { Replica } from '../replica';
import { loadDevice, problemOf } from './device';
import type { EngineView } from './engine';
import { openConflictCount } from './conflicts';

/**
 * The shell's indicator: the engine's live state over what the device row keeps (a refusal survives a restart until
 * the next round), the local changes the hub has not acknowledged, and the open conflicts this person may resolve.
 */
export async function statusFor(db: Kysely<DB>, replica: Replica, view: EngineView, user: ScopeUser | null): Promise<SyncStatus> {
  const dev = await loadDevice(db);
  const registered = !!dev?.device_key_enc && !!dev.org_id;
  const pending = registered ? await replica.pending(dev.org_id!, dev.pushed_seq) : 0;
  return {
    state: registered ? (view.state === 'unregistered' ? 'idle' : view.state) : 'unregistered',
    hubUrl: dev?.hub_url ?? null,
    deviceName: dev?.device_name ?? null,
    lastSyncAt: dev?.last_sync_at ?? null,
    pending,
    conflicts: user ? await openConflictCount(db, user) : 0,
    progress: view.progress,
    problem: view.problem ?? (dev ? problemOf(dev) : null),
    intervalSeconds: dev?.interval_seconds ?? 30,
  };
}
