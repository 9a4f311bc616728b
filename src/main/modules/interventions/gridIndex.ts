import type { Ctx } from '../../api/context';
import type { ModuleHost, Started } from '../../api/module';
import { serviceKey } from '../../api/services';
import { InterventionIndex } from './memory/memoryIndex';
import { fillSearchIfEmpty } from './searchIndex';
import { loadSnapshot, snapshotFile, writeSnapshot } from './indexSnapshot';

/** The interventions grid's filters, counts and groups in memory (not ready during the first seconds after start). */
export const INTERVENTION_INDEX = serviceKey<InterventionIndex>('interventions.memoryIndex');

export function interventionIndex(ctx: Pick<Ctx, 'services'>): InterventionIndex {
  return ctx.services.get(INTERVENTION_INDEX);
}

/**
 * Fills the quick search when a migration left it empty, then makes the memory index ready in the background: from
 * its snapshot beside the database, caught up from the change record (a fraction of a second), or else by reading
 * every live document (many seconds at a million, while the grid asks SQL). The snapshot is written again after a
 * read or a catch-up and at a clean close.
 */
export function startInterventionIndex(host: ModuleHost): Started {
  const { db, sqlite, log } = host;
  const filled = fillSearchIfEmpty(sqlite);
  if (filled) log(`quick search: indexed ${filled} interventions`);
  const index = new InterventionIndex();
  host.services.provide(INTERVENTION_INDEX, index);
  index.onBroken = (e) => {
    log('the interventions index missed a change; reading it again', e);
    void index.reload(db, sqlite).catch((err: unknown) => log('reloading the interventions index failed; the grid stays on SQL', err));
  };
  const file = host.config.dbFile === ':memory:' ? null : snapshotFile(host.config.dbFile);
  let saving: Promise<unknown> = Promise.resolve();
  const save = () => {
    if (!file) return;
    saving = saving.then(() => writeSnapshot(index, db, sqlite, file)).catch((e: unknown) => log('writing the interventions index snapshot failed', e));
  };
  const loadStart = Date.now();
  const ready = (async () => {
    const unreadable = (e: unknown) => {
      log('the interventions index snapshot could not be read; reading the table', e);
      return null;
    };
    const caughtUp = file ? await loadSnapshot(index, db, sqlite, file).catch(unreadable) : null;
    if (caughtUp === null) await index.load(db, sqlite);
    if (!index.ready) return;
    const how = caughtUp === null ? 'read from the table' : `from its snapshot, ${caughtUp} caught up`;
    log(`interventions index ready: ${index.cols.liveCount} rows in ${Date.now() - loadStart} ms (${how})`);
    if (caughtUp !== 0) save();
  })().catch((e: unknown) => log('loading the interventions index failed; the grid stays on SQL', e));
  return {
    ready,
    async stop() {
      index.stop();
      await ready;
      await saving;
      if (index.ready) {
        save();
        await saving;
      }
    },
  };
}
