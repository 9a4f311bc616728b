import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config';
import { createCore } from '../core';
import { tempDir } from '../testing/harness';
import { spawnTs } from '../testing/processes';

const ACKS_BEFORE_KILL = 200;

describe('durability', () => {
  it('keeps every acknowledged save when the writer is killed mid-stream, and the file stays sound', async () => {
    const dir = tempDir('planora-durability-');
    const config = defaultConfig(dir, { jobs: false, log: () => undefined });
    const writer = spawnTs('src/main/testing/children/clients-writer.ts', [dir]);
    let acked: string[];
    try {
      await writer.waitFor((lines) => lines.filter((l) => l.startsWith('ack ')).length >= ACKS_BEFORE_KILL, 120_000);
      // Still writing: the loop never ends by itself, so the kill lands between or inside transactions.
      expect(writer.proc.exitCode).toBeNull();
      writer.kill('SIGKILL');
      const end = await writer.exited;
      expect(end.signal).toBe('SIGKILL');
      acked = writer.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
    } finally {
      writer.kill('SIGKILL');
    }
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(new Set(acked).size).toBe(acked.length);

    // The crash left the marker (so the next start runs quick_check) and a write-ahead log to recover.
    expect(fs.existsSync(`${config.dbFile}.running`)).toBe(true);
    expect(fs.statSync(`${config.dbFile}-wal`).size).toBeGreaterThan(0);

    const core = await createCore(config);
    try {
      const present = new Set(core.sqlite.prepare('select id from client').pluck().all() as string[]);
      const missing = acked.filter((id) => !present.has(id));
      expect(missing).toEqual([]);
      // At most the one save in flight when the kill came may have landed without its acknowledgement.
      expect(present.size - acked.length).toBeGreaterThanOrEqual(0);
      expect(present.size - acked.length).toBeLessThanOrEqual(1);

      // Each client landed together with its children and its audit entry, or not at all.
      const orphans = core.sqlite
        .prepare(
          `select c.id from client c
           where not exists (select 1 from audit_log a where a.entity_id = c.id and a.action = 'create')
              or not exists (select 1 from client_phone p where p.client_id = c.id)
              or not exists (select 1 from client_email e where e.client_id = c.id)
              or not exists (select 1 from client_address d where d.client_id = c.id)`,
        )
        .all();
      expect(orphans).toEqual([]);
      const auditWithoutClient = core.sqlite
        .prepare(`select a.entity_id from audit_log a where a.entity = 'client' and not exists (select 1 from client c where c.id = a.entity_id)`)
        .all();
      expect(auditWithoutClient).toEqual([]);

      expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(core.sqlite.pragma('foreign_key_check')).toEqual([]);
      // The full-text index is still in step with the client table.
      expect(() => core.sqlite.exec(`insert into client_fts(client_fts) values ('integrity-check')`)).not.toThrow();
    } finally {
      await core.close();
    }
    expect(fs.existsSync(`${config.dbFile}.running`)).toBe(false);
  });
});
