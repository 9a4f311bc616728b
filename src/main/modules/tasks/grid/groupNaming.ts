import type { GroupNaming } from '../../../grid/groups';
import type { TaskGroupField } from '../../../../shared/api/taskGrid';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../../../shared/rules/tasks/status';

/** How the tasks grid's groups are named (people and types from their tables, clients by their tasks' name). */
export const TASK_GROUP_NAMING: GroupNaming<TaskGroupField> = { tables: { assignee: 'app_user', type: 'task_type' }, labelled: ['client'] };

/** Fields listed in workflow order rather than by key. */
export const TASK_GROUP_ORDER: Partial<Record<TaskGroupField, readonly (string | null)[]>> = { status: TASK_STATUSES, priority: TASK_PRIORITIES };
