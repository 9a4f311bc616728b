import type { TFunction } from 'i18next';
import type { Output } from '../../../shared/api';
import type { Format } from '../../app/format';

type Note = Output<'tasks.get'>['timeline'][number];

/** A timeline line in the reader's language: changes are stored as facts (status, assignee), words come from here. */
export function noteText(t: TFunction, n: Note, names: Map<string, string>): string {
  if (n.kind !== 'change') return n.text;
  try {
    const c = JSON.parse(n.text) as { status?: string; assigneeId?: string | null; reason?: string | null; verdict?: 'approved' | 'rejected'; via?: 'phone' | 'email'; escalated?: boolean; numberConfirmed?: string; was?: string };
    const parts: string[] = [];
    if (c.numberConfirmed) parts.push(t('tasks.timeline.numberConfirmed', { number: c.numberConfirmed, was: c.was ?? '' }));
    if (c.status) parts.push(t('tasks.timeline.status', { status: t(`tasks.status.${c.status}`) }));
    if (c.assigneeId) parts.push(t('tasks.timeline.assignee', { name: names.get(c.assigneeId) ?? '…' }));
    // A manager's verdict on a checklist says itself what the words are: the comment, or why it went back.
    if (c.verdict) parts.push(t(c.verdict === 'approved' ? 'taskChecklist.timelineApproved' : 'taskChecklist.timelineRejected', { text: c.reason ?? '' }));
    else if (c.reason) parts.push(c.reason);
    if (c.via === 'phone') parts.push(t('taskField.byPhone'));
    if (c.via === 'email') parts.push(t('taskField.byEmail'));
    if (c.escalated) parts.push(t('taskField.escalated'));
    return parts.join(' · ');
  } catch {
    return n.text;
  }
}

/** A timeline line's head: when (on the branch's clock, as every branch time in the app), what, and who. */
export function noteHead(t: TFunction, fmt: Format, n: Note, zone: string): string {
  return [fmt.zoned(n.at, zone), t(`tasks.note.${n.kind}`), n.personName, n.mailFrom].filter(Boolean).join(' · ');
}
