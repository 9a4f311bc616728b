import { defineModule } from '../../api/module';
import { periodsHandlers } from './handlers';

/** Working periods: a locked month refuses documents dated in it. */
export const periodsModule = defineModule({ name: 'periods', handlers: periodsHandlers });
export { assertPeriodOpen, isLocked } from './service';
