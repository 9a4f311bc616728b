import type { z } from 'zod';
import { me, type Ctx, type HandlersFor } from '../../../api/context';
import { fail } from '../../../api/errors';
import { seesBranch } from '../../../api/visibility';
import { isoNow } from '../../../clock';
import { normalizePhone, orgCountry } from '../../../rules/phone';
import { can } from '../../../../shared/permissions';
import type { noticePrefs } from '../../../../shared/api/taskNotices';
import { userRows } from '../../organization';
import { taskRows } from '../tables';
import { channelOf, TASK_NOTICES } from './notices';
import { readNoticeSettings, saveNoticeSettings } from './settings';

type Prefs = z.output<typeof noticePrefs>;

/**
 * One's own preferences; anyone's in the organization for those who administer users; and a manager's (the approve
 * right on tasks) for the people of a branch they see — those whose notices they answer for.
 */
async function loadPerson(ctx: Ctx, userId: string) {
  const user = me(ctx);
  const person = await userRows.in(ctx).load(userId, { key: 'user_not_found', field: 'userId' });
  if (userId === user.id || can(user.role, 'users', 'write')) return person;
  if (can(user.role, 'tasks', 'approve')) {
    const branches = await ctx.db.selectFrom('user_branch').select('branch_id').where('user_id', '=', userId).where('deleted_at', 'is', null).execute();
    if (branches.some((b) => seesBranch(user, b.branch_id))) return person;
  }
  throw fail.forbidden('forbidden', 'userId');
}

const prefsOf = (u: { notice_urgent: string; notice_medium: string; notice_not_urgent: string; notice_phone: string | null }): Prefs => ({
  urgent: channelOf(u.notice_urgent),
  medium: channelOf(u.notice_medium),
  notUrgent: channelOf(u.notice_not_urgent),
  phone: u.notice_phone,
});

type Names = 'tasks.notices.list' | 'tasks.notices.revoke' | 'tasks.notices.prefs' | 'tasks.notices.savePrefs' | 'tasks.notices.settings' | 'tasks.notices.saveSettings';

export const noticeHandlers: HandlersFor<Names> = {
  async 'tasks.notices.list'({ taskId }, ctx) {
    // Loaded in the caller's scope first: another branch's task answers "not found".
    const task = await taskRows.in(ctx).load(taskId, { key: 'task_not_found', field: 'taskId' });
    const rows = await ctx.db
      .selectFrom('task_notice as n')
      .leftJoin('app_user as u', 'u.id', 'n.employee_id')
      .selectAll('n')
      .select('u.name as employee_name')
      .where('n.task_id', '=', task.id)
      .orderBy('n.created_at')
      .execute();
    return rows.map((n) => ({
      id: n.id,
      employeeId: n.employee_id,
      employeeName: n.employee_name,
      priority: n.priority,
      channel: channelOf(n.channel),
      createdAt: n.created_at,
      sentAt: n.sent_at,
      linkExpiresAt: n.link_expires_at,
      linkRevokedAt: n.link_revoked_at,
      acknowledgedAt: n.acknowledged_at,
      acknowledgedVia: n.acknowledged_via,
      escalatedAt: n.escalated_at,
    }));
  },
  async 'tasks.notices.revoke'({ taskId }, ctx) {
    const task = await taskRows.in(ctx).load(taskId, { key: 'task_not_found', field: 'taskId' });
    await ctx.db.updateTable('task_notice').set({ link_revoked_at: isoNow(ctx.clock) }).where('task_id', '=', task.id).where('link_id', 'is not', null).where('link_revoked_at', 'is', null).execute();
    ctx.afterCommit(() => ctx.services.get(TASK_NOTICES).kick());
    return { ok: true as const };
  },
  async 'tasks.notices.prefs'({ userId }, ctx) {
    return prefsOf(await loadPerson(ctx, userId));
  },
  async 'tasks.notices.savePrefs'({ userId, prefs }, ctx) {
    const before = await loadPerson(ctx, userId);
    const phone = prefs.phone ? normalizePhone(prefs.phone, await orgCountry(ctx.db, before.org_id), 'prefs.phone') : null;
    const after = await userRows.in(ctx).update(before, { notice_urgent: prefs.urgent, notice_medium: prefs.medium, notice_not_urgent: prefs.notUrgent, notice_phone: phone });
    return prefsOf(after);
  },
  async 'tasks.notices.settings'(_input, ctx) {
    return readNoticeSettings(ctx.db, me(ctx).orgId);
  },
  async 'tasks.notices.saveSettings'(input, ctx) {
    return saveNoticeSettings(ctx, input);
  },
};
