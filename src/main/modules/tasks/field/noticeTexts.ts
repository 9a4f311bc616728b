import { mailText } from '../../../mail';
import { LOCALES, type Language } from '../../../../shared/i18n/languages';
import { DATE_FORMAT } from '../../../../shared/rules/dateFormat';
import { mapLinks } from '../../../../shared/rules/tasks/mapLinks';
import type { TaskDbRow } from '../register';

type TaskFacts = Pick<TaskDbRow, 'number' | 'subject' | 'priority' | 'client_name' | 'client_phone' | 'address' | 'due_date' | 'description'>;

const topicOf = (lang: Language, t: TaskFacts) => t.subject ?? mailText(lang, 'task.noSubject');

/**
 * The employee's notice in their language: what, for whom, where (as map links), and how to acknowledge — the phone
 * page's link, or without a hub a reply, which the mail intake threads onto the task by the number in the subject.
 */
export function noticeTexts(lang: Language, t: TaskFacts, name: string, link: { url: string; until: number; zone?: string } | null): { subject: string; body: string; sms: string } {
  const number = t.number ?? '';
  const priority = mailText(lang, `fieldNotice.priority.${t.priority}`);
  const topic = topicOf(lang, t);
  const subject = `${number ? `[${number}] ` : ''}${priority}: ${topic}`;
  const lines = [mailText(lang, 'greeting', { name }), '', mailText(lang, 'fieldNotice.intro', { number: number || topic }), ''];
  lines.push(mailText(lang, 'fieldNotice.client', { value: t.client_name }));
  if (t.client_phone) lines.push(mailText(lang, 'fieldNotice.phone', { value: t.client_phone }));
  if (t.due_date) lines.push(mailText(lang, 'fieldNotice.due', { value: t.due_date }));
  if (t.address) {
    const map = mapLinks(t.address);
    lines.push(mailText(lang, 'fieldNotice.address', { value: t.address }), mailText(lang, 'fieldNotice.map', { value: map.osm }), mailText(lang, 'fieldNotice.mapApp', { value: map.geo }));
  }
  if (t.description) lines.push('', mailText(lang, 'fieldNotice.description'), t.description);
  lines.push('');
  if (link) {
    const until = new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_FORMAT, ...(link.zone ? { timeZone: link.zone } : {}) }).format(new Date(link.until));
    lines.push(mailText(lang, 'fieldNotice.link', { url: link.url }), mailText(lang, 'fieldNotice.linkUntil', { date: until }));
  } else lines.push(mailText(lang, 'fieldNotice.reply'));
  lines.push('');
  const sms = [`${number ? `[${number}] ` : ''}${priority}: ${topic}.`, t.address ?? '', link?.url ?? ''].filter(Boolean).join(' ');
  return { subject, body: lines.join('\n'), sms };
}

/** The dispatcher's e-mail when an urgent task was not acknowledged in time. */
export function escalationMail(lang: Language, t: TaskFacts, employee: string, minutes: number): { subject: string; body: string } {
  const number = t.number ?? topicOf(lang, t);
  return {
    subject: `${t.number ? `[${t.number}] ` : ''}${mailText(lang, 'fieldNotice.escalationSubject', { topic: topicOf(lang, t) })}`,
    body: [mailText(lang, 'fieldNotice.escalation', { name: employee, number, minutes: String(minutes) }), ''].join('\n'),
  };
}
