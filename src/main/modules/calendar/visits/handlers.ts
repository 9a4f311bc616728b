import type { HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';

// NOT BUILT YET: the visits engineer replaces every handler here.
const notYet = async (): Promise<never> => {
  throw fail.notFound('visit');
};

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
  'visits.range': notYet,
  'visits.get': notYet,
  'visits.book': notYet,
  'visits.bookBreak': notYet,
  'visits.update': notYet,
  'visits.move': notYet,
  'visits.setAttendance': notYet,
  'visits.cancel': notYet,
  'visits.deletionImpact': notYet,
  'visits.delete': notYet,
  'visits.addPayment': notYet,
  'visits.asapOffers': notYet,
  'visits.acceptAsap': notYet,
  'visits.recentClients': notYet,
  'visits.ofClient': notYet,
};
