import type { AuditAction, AuditLevel } from '../../../shared/api/admin';
import type { Module } from '../../../shared/permissions';
import type { Ctx } from '../context';
import { isoNow } from '../../clock';
import { newId } from '../../db/ids';

export const DEFAULT_AUDIT_LEVEL: AuditLevel = 'advanced';

export interface AuditEntry {
  module: Module;
  entity: string;
  entityId: string | null;
  action: AuditAction;
  /** A readable line (a name, a number); kept from the advanced level up. */
  summary?: string | null;
  branchId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** For actions before a session exists (setup, login). */
  orgId?: string;
  userId?: string | null;
}

/** Field-by-field differences; unchanged fields are left out. */
export function diffFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const a = before?.[k] ?? null;
    const b = after?.[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = [a, b];
  }
  return out;
}

/**
 * A busy write (a document with its timeline and lines) records tens of entries in one call; the level is read once
 * per call and module. Keyed by the call's context (made afresh for each call, whether or not it holds a
 * transaction), so the next call reads the table again and another process's change is seen.
 */
const levelsByCall = new WeakMap<Ctx, Map<string, AuditLevel>>();

export async function auditLevel(ctx: Ctx, orgId: string, module: Module): Promise<AuditLevel> {
  let known = levelsByCall.get(ctx);
  if (!known) levelsByCall.set(ctx, (known = new Map()));
  const key = `${orgId}\u0000${module}`;
  const cached = known.get(key);
  if (cached) return cached;
  const level = await readAuditLevel(ctx, orgId, module);
  known.set(key, level);
  return level;
}

/** Called by the one writer of the level, so an entry later in the same call is kept at the new level. */
export function forgetAuditLevels(ctx: Ctx): void {
  levelsByCall.delete(ctx);
}

async function readAuditLevel(ctx: Ctx, orgId: string, module: Module): Promise<AuditLevel> {
  const row = await ctx.db
    .selectFrom('module_setting')
    .select('value')
    .where('org_id', '=', orgId)
    .where('module', '=', module)
    .where('key', '=', 'audit_level')
    .executeTakeFirst();
  return (row?.value as AuditLevel | undefined) ?? DEFAULT_AUDIT_LEVEL;
}

/**
 * Written in the same transaction as the change it describes: both land or neither does. Row writes reach it through
 * the funnel (`rows.ts`); a module calls it directly only for what is not a row (a login, an export).
 */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const orgId = entry.orgId ?? ctx.user?.orgId;
  if (!orgId) throw new Error('audit entry without an organization');
  const level = await auditLevel(ctx, orgId, entry.module);
  const diff = level === 'detailed' ? diffFields(entry.before, entry.after) : null;
  await ctx.db
    .insertInto('audit_log')
    .values({
      id: newId(ctx.clock),
      org_id: orgId,
      branch_id: entry.branchId ?? null,
      at: isoNow(ctx.clock),
      user_id: entry.userId !== undefined ? entry.userId : (ctx.user?.id ?? null),
      module: entry.module,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      summary: level === 'basic' ? null : (entry.summary ?? null),
      diff: diff && Object.keys(diff).length ? JSON.stringify(diff) : null,
    })
    .execute();
}
