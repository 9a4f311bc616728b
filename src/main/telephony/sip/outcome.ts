// How a call ended, as the reminders module bills and colours it.
import type { CallOutcome } from './dialer';

export interface CallFacts {
  answered: boolean;
  key: '1' | '2' | null;
  /** Final response to the INVITE, when one arrived. */
  sipCode: number | null;
  /** Our ring timeout fired before an answer (we cancelled, or gave up on a silent peer). */
  ringTimedOut: boolean;
}

export function outcomeOf(f: CallFacts): CallOutcome {
  if (f.answered) return f.key === '1' ? 'confirmed' : f.key === '2' ? 'declined' : 'answered';
  if (f.ringTimedOut) return 'no_answer';
  switch (f.sipCode) {
    case 486:
    case 600:
      return 'busy';
    case 408:
    case 480:
    case 487:
      return 'no_answer';
    case 603:
      return 'rejected';
    case 404:
    case 604:
      return 'not_found';
    default:
      return 'failed';
  }
}
