import { LOCALES, type Language } from '../../shared/i18n/languages';
import { FIELD_PHOTO_MAX_BYTES } from '../../shared/sync/field';
import { esc } from './html';
import type { PhoneWork } from './phoneState';
import type { texts } from './texts';

type T = ReturnType<typeof texts>;

export interface FormTarget {
  actionPath: string;
  photoPath: string;
  newId: () => string;
}

/** The hour and minute in the branch's zone ("09:12"). */
export function clockTime(at: string | number, lang: Language, zone: string | null): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(LOCALES[lang], { ...opts, ...(zone ? { timeZone: zone } : {}) }).format(d);
  } catch {
    return new Intl.DateTimeFormat(LOCALES[lang], opts).format(d);
  }
}

/** The day in the branch's zone (YYYY-MM-DD), for a session that may have begun on another day. */
function dayIn(at: string, zone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(zone ? { timeZone: zone } : {}) }).format(new Date(at));
  } catch {
    return at.slice(0, 10);
  }
}

/** A form of one action: its id chosen now, so sending it twice is one action. */
function actionForm(f: FormTarget, kind: string, inner: string, extra = ''): string {
  return `<form method="post" action="${esc(f.actionPath)}"><input type="hidden" name="id" value="${esc(f.newId())}"><input type="hidden" name="kind" value="${esc(kind)}">${extra}${inner}</form>`;
}

/** Refusals of what the employee sent, in their language, as the desk's rules worded them. */
export function refusedSection(t: T, work: PhoneWork, lang: Language, zone: string | null): string {
  if (!work.refused.length) return '';
  const items = work.refused.slice(0, 5).map((r) => {
    let why: string;
    try {
      why = r.reason ? t(r.reason, r.params ?? {}) : t('taskField.refusedOther');
    } catch {
      why = t('taskField.refusedOther');
    }
    return `<li data-refused="${esc(r.kind)}">${esc(t('taskField.refused', { what: t(`taskField.kind_${r.kind}`), time: clockTime(r.at, lang, zone), why }))}</li>`;
  });
  return `<section class="refused" role="alert"><h2>${esc(t('taskField.refusedTitle'))}</h2><ul>${items.join('')}</ul></section>`;
}

/** The timer: running since when (confirmed or sent), one button to start or stop it, and the sessions kept. */
export function timerSection(t: T, work: PhoneWork, f: FormTarget, lang: Language, zone: string | null, live: boolean): string {
  const parts = [`<section><h2>${esc(t('taskField.timer'))}</h2>`];
  if (work.timer) {
    parts.push(`<p class="${work.timer.pending ? 'pending' : 'ok'}" data-state="timer-${work.timer.pending ? 'pending' : 'running'}">${esc(t('taskField.timerRunning', { time: clockTime(work.timer.startedAt, lang, zone) }))}${work.timer.pending ? ` — ${esc(t('taskField.pending'))}` : ''}</p>`);
    parts.push(actionForm(f, 'timer_stop', `<button class="btn stop" type="submit">${esc(t('taskField.stopTimer'))}</button>`));
  } else {
    parts.push(`<p data-state="timer-${work.stopPending ? 'stop-pending' : 'stopped'}">${esc(t('taskField.timerStopped'))}${work.stopPending ? ` — <span class="pending">${esc(t('taskField.pending'))}</span>` : ''}</p>`);
    if (live) parts.push(actionForm(f, 'timer_start', `<button class="btn" type="submit">${esc(t('taskField.startTimer'))}</button>`));
  }
  if (work.sessions.length) {
    const rows = work.sessions.slice(0, 10).map((s) => `<li>${esc(`${clockTime(s.startedAt, lang, zone)}–${clockTime(s.endedAt, lang, zone)}`)} <span class="meta">${esc(dayIn(s.startedAt, zone))}</span></li>`);
    parts.push(`<h3>${esc(t('taskField.sessions'))}</h3><ul class="sessions">${rows.join('')}</ul>`);
  }
  parts.push('</section>');
  return parts.join('');
}

/** Each item is its own small form: one tap sends the tick (or untick) without script. */
export function checklistSection(t: T, work: PhoneWork, f: FormTarget, live: boolean): string {
  if (!work.checklist.length) return '';
  const items = work.checklist.map((i) => {
    const label = `${i.text}${i.required ? ' *' : ''}`;
    const box = `<span class="box" aria-hidden="true">${i.checked ? '✓' : ''}</span><span>${esc(label)}</span>${i.pending ? `<span class="pending"> — ${esc(t('taskField.pending'))}</span>` : ''}`;
    if (!live) return `<li class="item${i.checked ? ' done' : ''}">${box}</li>`;
    return `<li>${actionForm(f, i.checked ? 'uncheck' : 'check', `<button class="item${i.checked ? ' done' : ''}" type="submit" role="checkbox" aria-checked="${i.checked}">${box}</button>`, `<input type="hidden" name="item" value="${esc(i.id)}">`)}</li>`;
  });
  return `<section><h2>${esc(t('taskField.checklist'))}</h2><ul class="checklist">${items.join('')}</ul>${work.checklist.some((i) => i.required) ? `<p class="meta">* ${esc(t('taskField.required'))}</p>` : ''}</section>`;
}

/** Photos sent and their state, and the upload form (the phone offers its camera). */
export function photoSection(t: T, work: PhoneWork, f: FormTarget, live: boolean): string {
  const parts = [`<section><h2>${esc(t('taskField.photos'))}</h2>`];
  if (work.photos.length) {
    const state = { pending: t('taskField.pending'), attached: t('taskField.photoAttached'), refused: t('taskField.photoRefused') };
    parts.push(`<ul>${work.photos.map((p) => `<li data-photo="${esc(p.state)}">${esc(p.name)} — <span class="${p.state === 'attached' ? 'ok' : p.state === 'refused' ? 'error' : 'pending'}">${esc(state[p.state])}</span></li>`).join('')}</ul>`);
  }
  if (live) {
    parts.push(
      `<form method="post" action="${esc(f.photoPath)}" enctype="multipart/form-data"><input type="hidden" name="id" value="${esc(f.newId())}"><label for="photo">${esc(t('taskField.addPhoto', { max: Math.floor(FIELD_PHOTO_MAX_BYTES / 1_000_000) }))}</label><input id="photo" type="file" name="photo" accept="image/*" capture="environment" required><button class="btn" type="submit">${esc(t('taskField.sendPhoto'))}</button></form>`,
    );
  }
  parts.push('</section>');
  return parts.join('');
}
