import type { Ctx } from '../../api/context';
import type { InterventionDetail, Status } from '../../../shared/api/interventions';

export type InterventionChange = 'created' | 'updated' | 'confirmed' | 'finalized' | 'cancelled' | 'validated' | 'deleted';

/** Called in the transaction of every change of an intervention; queues the e-mails of that change. */
export async function interventionChanged(_ctx: Ctx, _change: InterventionChange, _detail: InterventionDetail, _previous?: Status): Promise<void> {
  // Filled by the mail slice (outbox + templates).
}
