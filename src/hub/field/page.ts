import { LOCALES, type Language } from '../../shared/i18n/languages';
import { DATE_TIME_FORMAT } from '../../shared/rules/dateFormat';
import { mapLinks } from '../../shared/rules/tasks/mapLinks';
import type { PhoneTask } from '../store/taskView';
import { esc } from './html';
import { texts } from './texts';
import type { PhoneWork } from './phoneState';
import { checklistSection, photoSection, refusedSection, timerSection } from './workSections';

/** An action the employee sent that the task's cells do not show yet. */
export interface Pending {
  acknowledge: boolean;
  notes: { id: string; text: string }[];
}

export type Gone = 'unknown' | 'expired' | 'revoked' | 'not_yours' | 'not_synced';

const STYLE = `
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:40rem;margin:0 auto;padding:12px}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}
h2{font-size:1.05rem;margin:1rem 0 .4rem}
section{background:#fff;border-radius:10px;padding:12px 14px;margin:0 0 12px;box-shadow:0 1px 2px #0002}
dl{margin:0}dt{font-size:.8rem;color:#5b6470;margin-top:.5rem}dd{margin:0;word-wrap:break-word;white-space:pre-wrap}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:.85rem;background:#e6e8eb;margin-right:6px}
.urgent{background:#c92a2a;color:#fff}
.btn{display:block;width:100%;box-sizing:border-box;text-align:center;font:inherit;font-weight:600;border:0;border-radius:8px;padding:14px;margin:8px 0;background:#1c7ed6;color:#fff;text-decoration:none}
.btn.secondary{background:#e7f1fb;color:#0b4f8a}
textarea{width:100%;box-sizing:border-box;font:inherit;min-height:6rem;padding:8px;border:1px solid #aab1ba;border-radius:8px}
.pending{color:#8a5a00;font-size:.9rem}
.ok{color:#2b8a3e;font-weight:600}
.error{color:#c92a2a;font-weight:600}
.note{border-top:1px solid #e6e8eb;padding:.5rem 0}.note:first-child{border-top:0}
.meta{font-size:.8rem;color:#5b6470}
h3{font-size:.95rem;margin:.8rem 0 .3rem}
ul{margin:0;padding-left:1.2rem}
.btn.stop{background:#c92a2a}
.checklist{list-style:none;padding:0}.checklist form{margin:0}
.item{display:flex;gap:10px;align-items:center;width:100%;text-align:left;font:inherit;background:none;border:0;border-top:1px solid #e6e8eb;padding:12px 2px;color:inherit}
.box{flex:none;display:inline-flex;align-items:center;justify-content:center;width:1.5rem;height:1.5rem;border:2px solid #5b6470;border-radius:5px;font-weight:700;color:#fff}
.done .box{background:#2b8a3e;border-color:#2b8a3e}
.refused{border-left:4px solid #c92a2a}.refused li{margin:.3rem 0}
input[type=file]{display:block;margin:.5rem 0;max-width:100%}
`;

