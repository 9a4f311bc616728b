import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema';
import type { AuditAction } from '../../../shared/api/admin';
import type { Module } from '../../../shared/permissions';
import type { Ctx } from '../context';
import { fail } from '../errors';
import { isoNow } from '../../clock';
import { newId } from '../../db/ids';
import { BRANCH_COLUMN, loadInScope, type BranchScopedTable } from '../scope';
import { recordAudit } from './audit';
import { appendChange, type ChangeOp } from './changes';

/** A table whose rows sync between branches: an id, a version, stamps and tombstones. */
export type SyncedTable = { [T in keyof DB]: DB[T] extends { id: string; version: number; deleted_at: string | null; updated_at: string } ? T : never }[keyof DB];
export type Row<T extends SyncedTable> = Selectable<DB[T]>;

/** What the funnel sets on every write, never the caller. */
const STAMPS = ['created_at', 'updated_at', 'deleted_at', 'version'] as const;
type Stamp = (typeof STAMPS)[number];
export type NewRow<T extends SyncedTable> = Omit<Insertable<DB[T]>, Stamp | 'id' | 'org_id'> & { id?: string; org_id?: string };
export type Patch<T extends SyncedTable> = Partial<Omit<Selectable<DB[T]>, Stamp | 'id' | 'org_id'>>;

/** A write as its module hears of it, once: to announce it after commit. */
export interface Written<T extends SyncedTable> {
  op: ChangeOp;
  after: Row<T>;
  before: Row<T> | null;
  branchId: string | null;
}

/** How one module's table is written: declared once, beside the module's service, and used by every write of it. */
export interface TableSpec<T extends SyncedTable> {
  table: T;
  /** Whose audit level applies. */
  module: Module;
  /** The audit entry's entity (default: the table's name). */
  entity?: string;
  /** The audit entry's readable line. */
  summary?(row: Row<T>): string | null;
  /** The row's branch, for the change record, the audit entry and the event (default: its branch column, else none). */
  branchOf?(row: Row<T>): string | null;
  /** What the detailed audit level compares (default: the row without its stamps). */
  snapshot?(row: Row<T>): Record<string, unknown>;
  /** The change event, queued until the transaction commits. */
  announce?(ctx: Ctx, w: Written<T>): void;
  /**
   * A change pulled from another branch was written to the row (by the sync's replica, not the module's services):
   * the local state the module keeps beside the row itself (a quick-search entry, a memory index) follows it.
   * `before`: the row as it was here (null or absent: new here).
   */
  pulled?(ctx: Ctx, row: Row<T>, before?: Row<T> | null): Promise<void>;
}

/** The audit entry of a write: `false` where another entry already tells it (a client's phone is part of the client's). */
export type AuditNote =
  | false
  | { action?: AuditAction; summary?: string | null; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; entity?: string; entityId?: string | null };

export interface WriteOptions {
  audit?: AuditNote;
  /** The row's branch where the row itself does not name it (a note of an intervention). */
  branchId?: string | null;
  /** For writes before a session exists (setup): who made it. */
  userId?: string | null;
}

export interface RowWriter<T extends SyncedTable> {
  /** A live row of the caller's organization (and branches, for branch-scoped tables), or `refusal` as not found. */
  load(id: string, refusal: { key: string; field: string }): Promise<Row<T>>;
  insert(values: NewRow<T>, opts?: WriteOptions): Promise<Row<T>>;
  /**
   * `expect`: the version the caller last read (a stale one is refused). The row is matched on its version too, so two
   * writers cannot both win. `restamp`: columns recorded as changed even where the patch leaves their value as it was
   * (a person confirmed the value every replica holds: its cells must outrank the versions it was chosen over).
   */
  update(before: Row<T>, patch: Patch<T>, opts?: WriteOptions & { expect?: number; restamp?: readonly string[] }): Promise<Row<T>>;
  /** A tombstone: the row stays, marked deleted, so a syncing branch learns of the removal. */
  remove(before: Row<T>, opts?: WriteOptions & { expect?: number }): Promise<Row<T>>;
  /** A tombstoned row made live again (a link given back), keeping its id and history. */
  restore(before: Row<T>, opts?: WriteOptions): Promise<Row<T>>;
}

export interface SyncedRows<T extends SyncedTable> {
  spec: TableSpec<T>;
  /** The writer inside this call's transaction. */
  in(ctx: Ctx): RowWriter<T>;
}

const ACTION: Record<ChangeOp, AuditAction> = { insert: 'create', update: 'update', delete: 'delete' };

/** Every spec declared, by table (a table may have several: its module's and a settings screen's). */
const declared = new Map<string, TableSpec<SyncedTable>[]>();

/** The specs of a table's writes, for whoever writes it outside the services (a pulled change): its events and hooks. */
export function specsOf(table: string): readonly TableSpec<SyncedTable>[] {
  return declared.get(table) ?? [];
}

type AnyRow = Record<string, unknown> & { id: string; version: number };

function orgColumn(table: SyncedTable): string {
  return table === 'org' ? 'id' : 'org_id';
}

function withoutStamps(row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const k of STAMPS) delete out[k];
  return out;
}

function changedColumns(before: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  return Object.keys(patch).filter((k) => JSON.stringify(patch[k] ?? null) !== JSON.stringify(before[k] ?? null));
}

