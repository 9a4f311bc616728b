import { serviceKey } from '../../api/services';
import type { ModuleHost } from '../../api/module';
import type { PushEvent } from '../../api/events';
import { secretsFor } from '../../mail';
import { CHAT_ACTIONS, pullChatActions, pullWebIntake, type ChatActionApplier } from '../../modules/tasks';
import { openReplica, settleDecidedFields, settleDoubleBookings, type Replica } from '../replica';
import { orgConflictCount } from './conflicts';
import { keyContext, loadDevice, SCHEMA_VERSION } from './device';
import { createHubClient, hubBase, type HubClient } from './hubClient';
import { createSyncEngine, type SyncEngine, type SyncEngineDeps } from './engine';
import { registerDevice, type RegisterInput } from './register';
import { FIELD_ACTIONS, type FieldActionApplier } from './fieldActions';

/** What the `sync.*` handlers reach: the engine, the replica it drives, and registration. */
export interface SyncDesk {
  engine: SyncEngine;
  replica: Replica;
  register(input: RegisterInput, orgId: string | null): Promise<void>;
  /** The hub this installation is registered with, for a module's own calls (phone links); null when it is not. */
  hub(): Promise<HubAccess | null>;
}

export interface HubAccess {
  url: string;
  orgId: string;
  client: HubClient;
  key: string;
}

export const SYNC_DESK = serviceKey<SyncDesk>('sync.desk');

/** The tasks module's applier once it has started (a core without it syncs cells only). */
function fieldApplier(host: ModuleHost): FieldActionApplier | null {
  try {
    return host.services.get(FIELD_ACTIONS);
  } catch {
    return null;
  }
}

function chatApplier(host: ModuleHost): ChatActionApplier | null {
  try {
    return host.services.get(CHAT_ACTIONS);
  } catch {
    return null;
  }
}

/** Test seams: a hub client of the test's choosing, shorter waits. */
export type DeskOptions = Pick<SyncEngineDeps, 'clientFor' | 'waitMs' | 'debounceMs' | 'pullLimit' | 'random'>;

/**
 * Builds the desktop's sync at core start: the replica over the core's writer connection (pulled rows fire their
 * modules' events on the core's bus, so every window refreshes), the engine, and the cue that a local save happened.
 */
export function createSyncDesk(host: ModuleHost, opts: DeskOptions = {}): SyncDesk & { stop(): Promise<void> } {
  let orgId: string | null = null;
  const replica = openReplica(host.db, {
    now: () => host.clock.now(),
    emit: (name, payload, scope) => {
      if (orgId) host.publish({ ...scope, name, payload, orgId } as PushEvent);
    },
    config: host.config,
    services: host.services,
  });
  // Sealing with the data folder's key is opened lazily: a folder whose key only the desktop app opens fails only here.
  const secrets = {
    encrypt: (plain: string, context: string) => secretsFor(host.config).encrypt(plain, context),
    decrypt: (sealed: string, context: string) => secretsFor(host.config).decrypt(sealed, context),
  };
  const engine = createSyncEngine({
    db: host.db,
    replica,
    clock: host.clock,
    secrets,
    log: host.log,
    // The web form's submissions become tasks; a hub without the form (older) or a failure there never fails the round.
    afterPull: async (hub, key, org) => {
      await pullWebIntake(host, org, (req) => hub.intake(key, { schemaVersion: SCHEMA_VERSION, ...req })).then(
        () => undefined,
        (e: unknown) => host.log('sync: pulling web form submissions failed', e),
      );
      // The website chat's linked tasks; a hub without the chat (older) or a failure there never fails the round.
      const chat = chatApplier(host);
      if (chat) {
        await pullChatActions((cursor) => hub.chatActions(key, { cursor, limit: 200 }), org, chat).then(
          () => undefined,
          (e: unknown) => host.log('sync: pulling chat actions failed', e),
        );
      }
    },
    pullLimit: host.config.syncPullLimit,
    fieldActions: () => fieldApplier(host),
    ...opts,
    announce(org, state) {
      orgId = org;
      void orgConflictCount(host.db, org).then(
        (conflicts) => host.publish({ name: 'sync.changed', payload: { state, conflicts }, orgId: org }),
        (e: unknown) => host.log('sync: counting conflicts failed', e),
      );
    },
  });
  const off = host.subscribe((e) => {
    if (e.name !== 'sync.changed' && e.name !== 'export.progress') engine.nudge();
    // A visit moved or cancelled here may end a double booking listed earlier, and an edit here may be newer than both
    // sides of a crossing edit: either closes without a second decision.
    if (e.name === 'visits.changed' || e.name === 'interventions.changed') void settleHere(e.orgId, e.name === 'visits.changed');
  });
  async function settleHere(org: string, visits: boolean): Promise<void> {
    try {
      const nowIso = new Date(host.clock.now()).toISOString();
      const closed = (visits ? await settleDoubleBookings(host.db, org, nowIso) : 0) + (await settleDecidedFields(host.db, org, nowIso));
      if (!closed) return;
      host.publish({ name: 'sync.changed', payload: { state: engine.view().state, conflicts: await orgConflictCount(host.db, org) }, orgId: org });
    } catch (err) {
      host.log('sync: settling double bookings failed', err);
    }
  }
  return {
    engine,
    replica,
    async register(input, org) {
      await registerDevice({ db: host.db, replica, secrets, clock: host.clock, clientFor: opts.clientFor }, input, org);
      orgId = (await loadDevice(host.db))?.org_id ?? org;
      await engine.restart();
    },
    async hub() {
      const dev = await loadDevice(host.db);
      if (!dev?.device_key_enc || !dev.hub_url || !dev.org_id) return null;
      const client = (opts.clientFor ?? ((url: string) => createHubClient(url, { timeoutMs: 15_000 })))(dev.hub_url);
      return { url: hubBase(dev.hub_url), orgId: dev.org_id, client, key: secrets.decrypt(dev.device_key_enc, keyContext(dev.installation_id)) };
    },
    async stop() {
      off();
      await engine.stop();
    },
  };
}
