import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';
import { bookBreak, bookVisit, moveVisit, updateVisit } from './book';
import { recentClients, visitDetail, visitRange, visitsOfClient } from './read';

// Built next (attendance, cancel, payments, deletion, ASAP).
const notYet = async (): Promise<never> => {
  throw fail.notFound('visit_not_found');
};

/** A month view with the weeks around it: the longest range one call reads. */
const MAX_RANGE_DAYS = 62;

export const visitsHandlers: HandlersFor<
  | 'visits.range'
  | 'visits.get'
  | 'visits.book'
  | 'visits.bookBreak'
  | 'visits.update'
  | 'visits.move'
  | 'visits.setAttendance'
  | 'visits.cancel'
  | 'visits.deletionImpact'
  | 'visits.delete'
  | 'visits.addPayment'
  | 'visits.asapOffers'
  | 'visits.acceptAsap'
  | 'visits.recentClients'
  | 'visits.ofClient'
> = {
  async 'visits.range'(input, ctx) {
    const span = Date.parse(input.to) - Date.parse(input.from);
    if (span <= 0) throw fail.validation('end_before_start', 'to');
    if (span > MAX_RANGE_DAYS * 86_400_000) throw fail.validation('visit_range_too_long', 'to', { days: MAX_RANGE_DAYS });
    return visitRange(ctx, input);
  },
  'visits.get': (input, ctx) => visitDetail(ctx, input.id),
  'visits.book': (input, ctx) => bookVisit(ctx, input),
  'visits.bookBreak': (input, ctx) => bookBreak(ctx, input),
  'visits.update': (input, ctx) => updateVisit(ctx, input),
  'visits.move': (input, ctx) => moveVisit(ctx, input),
  'visits.setAttendance': notYet,
  'visits.cancel': notYet,
  'visits.deletionImpact': notYet,
  'visits.delete': notYet,
  'visits.addPayment': notYet,
  'visits.asapOffers': notYet,
  'visits.acceptAsap': notYet,
  'visits.recentClients': (input, ctx) => recentClients(ctx, input.limit),
  'visits.ofClient': (input, ctx) => visitsOfClient(ctx, input.clientId, input.limit),
};
