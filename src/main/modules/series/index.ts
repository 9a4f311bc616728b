import { defineModule } from '../../api/module';
import { seriesHandlers } from './handlers';

/** Document number series per branch; a number is taken inside the caller's write transaction. */
export const seriesModule = defineModule({ name: 'series', handlers: seriesHandlers });
export { createSeries, defaultSeriesId, takeNumber, takeNumbering } from './service';
