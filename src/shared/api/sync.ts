import { z } from 'zod';
import { procedure } from './contract';
import { empty, id, isoInstant, okOutput, requiredText } from './common';

/**
 * Branch sync (issue 11), the desktop's side: this installation registered with the organization's hub pushes its
 * users' changes and pulls the other branches', in the core process, every `intervalSeconds` while online and at once
 * after a change. The device key never leaves main. Conflicts the merge cannot settle (two bookings of one slot, two
 * statuses of one document) are listed for the people concerned, with both versions, and a person resolves them.
 */

export const SYNC_STATES = ['unregistered', 'idle', 'syncing', 'offline', 'refused'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const syncStatus = z.object({
  state: z.enum(SYNC_STATES),
  hubUrl: z.string().nullable(),
  deviceName: z.string().nullable(),
  lastSyncAt: isoInstant.nullable(),
  /** Local changes not yet acknowledged by the hub. */
  pending: z.number().int(),
  /** Open conflicts this user may resolve. */
  conflicts: z.number().int(),
  /** A first sync (or a long offline week) in progress: cells applied of those known to wait. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Why the hub refused (`state: 'refused'`) or the last attempt failed: an i18n key under `errors.` with params. */
  problem: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).nullable(),
  intervalSeconds: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatus>;

export const CONFLICT_KINDS = ['slot_double_booked', 'status_diverged', 'field_diverged'] as const;
export const conflictSide = z.object({
  /** Which device (branch computer) and who wrote it, and when (the HLC's wall-clock part). */
  deviceName: z.string().nullable(),
  userName: z.string().nullable(),
  at: isoInstant,
  /** The row's values this side wrote, by column; shown with the module's labels. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const syncConflict = z.object({
  id,
  kind: z.enum(CONFLICT_KINDS),
  table: z.string(),
  rowId: z.string(),
  /** A human name of the row (a visit's client and time, a document's number). */
  title: z.string(),
  branchId: z.string().nullable(),
  detectedAt: isoInstant,
  /** The version every replica holds now (the merge's winner) and the one it replaced. */
  kept: conflictSide,
  other: conflictSide,
  /** For a double booking: the other row that holds the slot. */
  otherRowId: z.string().nullable(),
  /** The names of the people and clients the two versions refer to by id (a person reads names, not ids). */
  names: z.record(z.string(), z.string()),
});
export type SyncConflict = z.infer<typeof syncConflict>;

const settings = { module: 'organization', action: 'approve' } as const;

export const syncApi = {
  /** Any logged-in user: the shell shows the state. */
  'sync.status': procedure({ input: empty, output: syncStatus, access: { session: true }, writes: false }),
  'sync.now': procedure({ input: empty, output: syncStatus, access: { session: true }, writes: false, ownTransactions: true }),
  /** Registers this installation with the hub by the one-time code its administrator gave. */
  'sync.register': procedure({
    input: z.strictObject({ hubUrl: z.url({ protocol: /^https?$/ }).max(300), code: requiredText(64), deviceName: requiredText(100) }),
    output: syncStatus,
    access: settings,
    writes: true,
    ownTransactions: true,
  }),
  /**
   * A fresh installation (no organization yet, so nobody to log in) joins its organization through the hub by a code:
   * the first round pulls everything, the people's logins among it. Refused once this installation holds an organization.
   */
  'sync.join': procedure({
    input: z.strictObject({ hubUrl: z.url({ protocol: /^https?$/ }).max(300), code: requiredText(64), deviceName: requiredText(100) }),
    output: syncStatus,
    access: { public: true },
    writes: true,
    ownTransactions: true,
  }),
  'sync.setInterval': procedure({ input: z.strictObject({ seconds: z.number().int().min(5).max(3600) }), output: syncStatus, access: settings, writes: true }),
  'sync.conflicts': procedure({ input: empty, output: z.array(syncConflict), access: { session: true }, writes: false }),
  /** Keeps the merged version or puts the other back (as a new change that syncs); the conflict closes either way. */
  'sync.resolveConflict': procedure({ input: z.strictObject({ id, keep: z.enum(['kept', 'other']) }), output: okOutput, access: { session: true }, writes: true }),
} as const;

/** Pushed after every sync round and state change: the shell's indicator refetches. */
export const syncChanged = z.object({ state: z.enum(SYNC_STATES), conflicts: z.number().int() });
