/**
 * The documents numbered from a series: each has `series_id`, `number` and `provisional_number`. A device registered
 * with a hub numbers them provisionally; the hub recognises a provisional `number` cell of these tables and answers
 * with the final one.
 */
export const NUMBERED_TABLES: ReadonlySet<string> = new Set(['intervention', 'task', 'invoice']);

/** The hub's own writes (final numbers, a series' next number) are logged under this device id, which no device has. */
export const HUB_WRITER = 'hub';

/** The hub's HLC node: 32 hex digits no installation id (a UUIDv4/v7) can have. */
export const HUB_NODE = '0'.repeat(32);
