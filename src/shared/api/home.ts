import { z } from 'zod';
import { procedure } from './contract';
import { id } from './common';
import { approvalRow, PRIORITIES, STATUSES } from './interventions';

/** My page (the home screen): what of the call centre is the person's own today. Each section is one read. */

export const HOME_LIMIT = 50;

export const homeIntervention = z.object({
  id,
  number: z.string().nullable(),
  client: z.string(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  docDate: z.string(),
  startAt: z.string().nullable(),
  /** The branch's IANA zone: its start is read on that clock. */
  timeZone: z.string(),
  /** Given to this person to do (else: they took the call). */
  assignedToMe: z.boolean(),
});
export type HomeIntervention = z.infer<typeof homeIntervention>;

export const homeAppointment = z.object({
  id,
  number: z.string().nullable(),
  client: z.string(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  start: z.string(),
  end: z.string(),
  person: z.string().nullable(),
  mine: z.boolean(),
  timeZone: z.string(),
});
export type HomeAppointment = z.infer<typeof homeAppointment>;

export const homeApi = {
  /** Open interventions (not finalized or cancelled) given to the caller or taken by them, most urgent first; `total` counts all. */
  'home.openInterventions': procedure({
    input: z.strictObject({}),
    output: z.object({ rows: z.array(homeIntervention), total: z.number().int() }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  /**
   * Appointments of today in each branch the caller sees, "today" on that branch's own calendar; when today has none,
   * those of the next day that has some (within two weeks), whose date is `next`.
   */
  'home.appointments': procedure({
    input: z.strictObject({}),
    output: z.object({ rows: z.array(homeAppointment), total: z.number().int(), next: z.string().nullable() }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
  /** Approvals waiting: the ones to decide for those who approve, else the caller's own requests still undecided. */
  'home.approvals': procedure({
    input: z.strictObject({}),
    output: z.object({ decides: z.boolean(), rows: z.array(approvalRow) }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
} as const;
