import type { JobDeps } from '../../../api/jobCtx';
import type { IntakeItem } from '../../../../shared/sync/intake';
import { takeSubmission } from './take';

/** One call to the hub's intake: acknowledge these, give what waits after `after`. */
export type IntakeCall = (req: { ack: string[]; after: number; limit: number }) => Promise<{ items: IntakeItem[]; more: boolean }>;

/**
 * The web form's submissions for this installation's branches, pulled after a sync round's pull: each becomes a task
 * in its own transaction, and is acknowledged to the hub only in the next call, after that commit. A crash between
 * the two leaves the submission at the hub; its record here makes the second pull a no-op. A submission that fails
 * (its branch not here yet) is left unacknowledged for a later round. Returns how many tasks were made.
 */
export async function pullWebIntake(deps: JobDeps, orgId: string, call: IntakeCall): Promise<number> {
  let ack: string[] = [];
  let after = 0;
  let made = 0;
  for (;;) {
    const res = await call({ ack, after, limit: 20 });
    ack = [];
    for (const item of res.items) {
      after = item.seq;
      try {
        const r = await takeSubmission(deps, orgId, item);
        if (!r.seen) made += 1;
        ack.push(item.id);
      } catch (e) {
        deps.log(`web form: submission ${item.reference} not taken yet`, e);
      }
    }
    if (res.items.length === 0 && ack.length === 0) return made;
  }
}
