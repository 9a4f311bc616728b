import type { Ctx } from '../../../api/context';
import type { ModuleHost, Started } from '../../../api/module';
import { serviceKey } from '../../../api/services';
import { TaskIndex } from './memory/taskIndex';

/** The tasks grid's filters, counts, groups and orders in memory (not ready during the first seconds after start). */
export const TASK_INDEX = serviceKey<TaskIndex>('tasks.memoryIndex');

/** The index, where the core started it (a bare test context has none: the grid then asks SQL). */
export function taskIndexOf(ctx: Pick<Ctx, 'services'>): TaskIndex | null {
  try {
    return ctx.services.get(TASK_INDEX);
  } catch {
    return null;
  }
}

/**
 * Reads every task into the memory index in the background; until it is ready the grid asks SQL. A change it could
 * not apply sends it back to reading the table (the grid on SQL meanwhile).
 */
export function startTaskIndex(host: ModuleHost): Required<Started> & { index: TaskIndex } {
  const { db, sqlite, log } = host;
  const index = new TaskIndex();
  host.services.provide(TASK_INDEX, index);
  index.onBroken = (e) => {
    log('the tasks index missed a change; reading it again', e);
    void index.reload(db, sqlite).catch((err: unknown) => log('reloading the tasks index failed; the grid stays on SQL', err));
  };
  const started = Date.now();
  const ready = index
    .load(db, sqlite)
    .then(() => {
      if (index.ready) log(`tasks index ready: ${index.cols.liveCount} tasks in ${Date.now() - started} ms`);
    })
    .catch((e: unknown) => log('loading the tasks index failed; the grid stays on SQL', e));
  return {
    index,
    ready,
    async stop() {
      index.stop();
      await ready;
    },
  };
}
