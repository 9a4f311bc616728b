import { defineModule } from '../../api/module';
import { tasksHandlers } from './handlers';

/**
 * Tasks (issue 12): the workflow (`service.ts`, rules in `shared/rules/tasks/`), one registration for every intake
 * (`register.ts`), reading (`repo.ts`), types (`types.ts`) and the mailboxes whose messages become tasks
 * (`mailboxes.ts`).
 */
export const tasksModule = defineModule({ name: 'tasks', handlers: tasksHandlers });
