import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { SortField } from '../../../../shared/api/interventions';
import { sortKey } from '../../../../shared/rules/text';
import { SORT_LABEL, type LabelSort } from '../grid';

/**
 * The names a label column sorts by (a type's, a technician's), as sort keys by id (ids are unique across tables),
 * read for the tables a sort has asked for; read again once the change record shows a write to any of them.
 */
export class LabelKeys {
  private readonly keys = new Map<string, string | null>();
  private readonly tables = new Set<string>();
  /** The change record's position when the names were last known current. */
  private seq = -1;

  keyOf = (id: string): string | null => this.keys.get(id) ?? null;

  /** Makes the field's names current; true when names read before were dropped (orders built on them are stale). */
  async refresh(db: Kysely<DB>, field: SortField): Promise<boolean> {
    const seq = Number((await sql<{ m: number }>`select coalesce(max(seq), 0) as m from change_log`.execute(db)).rows[0]!.m);
    let dropped = false;
    if (this.tables.size && seq !== this.seq) {
      const changed = await sql`select 1 from change_log where seq > ${this.seq} and table_name in (${sql.join([...this.tables])}) limit 1`.execute(db);
      if (changed.rows.length) {
        this.clear();
        dropped = true;
      }
    }
    this.seq = seq;
    const { table, name } = SORT_LABEL[field as LabelSort];
    if (!this.tables.has(table)) {
      const rows = await sql<{ id: string; name: string | null }>`select id, ${sql.ref(name)} as name from ${sql.table(table)}`.execute(db);
      for (const r of rows.rows) this.keys.set(r.id, r.name == null ? null : sortKey(r.name));
      this.tables.add(table);
    }
    return dropped;
  }

  clear(): void {
    this.keys.clear();
    this.tables.clear();
  }
}
