import { serviceKey } from '../../../api/services';
import type { JobDeps } from '../../../api/jobCtx';
import { secretsFor } from '../../../mail';
import { mailboxPasswordContext } from '../mailboxes';
import { MailboxWorker, type WorkerEvents } from './worker';

export interface TaskIntake {
  /** Starts a reader for each enabled mailbox, restarts those whose settings changed and stops the others. */
  sync(): Promise<void>;
  stop(): Promise<void>;
  /** Hooks for tests and logs. */
  events: WorkerEvents;
}

export const TASK_INTAKE = serviceKey<TaskIntake>('tasks.intake');

export function createIntake(deps: JobDeps): TaskIntake {
  const workers = new Map<string, MailboxWorker>();
  const events: WorkerEvents = {};
  let stopped = false;
  const relay: WorkerEvents = { taken: (...a) => events.taken?.(...a), passed: (...a) => events.passed?.(...a) };
  return {
    events,
    async sync() {
      if (stopped) return;
      const boxes = await deps.db.selectFrom('task_mailbox').selectAll().where('deleted_at', 'is', null).where('enabled', '=', 1).execute();
      const wanted = new Map(boxes.map((b) => [b.id, b]));
      for (const [id, w] of workers) {
        const next = wanted.get(id);
        if (!next || next.version !== w.version) {
          workers.delete(id);
          await w.stop();
        }
      }
      for (const box of boxes) {
        if (workers.has(box.id)) continue;
        let password: string | null = null;
        try {
          password = box.password ? secretsFor(deps.config).decrypt(box.password, mailboxPasswordContext(box.id)) : null;
        } catch (e) {
          deps.log(`task mailbox ${box.name}: its password cannot be opened here`, e);
          continue;
        }
        workers.set(box.id, new MailboxWorker(deps, box, password, relay));
      }
    },
    async stop() {
      stopped = true;
      await Promise.all([...workers.values()].map((w) => w.stop()));
      workers.clear();
    },
  };
}
