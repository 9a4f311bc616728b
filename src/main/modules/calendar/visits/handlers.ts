import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';
import { acceptAsap, asapOffers } from './asap';
import { bookBreak, bookVisit, moveVisit, updateVisit } from './book';
import { addPayment, cancelVisit, deleteVisit, deletionImpact, setAttendance } from './status';
import { recentClients, visitDetail, visitRange, visitsOfClient } from './read';

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
  'visits.setAttendance': (input, ctx) => setAttendance(ctx, input),
  'visits.cancel': (input, ctx) => cancelVisit(ctx, input),
  'visits.deletionImpact': (input, ctx) => deletionImpact(ctx, input.id),
  'visits.delete': (input, ctx) => deleteVisit(ctx, input),
  'visits.addPayment': (input, ctx) => addPayment(ctx, input),
  'visits.asapOffers': (input, ctx) => asapOffers(ctx, input),
  'visits.acceptAsap': (input, ctx) => acceptAsap(ctx, input),
  'visits.recentClients': (input, ctx) => recentClients(ctx, input.limit),
  'visits.ofClient': (input, ctx) => visitsOfClient(ctx, input.clientId, input.limit),
};
