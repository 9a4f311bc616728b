import type { HandlersFor } from '../../api/context';
import { createSeries, listSeries, updateSeries } from './service';

export const seriesHandlers: HandlersFor<'series.list' | 'series.create' | 'series.update'> = {
  async 'series.list'(input, ctx) {
    return listSeries(ctx, input.docType);
  },
  async 'series.create'(input, ctx) {
    return createSeries(ctx, input);
  },
  async 'series.update'(input, ctx) {
    return updateSeries(ctx, input);
  },
};
