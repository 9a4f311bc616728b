import type { HandlersFor } from '../../../api/context';
import { listTime, myRunning } from './repo';
import { addEntry, editEntry, removeEntry, startTimer, stopTimer } from './service';
import { workAct } from './workAct';

type Names = 'tasks.time.start' | 'tasks.time.stop' | 'tasks.time.add' | 'tasks.time.edit' | 'tasks.time.remove' | 'tasks.time.list' | 'tasks.time.running' | 'tasks.time.workAct' | 'tasks.time.clientAct';

export const taskTimeHandlers: HandlersFor<Names> = {
  'tasks.time.start': (input, ctx) => startTimer(ctx, input.taskId, input.stopRunning),
  'tasks.time.stop': (input, ctx) => stopTimer(ctx, input.entryId),
  'tasks.time.add': (input, ctx) => addEntry(ctx, input),
  'tasks.time.edit': (input, ctx) => editEntry(ctx, input),
  async 'tasks.time.remove'(input, ctx) {
    await removeEntry(ctx, input.id, input.version);
    return { ok: true as const };
  },
  'tasks.time.list': (input, ctx) => listTime(ctx, input.taskId),
  'tasks.time.running': (_input, ctx) => myRunning(ctx),
  'tasks.time.workAct': (input, ctx) => workAct(ctx, input),
  'tasks.time.clientAct': (input, ctx) => workAct(ctx, input),
};
