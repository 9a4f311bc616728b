import { inJob, type JobDeps } from '../../../api/jobCtx';
import type { Ctx } from '../../../api/context';
import { isoNow } from '../../../clock';
import { enqueueMail, enqueueSms, isLanguage, mailConfigured, mailText } from '../../../mail';
import { SYNC_DESK, type HubAccess } from '../../../sync';
import type { Language } from '../../../../shared/i18n/languages';
import { emailOf, escalation, LINK_DAYS, LINK_WAIT_MS, smsOf } from '../../../../shared/rules/tasks/notices';
import type { TaskStatus } from '../../../../shared/rules/tasks/status';
import { taskNoteRows } from '../tables';
import { channelOf, type NoticeRow, type TaskNotices } from './notices';
import { noticeTexts, escalationMail } from './noticeTexts';
import { escalateMinutes } from './settings';
import { coalescing } from '../../../jobs/coalesce';

type Link = { id: string; url: string; expiresAt: number };

async function hubOf(deps: JobDeps): Promise<HubAccess | null> {
  try {
    return await deps.services.get(SYNC_DESK).hub();
  } catch (e) {
    deps.log('task notices: the hub could not be read', e);
    return null;
  }
}

/** Sends one notice in a short transaction: mail and SMS into the outbox, the record marked sent, all or nothing. */
async function deliver(ctx: Ctx, id: string, link: Link | null): Promise<void> {
  const n = await ctx.db.selectFrom('task_notice').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n || n.sent_at) return;
  const now = isoNow(ctx.clock);
  const task = await ctx.db.selectFrom('task').selectAll().where('id', '=', n.task_id).where('deleted_at', 'is', null).executeTakeFirst();
  const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', n.employee_id).executeTakeFirst();
  // Taken back, given to someone else or acknowledged at the desk before it went: nothing to tell.
  if (!task || !user || task.assignee_id !== n.employee_id || task.status !== 'assigned') {
    await ctx.db.updateTable('task_notice').set({ sent_at: now }).where('id', '=', id).execute();
    return;
  }
  const lang: Language = isLanguage(n.language) ? n.language : 'en';
  const zone = (await ctx.db.selectFrom('branch').select('time_zone').where('id', '=', task.branch_id).executeTakeFirst())?.time_zone;
  const texts = noticeTexts(lang, task, user.name, link ? { url: link.url, until: link.expiresAt, zone } : null);
  const channel = channelOf(n.channel);
  if (emailOf(channel) && user.email && (await mailConfigured(ctx.db, n.org_id))) {
    await enqueueMail(ctx, { orgId: n.org_id, to: user.email, subject: texts.subject, body: texts.body, refEntity: 'task_notice', refId: n.id });
  }
  if (smsOf(channel) && user.notice_phone) await enqueueSms(ctx, { orgId: n.org_id, to: user.notice_phone, text: texts.sms, refEntity: 'task_notice', refId: n.id });
  await ctx.db
    .updateTable('task_notice')
    .set({ sent_at: now, link_id: link?.id ?? null, link_expires_at: link ? new Date(link.expiresAt).toISOString() : null })
    .where('id', '=', id)
    .execute();
}

/** Notices waiting to go: each asks the hub for its phone link first (outside any transaction), then is sent. */
async function sendPending(deps: JobDeps): Promise<void> {
  const waiting = await deps.db.selectFrom('task_notice').selectAll().where('sent_at', 'is', null).orderBy('created_at').limit(50).execute();
  if (!waiting.length) return;
  const hub = await hubOf(deps);
  const now = deps.clock.now();
  for (const n of waiting) {
    let link: Link | null = null;
    if (hub && hub.orgId === n.org_id) {
      const expiresAt = now + LINK_DAYS * 24 * 3600_000;
      try {
        const r = await hub.client.mintLink(hub.key, { employeeId: n.employee_id, taskId: n.task_id, branchId: n.branch_id, language: isLanguage(n.language) ? n.language : 'en', expiresAt });
        link = { id: r.linkId, url: `${hub.url}/m/${r.token}`, expiresAt };
      } catch (e) {
        // The hub away: the notice waits a little for its link, then goes without one (a reply acknowledges it).
        if (now - Date.parse(n.created_at) < LINK_WAIT_MS) continue;
        deps.log('task notices: no phone link from the hub; sent without one', e);
      }
    }
    await inJob(deps, n.org_id, (ctx) => deliver(ctx, n.id, link));
  }
}

