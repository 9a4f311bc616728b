import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/sync/hlc';
import type { CellMessage } from '../../shared/sync/protocol';
import { migrateHub, openHubDb } from '../db/open';
import { freshStorage } from '../testing/storage';
import { pullCells, storeBatch } from './cells';
import { createCode, redeemCode } from './devices';

const cell = (rowId: string): CellMessage => ({ table: 'clients', rowId, column: 'name', value: rowId, hlc: formatHlc({ millis: Date.now(), counter: 0, node: 'b'.repeat(32) }), branchId: null });

describe('the order pulls see (PostgreSQL, where pushes of one organization can overlap)', () => {
  // SQLite runs one transaction at a time on its one connection: the overlap cannot happen there.
  it('a push still open holds back the next one of its organization, so no cursor passes seqs committed later', async () => {
    const opened = openHubDb(await freshStorage('pg'));
    let release = () => {};
    try {
      await migrateHub(opened);
      const orgId = randomUUID();
      const enrol = async (orgOfDevice: string | null, spec: Parameters<typeof createCode>[1]) => {
        const r = await redeemCode(opened.db, { code: await createCode(opened.db, spec, Date.now()), deviceName: 'd', orgId: orgOfDevice, schemaVersion: 1 }, Date.now());
        if (!r.ok) throw new Error(r.code);
        return { id: r.deviceId, org_id: r.orgId, branch_ids: null };
      };
      const a = await enrol(orgId, { newOrg: 'Org' });
      const b = await enrol(null, { org: orgId, branches: [] });
      const reader = await enrol(null, { org: orgId, branches: [] });

      const held = new Promise<void>((r) => (release = r));
      let stored!: () => void;
      const aStored = new Promise<void>((r) => (stored = r));
      const slow = opened.db.transaction().execute(async (trx) => {
        await storeBatch(trx, 'pg', a, randomUUID(), [cell('from-a')], Date.now());
        stored();
        await held;
      });
      await aStored;
      const fast = opened.db.transaction().execute((trx) => storeBatch(trx, 'pg', b, randomUUID(), [cell('from-b')], Date.now()));
      await new Promise((r) => setTimeout(r, 300));
      const during = await pullCells(opened.db, reader, 0, 100);
      expect(during).toEqual({ cells: [], cursor: 0, more: false, remaining: 0 });
      release();
      await Promise.all([slow, fast]);
      const after = await pullCells(opened.db, reader, during.cursor, 100);
      expect(after.cells.map((c) => c.rowId)).toEqual(['from-a', 'from-b']);
    } finally {
      release();
      await opened.close();
    }
  });
});
