/**
 * Which of a synced row's columns travel as cells. `id` and `org_id` are the cell's row and the sync's organization;
 * `version` counts this replica's own writes (the stale check of two clerks on one machine), so each replica keeps its
 * own; `updated_at` is when this replica's row last changed (the change record's `at`: a pulled change is stamped
 * when it landed here); `created_at` travels once, with the row's insert, and never changes; `deleted_at` travels as
 * the tombstone cell `_deleted` (the replica that applies it stamps the deletion's time from the cell's HLC).
 */
export const DELETED = '_deleted';
export const LOCAL_COLUMNS: ReadonlySet<string> = new Set(['id', 'org_id', 'version', 'updated_at', 'created_at']);

