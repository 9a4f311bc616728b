import { defineModule } from '../../../api/module';
import { taskTimeHandlers } from './handlers';

/**
 * Time on tasks (issue 12): timers and manual entries (`service.ts`, rules in `shared/rules/tasks/time.ts`), reading
 * (`repo.ts`) and the work act (`workAct.ts`). Part of the tasks module, composed as its own face so its procedures
 * stay in one place.
 */
export const taskTimeModule = defineModule({ name: 'tasks.time', handlers: taskTimeHandlers });
/** The demo organization writes its sessions as the staff would. */
export { addEntry as addTimeEntry } from './service';
