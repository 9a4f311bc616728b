import { sql } from 'kysely';
import { AUDIT_LEVELS, type AuditAction, type AuditLevel } from '../../../shared/api/admin';
import { MODULES } from '../../../shared/permissions';
import { me, type HandlersFor } from '../../api/context';
import { colleaguesOf, inScope } from '../../api/scope';
import { DEFAULT_AUDIT_LEVEL, forgetAuditLevels, syncedRows } from '../../api/funnel';

/** Each module's audit level: a module setting, itself audited under the audit module. */
const auditLevels = syncedRows({ table: 'module_setting', module: 'audit' });

export const auditHandlers: HandlersFor<'audit.list' | 'audit.levels' | 'audit.setLevel'> = {
  async 'audit.list'(input, ctx) {
    const user = me(ctx);
    // An entry of one branch is read by those who see that branch; an organization-wide entry (a client, a login)
    // by those who work with whoever made it.
    let q = ctx.db
      .selectFrom('audit_log as a')
      .leftJoin('app_user as u', 'u.id', 'a.user_id')
      .where(inScope(user, { org: 'a.org_id', branch: 'a.branch_id', unbranched: colleaguesOf(user, 'a.user_id') }));
    if (input.from) q = q.where('a.at', '>=', input.from);
    if (input.to) q = q.where('a.at', '<', input.to);
    if (input.userId) q = q.where('a.user_id', '=', input.userId);
    if (input.module) q = q.where('a.module', '=', input.module);
    if (input.action) q = q.where('a.action', '=', input.action);
    if (input.entityId) q = q.where('a.entity_id', '=', input.entityId);
    const [rows, total] = await Promise.all([
      q
        .select(['a.id', 'a.at', 'a.user_id', 'u.name as user_name', 'a.module', 'a.entity', 'a.entity_id', 'a.action', 'a.summary', 'a.diff'])
        .orderBy('a.at', 'desc')
        // Entries of the same millisecond keep the order they were written in.
        .orderBy(sql`a.rowid`, 'desc')
        .limit(input.limit)
        .offset(input.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      rows: rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        userName: r.user_name ?? null,
        module: r.module,
        entity: r.entity,
        entityId: r.entity_id,
        action: r.action as AuditAction,
        summary: r.summary,
        diff: r.diff ? (JSON.parse(r.diff) as Record<string, [unknown, unknown]>) : null,
      })),
    };
  },

  async 'audit.levels'(_input, ctx) {
    const user = me(ctx);
    const rows = await ctx.db
      .selectFrom('module_setting')
      .select(['module', 'value'])
      .where('org_id', '=', user.orgId)
      .where('key', '=', 'audit_level')
      .execute();
    const out: Record<string, AuditLevel> = Object.fromEntries(MODULES.map((m) => [m, DEFAULT_AUDIT_LEVEL]));
    for (const r of rows) if ((AUDIT_LEVELS as readonly string[]).includes(r.value)) out[r.module] = r.value as AuditLevel;
    return out;
  },

  async 'audit.setLevel'(input, ctx) {
    const user = me(ctx);
    const levels = auditLevels.in(ctx);
    const before = await ctx.db.selectFrom('module_setting').selectAll().where('org_id', '=', user.orgId).where('module', '=', input.module).where('key', '=', 'audit_level').executeTakeFirst();
    const audit = { entity: 'audit_level', entityId: input.module, summary: `${input.module}: ${input.level}` };
    if (before) await levels.update(before, { value: input.level }, { audit });
    else await levels.insert({ module: input.module, key: 'audit_level', value: input.level }, { audit: { ...audit, action: 'update' } });
    forgetAuditLevels(ctx);
    return { ok: true as const };
  },
};
