import type { HandlersFor } from '../../api/context';
import { deleteMailbox, listMailboxes, saveMailbox } from './mailboxes';
import { listTasks, taskDetail } from './repo';
import { addNote, createTask, deleteTask, moveTask, updateTask } from './service';
import { listTypes, saveType } from './types';

type Names =
  | 'tasks.list'
  | 'tasks.get'
  | 'tasks.create'
  | 'tasks.update'
  | 'tasks.move'
  | 'tasks.addNote'
  | 'tasks.delete'
  | 'tasks.types'
  | 'tasks.saveType'
  | 'tasks.mailboxes'
  | 'tasks.saveMailbox'
  | 'tasks.deleteMailbox';

export const tasksHandlers: HandlersFor<Names> = {
  'tasks.list': (input, ctx) => listTasks(ctx, input),
  'tasks.get': (input, ctx) => taskDetail(ctx, input.id),
  'tasks.create': (input, ctx) => createTask(ctx, input),
  'tasks.update': ({ id, version, ...input }, ctx) => updateTask(ctx, id, version, input),
  'tasks.move': (input, ctx) => moveTask(ctx, input),
  'tasks.addNote': (input, ctx) => addNote(ctx, input.taskId, input.text),
  async 'tasks.delete'(input, ctx) {
    await deleteTask(ctx, input.id);
    return { ok: true as const };
  },
  'tasks.types': (_input, ctx) => listTypes(ctx),
  'tasks.saveType': (input, ctx) => saveType(ctx, input),
  'tasks.mailboxes': (_input, ctx) => listMailboxes(ctx),
  'tasks.saveMailbox': (input, ctx) => saveMailbox(ctx, input),
  async 'tasks.deleteMailbox'(input, ctx) {
    await deleteMailbox(ctx, input.id);
    return { ok: true as const };
  },
};
