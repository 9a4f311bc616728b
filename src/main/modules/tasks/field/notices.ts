import type { Selectable } from 'kysely';
import type { Ctx } from '../../../api/context';
import { serviceKey } from '../../../api/services';
import type { TaskNoticeTable } from '../../../db/schema';
import { isoNow } from '../../../clock';
import { newId } from '../../../db/ids';
import { isLanguage, orgLanguage } from '../../../mail';
import type { TaskPriority } from '../../../../shared/rules/tasks/status';
import { NOTICE_CHANNELS, type NoticeChannel } from '../../../../shared/rules/tasks/notices';
import type { TaskDbRow } from '../register';

export type NoticeRow = Selectable<TaskNoticeTable>;

const PREF = { urgent: 'notice_urgent', medium: 'notice_medium', not_urgent: 'notice_not_urgent' } as const;

export const channelOf = (v: unknown): NoticeChannel => ((NOTICE_CHANNELS as readonly unknown[]).includes(v) ? (v as NoticeChannel) : 'email');

/**
 * A task newly given to an employee (a new task straight to them, a move into "assigned", another assignee there)
 * gets a notice record in the write's own transaction; the notices job sends it after commit — with the phone link
 * from the hub when there is one — so a crash between the two loses nothing and the write never waits for the hub.
 */
export async function noticeEmployee(ctx: Ctx, before: Pick<TaskDbRow, 'status' | 'assignee_id'> | null, after: TaskDbRow): Promise<void> {
  if (after.status !== 'assigned' || !after.assignee_id) return;
  if (before && before.status === 'assigned' && before.assignee_id === after.assignee_id) return;
  const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', after.assignee_id).executeTakeFirst();
  if (!user) return;
  const channel = channelOf(user[PREF[after.priority as TaskPriority]]);
  const now = isoNow(ctx.clock);
  await ctx.db
    .insertInto('task_notice')
    .values({
      id: newId(),
      org_id: after.org_id,
      branch_id: after.branch_id,
      task_id: after.id,
      employee_id: user.id,
      priority: after.priority,
      channel,
      language: isLanguage(user.language) ? user.language : await orgLanguage(ctx, after.org_id),
      created_at: now,
      // Nothing to send: the record still watches for the acknowledgement (an urgent task escalates all the same).
      sent_at: channel === 'none' ? now : null,
      link_id: null,
      link_expires_at: null,
      link_revoked_at: null,
      link_revoke_sent_at: null,
      acknowledged_at: null,
      acknowledged_via: null,
      escalated_at: null,
    })
    .execute();
  ctx.afterCommit(() => ctx.services.get(TASK_NOTICES).kick());
}

/** The notices job, lent to the write that queued a notice so it runs at once after the commit. */
export interface TaskNotices {
  kick(): void;
  run(): Promise<void>;
}
export const TASK_NOTICES = serviceKey<TaskNotices>('tasks.notices');
