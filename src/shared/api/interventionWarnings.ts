import { z } from 'zod';
import { procedure } from './contract';
import { id, nullableStrings } from './common';
import { WARNING_KINDS } from './interventionSettings';
import { STATUSES } from './interventions';

/** An open warning as the panel lists it: what it is about, since when, and the document to open. */
export const warningRow = z.object({
  id,
  interventionId: id,
  kind: z.enum(WARNING_KINDS),
  dueAt: z.string(),
  raisedAt: z.string(),
  ...nullableStrings('number', 'startAt', 'endAt'),
  client: z.string(),
  status: z.enum(STATUSES),
  branchId: id,
  /** The branch's IANA zone: the document's times are read on that clock. */
  timeZone: z.string(),
});
export type WarningRow = z.infer<typeof warningRow>;

/** The most a panel lists at once (the newest); `total` says how many are open. */
export const WARNINGS_SHOWN = 200;

export const interventionWarningsApi = {
  'interventions.warnings.list': procedure({
    input: z.strictObject({}),
    output: z.object({ rows: z.array(warningRow).max(WARNINGS_SHOWN), total: z.number().int() }),
    access: { module: 'interventions', action: 'read' },
    writes: false,
  }),
};

/** Pushed after a scan raised warnings, per branch: the panel and grid refresh, a toast (and on the desktop an OS notification) tells. */
export const warningRaised = z.object({
  count: z.number().int(),
  first: z.object({ interventionId: id, kind: z.enum(WARNING_KINDS), ...nullableStrings('number'), client: z.string() }),
});
