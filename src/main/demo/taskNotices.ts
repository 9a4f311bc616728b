import type { Ctx } from '../api/context';
import type { SessionUser } from '../../shared/api/auth';
import { DEFAULT_ESCALATE_MINUTES } from '../../shared/rules/tasks/notices';
import { taskNoteRows } from '../modules/tasks/tables';
import { random } from '../../shared/random';
import { MINUTE } from './slots';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The employees' notices of the demo's tasks as the notices job and the people would have left them: each sent a
 * minute or two after the assignment; acknowledged on the phone page, by a reply or at the desk when the employee
 * went on with the task; the urgent ones nobody acknowledged escalated to the dispatcher after the organization's
 * minutes (with the line on the task's timeline); the rest still waiting. The job finds nothing left to do.
 */
export async function loadTaskNotices(base: Ctx, o: { seed: number; now: number; owner: SessionUser }): Promise<{ sent: number; acknowledged: number; escalated: number }> {
  const rand = random(o.seed + 15);
  const ctx: Ctx = { ...base, user: o.owner, emit: () => undefined, emitNow: () => undefined };
  const notices = await base.db
    .selectFrom('task_notice as n')
    .innerJoin('task as t', 't.id', 'n.task_id')
    .select(['n.id', 'n.employee_id', 'n.priority', 'n.channel', 'n.created_at', 't.id as task_id', 't.branch_id', 't.status', 't.assignee_id', 't.acknowledged_at', 't.updated_at'])
    .where('n.org_id', '=', o.owner.orgId)
    .orderBy('n.created_at')
    .execute();
  const counts = { sent: 0, acknowledged: 0, escalated: 0 };
  for (const n of notices) {
    const created = Date.parse(n.created_at);
    const sent = n.channel === 'none' ? created : Math.min(o.now, created + rand.int(1, 3) * MINUTE);
    const mine = n.assignee_id === n.employee_id;
    let set: { acknowledged_at?: string; acknowledged_via?: string; escalated_at?: string } = {};
    if (mine && n.acknowledged_at) {
      const r = rand.next();
      set = { acknowledged_at: n.acknowledged_at, acknowledged_via: r < 0.55 ? 'phone' : r < 0.8 ? 'email' : 'desktop' };
    } else if (!mine || n.status !== 'assigned') {
      set = { acknowledged_at: n.updated_at, acknowledged_via: 'moved_on' };
    } else if (n.priority === 'urgent' && created + DEFAULT_ESCALATE_MINUTES * MINUTE < o.now) {
      const at = created + DEFAULT_ESCALATE_MINUTES * MINUTE;
      set = { escalated_at: iso(at) };
      await taskNoteRows
        .in({ ...ctx, clock: { now: () => at } })
        .insert({ org_id: o.owner.orgId, branch_id: n.branch_id, task_id: n.task_id, at: iso(at), person_id: null, kind: 'change', text: JSON.stringify({ escalated: true, assigneeId: n.employee_id }), mail_from: null, mail_subject: null, message_id: null }, { audit: false });
    }
    await base.db.updateTable('task_notice').set({ sent_at: iso(sent), ...set }).where('id', '=', n.id).execute();
    counts.sent++;
    if (set.acknowledged_via && set.acknowledged_via !== 'moved_on') counts.acknowledged++;
    if (set.escalated_at) counts.escalated++;
  }
  return counts;
}
