import { defineModule } from '../api/module';
import { syncHandlers } from './handlers';
import { createSyncDesk, SYNC_DESK, type DeskOptions } from './engine/desk';

/**
 * Branch sync, the desktop's side (issue 11): the replica (`replica/`: cells, merge, conflicts) and the engine
 * (`engine/`: the hub client, rounds, registration, the indicator's status) that pushes and pulls in the core process.
 */
export function syncModuleWith(opts: DeskOptions = {}) {
  return defineModule({
    name: 'sync',
    handlers: syncHandlers,
    start(host) {
      const desk = createSyncDesk(host, opts);
      host.services.provide(SYNC_DESK, desk);
      const ready = desk.engine.start().catch((e: unknown) => host.log('sync: starting failed', e));
      return { ready, stop: () => desk.stop() };
    },
  });
}

export const syncModule = syncModuleWith();
export { SYNC_DESK, type SyncDesk, type HubAccess } from './engine/desk';
export { HubProblem } from './engine/hubClient';
export { FIELD_ACTIONS, type FieldActionApplier, type FieldPhoto } from './engine/fieldActions';