/**
 * The one way a synced row is written. By construction, every write: stays in the caller's organization, checks and
 * increments the version, stamps `updated_at`, leaves a tombstone instead of deleting, records the audit entry at its
 * module's level, appends the change record a sync reads, and queues the module's change event for after commit.
 */
export function syncedRows<T extends SyncedTable>(spec: TableSpec<T>): SyncedRows<T> {
  const table = spec.table;
  declared.set(table, [...(declared.get(table) ?? []), spec as unknown as TableSpec<SyncedTable>]);
  const branchColumn = (BRANCH_COLUMN as Partial<Record<SyncedTable, string>>)[table];
  const branchOf = (row: AnyRow, opts?: WriteOptions): string | null =>
    opts?.branchId !== undefined ? opts.branchId : spec.branchOf ? spec.branchOf(row as Row<T>) : branchColumn ? ((row[branchColumn] as string | null) ?? null) : null;
  const snapshot = (row: AnyRow) => (spec.snapshot ? spec.snapshot(row as Row<T>) : withoutStamps(row));

  return {
    spec,
    in(ctx) {
      // One body for every synced table; the table's name comes from its spec, never from input.
      const db = ctx.db as unknown as Kysely<any>;

      async function written(op: ChangeOp, after: AnyRow, before: AnyRow | null, columns: string[], opts: WriteOptions | undefined): Promise<Row<T>> {
        const orgId = (table === 'org' ? after.id : after.org_id) as string;
        const branchId = branchOf(after, opts);
        const userId = opts?.userId !== undefined ? opts.userId : (ctx.user?.id ?? null);
        await appendChange(ctx.db, { orgId, branchId, table, rowId: after.id, op, columns, version: after.version, userId, at: after.updated_at as string }, { owner: ctx.config, now: ctx.clock.now() });
        const note = opts?.audit;
        if (note !== false) {
          await recordAudit(ctx, {
            module: spec.module,
            entity: note?.entity ?? spec.entity ?? table,
            entityId: note?.entityId !== undefined ? note.entityId : after.id,
            action: note?.action ?? ACTION[op],
            summary: note?.summary !== undefined ? note.summary : (spec.summary?.(after as Row<T>) ?? null),
            branchId,
            before: note?.before !== undefined ? note.before : before ? snapshot(before) : null,
            after: note?.after !== undefined ? note.after : op === 'delete' ? null : snapshot(after),
            orgId,
            userId,
          });
        }
        spec.announce?.(ctx, { op, after: after as Row<T>, before: before as Row<T> | null, branchId });
        return after as Row<T>;
      }

      async function change(before: AnyRow, set: Record<string, unknown>, op: ChangeOp, opts: (WriteOptions & { expect?: number; restamp?: readonly string[] }) | undefined): Promise<Row<T>> {
        if (opts?.expect !== undefined && opts.expect !== before.version) throw fail.conflict('stale', 'version');
        const now = isoNow(ctx.clock);
        const stamped = { ...set, updated_at: now, version: before.version + 1 };
        let q = db.updateTable(table as string).set(stamped).where('id', '=', before.id).where('version', '=', before.version);
        const orgId = ctx.user?.orgId;
        if (orgId) q = q.where(orgColumn(table), '=', orgId);
        const res = await q.executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw fail.conflict('stale', 'version');
        const columns = changedColumns(before, set);
        for (const c of opts?.restamp ?? []) if (!columns.includes(c) && Object.hasOwn(before, c) && !(STAMPS as readonly string[]).includes(c) && c !== 'id' && c !== 'org_id') columns.push(c);
        return written(op, { ...before, ...stamped }, before, columns, opts);
      }

      return {
        async load(id, refusal) {
          const user = ctx.user;
          if (!user) throw new Error(`loading ${table} without a session user`);
          if (branchColumn) return (await loadInScope(ctx.db, user, table as Exclude<BranchScopedTable, 'audit_log'>, id, refusal)) as unknown as Row<T>;
          const row = await db.selectFrom(table as string).selectAll().where('id', '=', id).where(orgColumn(table), '=', user.orgId).where('deleted_at', 'is', null).executeTakeFirst();
          if (!row) throw fail.notFound(refusal.key, refusal.field);
          return row as unknown as Row<T>;
        },
        async insert(values, opts) {
          const now = isoNow(ctx.clock);
          const given = values as Record<string, unknown>;
          const id = (given.id as string | undefined) ?? newId(ctx.clock);
          const org = table === 'org' ? {} : { org_id: (given.org_id as string | undefined) ?? ctx.user?.orgId };
          if (table !== 'org' && !org.org_id) throw new Error(`${table} row without an organization`);
          const row = { ...given, id, ...org, created_at: now, updated_at: now, deleted_at: null, version: 1 } as AnyRow;
          await db.insertInto(table as string).values(row).execute();
          return written('insert', row, null, Object.keys(withoutStamps(row)), opts);
        },
        update: (before, patch, opts) => change(before as unknown as AnyRow, patch as Record<string, unknown>, 'update', opts),
        remove: (before, opts) => change(before as unknown as AnyRow, { deleted_at: isoNow(ctx.clock) }, 'delete', opts),
        restore: (before, opts) => change(before as unknown as AnyRow, { deleted_at: null }, 'update', opts),
      };
    },
  };
}
