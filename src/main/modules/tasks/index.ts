import { defineModule } from '../../api/module';
import { tasksHandlers } from './handlers';
import { checklistHandlers } from './checklistHandlers';
import { taskGridHandlers } from './grid';
import { startTaskIndex } from './grid/gridIndex';
import { createIntake, TASK_INTAKE } from './intake';
import { webIntakeHandlers } from './webIntake/people';
import { FIELD_ACTIONS } from '../../sync';
import { fieldActionApplier } from './field/apply';
import { noticeHandlers } from './field/handlers';
import { createNoticeJob } from './field/noticeJob';
import { TASK_NOTICES } from './field/notices';
import type { PushEvent } from '../../api/events';
import { CHAT_ACTIONS, chatActionApplier } from './chat/apply';

/**
 * Tasks (issue 12): the workflow (`service.ts`, rules in `shared/rules/tasks/`), one registration for every intake
 * (`register.ts`), reading (`repo.ts`), types (`types.ts`), the mailboxes (`mailboxes.ts`) and their readers
 * (`intake/`: a message becomes a task, a reply a note on its task, a machine's message nothing).
 */
export const tasksModule = defineModule({
  name: 'tasks',
  handlers: { ...tasksHandlers, ...checklistHandlers, ...webIntakeHandlers, ...taskGridHandlers, ...noticeHandlers },
  start(host) {
    const intake = createIntake({ db: host.db, clock: host.clock, config: host.config, services: host.services, publish: (e) => host.publish(e), log: host.log });
    host.services.provide(TASK_INTAKE, intake);
    const jobDeps = { db: host.db, clock: host.clock, config: host.config, services: host.services, publish: (e: PushEvent) => host.publish(e), log: host.log };
    host.services.provide(FIELD_ACTIONS, fieldActionApplier(jobDeps));
    host.services.provide(TASK_NOTICES, createNoticeJob(jobDeps));
    host.services.provide(CHAT_ACTIONS, chatActionApplier(jobDeps));
    const grid = startTaskIndex(host);
    return {
      ready: grid.ready,
      async stop() {
        await intake.stop();
        await grid.stop();
      },
    };
  },
  jobs(host) {
    // Each minute: a mailbox saved, enabled or disabled takes effect within it; new mail itself arrives by IDLE or polling.
    return {
      tasks: [
        { name: 'task mail intake', cron: '5 * * * * *', run: () => host.services.get(TASK_INTAKE).sync() },
        // Employee notices: sent soon after the write that queued them (it also wakes the job), escalated on time.
        { name: 'task notices', cron: '*/10 * * * * *', run: () => host.services.get(TASK_NOTICES).run() },
      ],
    };
  },
});

export { TASK_INTAKE, type TaskIntake } from './intake';
/** One message of a mailbox taken as the readers take it (the funnel's coverage test feeds it a message directly). */
export { takeMessage } from './intake/take';
/** The demo organization writes its tasks, types and mailbox as people would. */
export { createTask, moveTask } from './service';
export { saveType } from './types';
export { saveMailbox } from './mailboxes';
/** Time on tasks and the work act: composed beside the tasks module (`time/`). */
export { taskTimeModule, addTimeEntry } from './time';
/** …and its task types with checklists, ticked, submitted, sent back and approved. */
export { saveTypeSettings } from './typeSettings';
export { getChecklist, tickItem } from './checklist';
/** The web form's submissions pulled from the hub after a sync round. */
export { pullWebIntake, type IntakeCall } from './webIntake';
export { fieldActionApplier } from './field/apply';
/** What the tasks grid's export and printed list read: the caller's grid and its order. */
export { taskGrid, taskGridOf, taskGridOrder, type TaskGrid } from './grid';
export { applyChatAction, CHAT_ACTIONS, pullChatActions, type ChatActionApplier } from './chat/apply';