function shell(lang: Language, title: string, nonce: string, body: string): string {
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style nonce="${esc(nonce)}">${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** A page saying why the link does not open its task, in the link's language. */
export function gonePage(lang: Language, why: Gone, nonce: string): string {
  const t = texts(lang);
  return shell(lang, t(`taskField.${why}Title`), nonce, `<section><h1>${esc(t(`taskField.${why}Title`))}</h1><p>${esc(t(`taskField.${why}Text`))}</p></section>`);
}

function when(iso: string, lang: Language, zone: string | null): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_TIME_FORMAT, ...(zone ? { timeZone: zone } : {}) }).format(d);
  } catch {
    return new Intl.DateTimeFormat(LOCALES[lang], DATE_TIME_FORMAT).format(d);
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/**
 * The employee's page for one task: what to do and where, acknowledge, the timer, the checklist, photos, notes. Plain forms (no script): each carries
 * the action id chosen now, so a form sent twice is one action. Everything from the cells is escaped.
 */
export function taskPage(opts: {
  lang: Language;
  view: PhoneTask;
  pending: Pending;
  work: PhoneWork;
  newId: () => string;
  actionPath: string;
  photoPath: string;
  nonce: string;
  error?: string | null;
}): string {
  const { lang, view, pending, work, nonce } = opts;
  const actionIds = { ack: opts.newId(), note: opts.newId() };
  const forms = { actionPath: opts.actionPath, photoPath: opts.photoPath, newId: opts.newId };
  const t = texts(lang);
  const task = view.task;
  const number = str(task.number);
  const title = number ? t('taskField.title', { number }) : t('tasks.task');
  const priority = str(task.priority) ?? 'medium';
  const status = str(task.status) ?? 'assigned';
  const fields: [string, string | null][] = [
    ['tasks.field.client', str(task.client_name)],
    ['tasks.field.subject', str(task.subject)],
    ['tasks.field.description', str(task.description)],
    ['tasks.field.dueDate', str(task.due_date)],
  ];
  const address = str(task.address);
  const phone = str(task.client_phone);
  const parts: string[] = [];
  parts.push(
    `<h1>${esc(title)}</h1><p><span class="badge${priority === 'urgent' ? ' urgent' : ''}">${esc(t(`tasks.priority.${priority}`))}</span><span class="badge" data-status="${esc(status)}">${esc(t(`tasks.status.${status}`))}</span></p>`,
  );
  if (opts.error) parts.push(`<p class="error" role="alert">${esc(opts.error)}</p>`);
  parts.push(refusedSection(t, work, lang, view.zone));
  parts.push(`<section><dl>${fields.filter(([, v]) => v).map(([k, v]) => `<dt>${esc(t(k))}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
  if (phone) parts.push(`<a class="btn secondary" href="tel:${esc(phone.replace(/[^+\d]/g, ''))}">${esc(t('taskField.call'))} ${esc(phone)}</a>`);
  parts.push('</section>');
  if (address) {
    const links = mapLinks(address);
    parts.push(
      `<section><h2>${esc(t('tasks.field.address'))}</h2><p>${esc(address)}</p><a class="btn secondary" href="${esc(links.geo)}">${esc(t('taskField.openMap'))}</a><a class="btn secondary" href="${esc(links.osm)}" rel="noreferrer">${esc(t('taskField.osm'))}</a></section>`,
    );
  }
  // Acknowledgement: done (the cells say so), sent and waiting for the office, or still to do.
  const acknowledgedAt = str(task.acknowledged_at);
  parts.push('<section>');
  if (acknowledgedAt || (status !== 'assigned' && status !== 'new')) {
    parts.push(`<p class="ok" data-state="acknowledged">${esc(t('taskField.acknowledged'))}${acknowledgedAt ? ` · ${esc(when(acknowledgedAt, lang, view.zone))}` : ''}</p>`);
  } else if (pending.acknowledge) {
    parts.push(`<p class="pending" data-state="ack-pending">${esc(t('taskField.acknowledged'))} — ${esc(t('taskField.pending'))}</p>`);
  } else {
    parts.push(
      `<p>${esc(t('taskField.ackHint'))}</p><form method="post" action="${esc(opts.actionPath)}"><input type="hidden" name="id" value="${esc(actionIds.ack)}"><input type="hidden" name="kind" value="acknowledge"><button class="btn" type="submit">${esc(t('taskField.acknowledge'))}</button></form>`,
    );
  }
  parts.push('</section>');
  const open = status !== 'done' && status !== 'cancelled';
  parts.push(timerSection(t, work, forms, lang, view.zone, open));
  parts.push(checklistSection(t, work, forms, open && status !== 'awaiting_approval'));
  parts.push(photoSection(t, work, forms, open));
  // Notes: the timeline's, then the ones sent from here the office has not taken yet.
  parts.push(`<section><h2>${esc(t('taskField.notes'))}</h2>`);
  for (const n of view.notes) parts.push(`<div class="note"><div class="meta">${esc(when(n.at, lang, view.zone))}${n.person ? ` · ${esc(n.person)}` : ''}</div><div>${esc(n.text)}</div></div>`);
  for (const n of pending.notes) parts.push(`<div class="note"><div class="pending" data-state="note-pending">${esc(t('taskField.pending'))}</div><div>${esc(n.text)}</div></div>`);
  parts.push(
    `<form method="post" action="${esc(opts.actionPath)}"><input type="hidden" name="id" value="${esc(actionIds.note)}"><input type="hidden" name="kind" value="note"><label for="note">${esc(t('taskField.addNote'))}</label><textarea id="note" name="text" maxlength="4000"></textarea><button class="btn" type="submit">${esc(t('taskField.send'))}</button></form></section>`,
  );
  return shell(lang, title, nonce, parts.join(''));
}
