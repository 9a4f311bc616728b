import { z } from 'zod';
import { HLC_PATTERN } from './hlc';

/**
 * What a branch's desktop and the hub say to each other over HTTPS (JSON bodies, `/hub/v1/...`). A device pushes the
 * cells its users changed since its last acknowledged batch and pulls everyone else's after its cursor, in batches;
 * every cell carries its HLC stamp, so applying a batch twice changes nothing and replicas converge whatever the
 * order. Bumped when a field's meaning changes; the hub answers an older or newer protocol with `hub.protocol`.
 */
export const HUB_PROTOCOL = 1;

const name = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/);
const rowId = z.string().min(1).max(64);

/**
 * One column of one row, as last written. `_deleted` is the row's tombstone cell (true: deleted; false: restored);
 * it outranks older edits of the row's other cells. `value` is the column's stored value (text, number or null).
 */
export const cellMessage = z.strictObject({
  table: name,
  rowId,
  column: z.union([name, z.literal('_deleted')]),
  value: z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null()]),
  hlc: z.string().regex(HLC_PATTERN),
  /** The row's branch (null: organization-wide); a device pushes and pulls only its own branches' rows. */
  branchId: z.string().max(64).nullable(),
});
export type CellMessage = z.infer<typeof cellMessage>;

export const MAX_PUSH_CELLS = 5000;

/** A one-time code from the hub's admin, typed on the branch's computer. */
export const registerRequest = z.strictObject({
  protocol: z.number().int(),
  code: z.string().trim().min(6).max(64),
  deviceName: z.string().trim().min(1).max(100),
  schemaVersion: z.number().int().min(0),
  /** The organization this device already holds (null on a fresh install joining one). */
  orgId: z.string().max(64).nullable(),
});
export const registerResponse = z.object({
  deviceId: z.string(),
  /** Secret, shown once: the device stores it with its secrets key and sends it as `Authorization: Bearer`. */
  deviceKey: z.string(),
  orgId: z.string(),
  branchIds: z.array(z.string()),
});

export const syncRequest = z.strictObject({
  protocol: z.number().int(),
  schemaVersion: z.number().int().min(0),
  /** The device's wall clock (ms); too far from the hub's and the request is refused before anything is written. */
  deviceNow: z.number(),
  /** Names this push: the same batch sent again (an answer lost on the way) is acknowledged without a second write. */
  batchId: z.string().min(1).max(64),
  cells: z.array(cellMessage).max(MAX_PUSH_CELLS),
  /** The hub's sequence number of the last cell this device has pulled (0: none yet). */
  cursor: z.number().int().min(0),
  pullLimit: z.number().int().min(1).max(MAX_PUSH_CELLS).default(2000),
  /** This device rebuilt its data from the hub for the reset asked at this time: the hub clears its mark. */
  resetDone: z.number().int().min(0).optional(),
});
export const syncResponse = z.object({
  hubNow: z.number(),
  /** How many of the pushed cells the hub stored (a replayed batch: 0). */
  accepted: z.number().int(),
  /** Cells written by other devices after the request's cursor, in the hub's order. */
  cells: z.array(cellMessage),
  cursor: z.number().int(),
  /** More cells wait after `cursor`: pull again at once. */
  more: z.boolean(),
  /** How many cells wait after `cursor` for this device (0 when `more` is false): a first sync's progress. A hub of an earlier build leaves it out. */
  remaining: z.number().int().min(0).optional(),
  /** An administrator asked this device (at this time) to rebuild its data from the hub, after pushing what it holds. */
  reset: z.number().int().optional(),
});

/**
 * The hub's current cells this device may see (its greatest stamp per column), in (table, row, column) order after
 * `after`: what a check compares the device's rows with. `next` continues the walk; null: the end.
 */
const cellAddress = z.tuple([name, rowId, z.union([name, z.literal('_deleted')])]);
export const cellsRequest = z.strictObject({
  protocol: z.number().int(),
  schemaVersion: z.number().int().min(0),
  after: cellAddress.nullable(),
  limit: z.number().int().min(1).max(MAX_PUSH_CELLS).default(2000),
});
export const cellsResponse = z.object({ cells: z.array(cellMessage), next: z.tuple([z.string(), z.string(), z.string()]).nullable() });

/** Waits (long poll) until the hub holds cells after `cursor` for this device, or `timeoutMs` passes. */
export const waitRequest = z.strictObject({ cursor: z.number().int().min(0), timeoutMs: z.number().int().min(0).max(60_000) });
export const waitResponse = z.object({ changed: z.boolean(), cursor: z.number().int() });

/**
 * A refusal: `code` for programs, `key` an i18n key under `errors.` for people. `hub.update_app`: the device's schema
 * is older than the hub's; `hub.too_new`: newer; `hub.clock_drift`: params `{ minutes }`; `hub.device_revoked`;
 * `hub.unauthorized`; `hub.code_invalid`; `hub.other_org` (the device holds another organization); `hub.wrong_branch`
 * (a pushed cell of a branch the device does not serve); `hub.rate_limited`; `hub.protocol`; `hub.bad_request`;
 * `hub.https_required` (plain HTTP to a hub that is not on this machine).
 */
export const HUB_ERRORS = [
  'hub.update_app',
  'hub.too_new',
  'hub.clock_drift',
  'hub.device_revoked',
  'hub.unauthorized',
  'hub.code_invalid',
  'hub.other_org',
  'hub.wrong_branch',
  'hub.rate_limited',
  'hub.protocol',
  'hub.bad_request',
  'hub.https_required',
  'hub.challenge_failed',
  'hub.blocked',
] as const;
export type HubErrorCode = (typeof HUB_ERRORS)[number];
export const hubError = z.object({
  code: z.enum(HUB_ERRORS),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type HubError = z.infer<typeof hubError>;
