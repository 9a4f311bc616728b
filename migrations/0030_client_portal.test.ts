import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kyselyOver, openSqlite } from '../src/main/db/connection';
import { migrateAll } from '../src/main/db/migrate';
import { tempDir } from '../src/main/testing/harness';
import { migrations } from './index';

describe('0030_client_portal', () => {
  it('adds a not-public-by-default flag to timeline entries and a local, unsynced table of portal links', async () => {
    const sqlite = openSqlite(path.join(tempDir(), 'm.db'));
    const db = kyselyOver(sqlite);
    try {
      expect(await migrateAll(db, migrations)).toContain('0030_client_portal');
      const noteCols = sqlite.prepare(`select name, dflt_value, "notnull" from pragma_table_info('intervention_note') where name = 'is_public'`).get();
      expect(noteCols).toEqual({ name: 'is_public', dflt_value: '0', notnull: 1 });
      const cols = (sqlite.prepare(`select name from pragma_table_info('portal_link')`).all() as { name: string }[]).map((c) => c.name);
      expect(cols).toEqual(['id', 'org_id', 'client_id', 'language', 'url_sealed', 'created_at', 'created_by', 'expires_at', 'revoked_at', 'revoke_sent_at']);
      // Not a synced table (no version, no tombstone): its links are this installation's own.
      expect(cols).not.toContain('version');
      expect(cols).not.toContain('deleted_at');
    } finally {
      await db.destroy();
    }
  });
});
