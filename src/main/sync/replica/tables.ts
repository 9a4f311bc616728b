import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { LOCAL_COLUMNS } from './columns';

/** What the replica must know of a synced table to write pulled cells into it. */
export interface TableShape {
  name: string;
  columns: ReadonlySet<string>;
  /** Travel as base64 text (a recording's WAV). */
  blobs: ReadonlySet<string>;
  /** Columns a new row cannot be inserted without (NOT NULL, no default), the replica's own stamps aside. */
  required: readonly string[];
  /** The row's organization column (`org` is its own organization). */
  orgColumn: 'id' | 'org_id';
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
}

const STAMPED_HERE = new Set(['id', 'org_id', 'created_at', 'updated_at', 'deleted_at', 'version']);

/**
 * The synced tables of a database, read once from its schema: those with an id, a version, stamps and tombstones —
 * the tables the write funnel owns (the same test as `syncedTableNames`), one list in one place.
 */
export async function readShapes(db: Kysely<DB>): Promise<Map<string, TableShape>> {
  const names = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows.map((r) => r.name);
  const shapes = new Map<string, TableShape>();
  for (const name of names) {
    const info = (await sql<ColumnInfo>`select name, type, "notnull", dflt_value from pragma_table_info(${name})`.execute(db)).rows;
    const columns = new Set(info.map((c) => c.name));
    if (!['id', 'version', 'updated_at', 'deleted_at'].every((c) => columns.has(c))) continue;
    shapes.set(name, {
      name,
      columns,
      blobs: new Set(info.filter((c) => c.type.toLowerCase() === 'blob').map((c) => c.name)),
      required: info.filter((c) => c.notnull && c.dflt_value === null && !STAMPED_HERE.has(c.name)).map((c) => c.name),
      orgColumn: name === 'org' ? 'id' : 'org_id',
    });
  }
  return shapes;
}

/** A pulled cell may set this column: it exists and is not one each replica keeps for itself. */
export function settable(shape: TableShape, column: string): boolean {
  return shape.columns.has(column) && !LOCAL_COLUMNS.has(column) && column !== 'deleted_at';
}
