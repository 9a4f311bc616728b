import { syncedRows } from '../../api/funnel';

/** A star is a person's preference: synced like every row, never an audit entry (each write passes `audit: false`). */
export const favoriteRows = syncedRows({ table: 'favorite', module: 'users', entity: 'favorite' });
