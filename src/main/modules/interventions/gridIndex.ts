import type { Ctx } from '../../api/context';
import type { ModuleHost, Started } from '../../api/module';
import { serviceKey } from '../../api/services';
import { InterventionIndex } from './memory/memoryIndex';
import { fillSearchIfEmpty } from './searchIndex';

/** The interventions grid's filters, counts and groups in memory (not ready during the first seconds after start). */
export const INTERVENTION_INDEX = serviceKey<InterventionIndex>('interventions.memoryIndex');

export function interventionIndex(ctx: Pick<Ctx, 'services'>): InterventionIndex {
  return ctx.services.get(INTERVENTION_INDEX);
}

/**
 * Fills the quick search when a migration left it empty, then reads every live document into the memory index in the
 * background: the grid asks SQL until it is ready, and again whenever the index misses a change and reads itself anew.
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
  const loadStart = Date.now();
  const ready = index
    .load(db, sqlite)
    .then(() => {
      if (index.ready) log(`interventions index ready: ${index.cols.liveCount} rows in ${Date.now() - loadStart} ms`);
    })
    .catch((e: unknown) => log('loading the interventions index failed; the grid stays on SQL', e));
  return {
    ready,
    async stop() {
      index.stop();
      await ready;
    },
  };
}