/** Revocations asked at the desk, told to the hub (retried while it is away). */
async function sendRevocations(deps: JobDeps): Promise<void> {
  const asked = await deps.db.selectFrom('task_notice').select(['id', 'link_id']).where('link_revoked_at', 'is not', null).where('link_revoke_sent_at', 'is', null).where('link_id', 'is not', null).limit(50).execute();
  if (!asked.length) return;
  const hub = await hubOf(deps);
  if (!hub) return;
  for (const n of asked) {
    try {
      await hub.client.revokeLink(hub.key, { linkId: n.link_id! });
      await deps.db.updateTable('task_notice').set({ link_revoke_sent_at: isoNow(deps.clock) }).where('id', '=', n.id).execute();
    } catch (e) {
      deps.log('task notices: the hub did not take a revocation; retried', e);
      return;
    }
  }
}

async function escalate(ctx: Ctx, n: NoticeRow, minutes: number): Promise<void> {
  const task = await ctx.db.selectFrom('task').selectAll().where('id', '=', n.task_id).where('deleted_at', 'is', null).executeTakeFirst();
  const now = ctx.clock.now();
  const decision = escalation(
    { priority: n.priority as 'urgent', employeeId: n.employee_id, createdAt: n.created_at, acknowledgedAt: n.acknowledged_at, escalatedAt: n.escalated_at },
    task ? { status: task.status as TaskStatus, assigneeId: task.assignee_id } : null,
    minutes,
    now,
  );
  if (decision === 'wait') return;
  if (decision === 'settled' || !task) {
    // Acknowledged at the desk (or by a reply), or the task moved on: nothing more to watch.
    const acknowledged = task?.acknowledged_at && task.assignee_id === n.employee_id;
    await ctx.db.updateTable('task_notice').set({ acknowledged_at: acknowledged ? task.acknowledged_at : isoNow(ctx.clock), acknowledged_via: acknowledged ? 'desktop' : 'moved_on' }).where('id', '=', n.id).execute();
    return;
  }
  const employee = (await ctx.db.selectFrom('app_user').select('name').where('id', '=', n.employee_id).executeTakeFirst())?.name ?? '';
  const dispatcher = task.responsible_id ? await ctx.db.selectFrom('app_user').selectAll().where('id', '=', task.responsible_id).executeTakeFirst() : undefined;
  if (dispatcher?.email && (await mailConfigured(ctx.db, n.org_id))) {
    const lang: Language = isLanguage(dispatcher.language) ? dispatcher.language : 'en';
    const mail = escalationMail(lang, task, employee, minutes);
    await enqueueMail(ctx, { orgId: n.org_id, to: dispatcher.email, subject: mail.subject, body: mail.body, refEntity: 'task_notice', refId: n.id });
  }
  await taskNoteRows.in(ctx).insert(
    { org_id: n.org_id, branch_id: task.branch_id, task_id: task.id, at: isoNow(ctx.clock), person_id: null, kind: 'change', text: JSON.stringify({ escalated: true, assigneeId: n.employee_id }), mail_from: null, mail_subject: null, message_id: null },
    { audit: false },
  );
  await ctx.db.updateTable('task_notice').set({ escalated_at: isoNow(ctx.clock) }).where('id', '=', n.id).execute();
  ctx.emit('tasks.escalated', { taskId: task.id, number: task.number, employeeName: employee }, { branchIds: [task.branch_id], ...(dispatcher ? { userId: dispatcher.id } : {}) });
}

/** Urgent notices not acknowledged in the organization's minutes: the dispatcher is told (push and e-mail), once. */
async function escalateDue(deps: JobDeps): Promise<void> {
  const open = await deps.db
    .selectFrom('task_notice')
    .selectAll()
    .where('priority', '=', 'urgent')
    .where('sent_at', 'is not', null)
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .orderBy('created_at')
    .limit(200)
    .execute();
  for (const n of open) {
    await inJob(deps, n.org_id, async (ctx) => escalate(ctx, n, await escalateMinutes(ctx.db, n.org_id)));
  }
}

/** The notices job: send, revoke, escalate. Runs every few seconds and at once after a write queued a notice. */
export function createNoticeJob(deps: JobDeps): TaskNotices {
  const { run } = coalescing(async () => {
    await sendPending(deps);
    await sendRevocations(deps);
    await escalateDue(deps);
  });
  return {
    run,
    kick: () => void run().catch((e: unknown) => deps.log('task notices: a run failed', e)),
  };
}
