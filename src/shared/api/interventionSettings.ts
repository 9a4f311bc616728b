import { z } from 'zod';

/** The module's settings from the seed (saving phone conversations comes with telephony). */
export const interventionSettings = z.strictObject({
  sendMailToClient: z.boolean(),
  daysShown: z.number().int().min(1).max(62),
  groupsOnLeft: z.boolean(),
  autoResizeColumns: z.boolean(),
  /** "Session locked for changes": nobody changes documents of this module while on. */
  lockSession: z.boolean(),
  /** Warn about interventions still received (not allocated) after this many hours; null = no such warning. */
  warningHours: z.number().int().min(1).max(720).nullable(),
  /** Warn about interventions allocated and still not confirmed this many hours after their allocation; null = off. */
  unconfirmedHours: z.number().int().min(1).max(720).nullable(),
  /** Warn about interventions still open this many minutes after their scheduled end (0: at the end); null = off. */
  overdueGraceMinutes: z.number().int().min(0).max(1440).nullable(),
  /** Cancelling or finalizing needs a manager's approval. */
  approvals: z.boolean(),
  /** "Raport CRM online – Intervenție": the printed form carries a QR code and link to the report in the client portal. */
  crmOnlineReport: z.boolean(),
});
export type InterventionSettings = z.infer<typeof interventionSettings>;

export const DEFAULT_INTERVENTION_SETTINGS: InterventionSettings = {
  sendMailToClient: true,
  daysShown: 7,
  groupsOnLeft: false,
  autoResizeColumns: false,
  lockSession: false,
  warningHours: 24,
  approvals: false,
  unconfirmedHours: 8,
  overdueGraceMinutes: 60,
  crmOnlineReport: false,
};

/** The warnings of the seed's "Avertizari": not allocated in time, allocated but not confirmed in time, past the scheduled end. */
export const WARNING_KINDS = ['unallocated', 'unconfirmed', 'overdue'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];
