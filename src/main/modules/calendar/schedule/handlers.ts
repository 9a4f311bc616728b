import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';

// NOT BUILT YET: the schedule engineer replaces every handler here.
const notYet = async (): Promise<never> => {
  throw fail.notFound('schedule');
};

export const scheduleHandlers: HandlersFor<
  | 'schedule.weeks'
  | 'schedule.setWeek'
  | 'schedule.exceptions'
  | 'schedule.createException'
  | 'schedule.updateException'
  | 'schedule.deleteException'
  | 'schedule.working'
  | 'services.list'
  | 'services.create'
  | 'services.update'
  | 'services.delete'
> = {
  'schedule.weeks': notYet,
  'schedule.setWeek': notYet,
  'schedule.exceptions': notYet,
  'schedule.createException': notYet,
  'schedule.updateException': notYet,
  'schedule.deleteException': notYet,
  'schedule.working': notYet,
  'services.list': notYet,
  'services.create': notYet,
  'services.update': notYet,
  'services.delete': notYet,
};
