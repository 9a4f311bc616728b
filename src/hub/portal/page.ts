import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../shared/i18n/languages';
import { esc } from '../field/html';
import { texts } from '../field/texts';
import type { PortalGone } from '../store/portalLinks';
import { dateTime, day, span } from './format';
import type { PortalIntervention, PortalView } from './view';

/**
 * The client portal's pages: plain server-rendered HTML, no script, readable on a phone and printable. Everything
 * that came from the cells (typed by staff or clients) goes through `esc`.
 */

const STYLE = `
body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1b1f24}
main{max-width:48rem;margin:0 auto;padding:12px}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:6px;margin:.3rem 0 .8rem}
h1{font-size:1.35rem;margin:0}h2{font-size:1.1rem;margin:1.1rem 0 .5rem}h3{font-size:1rem;margin:0 0 .3rem}
section,article{background:#fff;border-radius:10px;padding:12px 14px;margin:0 0 12px;box-shadow:0 1px 2px #0002}
nav.lang{font-size:.85rem;display:flex;flex-wrap:wrap;gap:2px .6rem}
a{color:#0b4f8a}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:.85rem;background:#e6e8eb;margin-left:6px}
.s-finalized,.s-done,.s-arrived{background:#d3f9d8;color:#1b5e20}.s-cancelled,.s-no_show{background:#ffe3e3;color:#8a1c1c}
.s-allocated,.s-confirmed,.s-assigned,.s-acknowledged,.s-in_progress,.s-booked{background:#e7f1fb;color:#0b4f8a}
.prov{font-size:.8rem;color:#8a5a00}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:.4rem 0}dt{color:#5b6470;font-size:.9rem}dd{margin:0;word-wrap:break-word}
.entry{border-top:1px solid #e6e8eb;padding:.45rem 0}.entry .meta{font-size:.8rem;color:#5b6470}.entry p{margin:.1rem 0;white-space:pre-wrap;word-wrap:break-word}
.muted{color:#5b6470}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:6px 4px;border-top:1px solid #e6e8eb;vertical-align:top}th{font-size:.85rem;color:#5b6470;border-top:0}
@media (max-width:560px){table,tbody,tr,td{display:block}thead{display:none}tr{border-top:1px solid #e6e8eb;padding:4px 0}td{border:0;padding:1px 0}}
.form{background:#fff}.form .grid{display:grid;grid-template-columns:repeat(4,1fr);border:1px solid #8a939e;border-width:1px 0 0 1px}
.form .cell{border:1px solid #8a939e;border-width:0 1px 1px 0;padding:3px 6px;min-height:2.4rem}.form .span2{grid-column:span 2}.form .span4{grid-column:span 4}
.form .label{display:block;font-size:.72rem;color:#5b6470}.form .value{white-space:pre-wrap;word-wrap:break-word}
.form h2{font-size:.95rem;text-transform:uppercase;letter-spacing:.03em;margin:1rem 0 .3rem}
.sign{display:grid;grid-template-columns:repeat(3,1fr);gap:18px;margin-top:1.2rem}.sign div{border-top:1px solid #1b1f24;padding-top:3px;font-size:.8rem;color:#5b6470;margin-top:2.6rem}
.noprint{font-size:.9rem}
@media (max-width:560px){.form .grid{grid-template-columns:1fr 1fr}.form .span4{grid-column:span 2}}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}.noprint,nav.lang{display:none}section,article{box-shadow:none;padding:0}a{color:inherit;text-decoration:none}@page{size:A4;margin:14mm}}
`;

function shell(lang: Language, title: string, nonce: string, body: string): string {
  return `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${esc(title)}</title><style nonce="${esc(nonce)}">${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** Links to the same page in each language; the reader's stays as text. */
function languageBar(lang: Language, path: string, t: ReturnType<typeof texts>): string {
  const items = LANGUAGES.map((l) => (l === lang ? `<strong lang="${l}">${esc(LANGUAGE_NAMES[l])}</strong>` : `<a lang="${l}" hreflang="${l}" href="${esc(`${path}?lang=${l}`)}">${esc(LANGUAGE_NAMES[l])}</a>`));
  return `<nav class="lang" aria-label="${esc(t('portal.page.language'))}">${items.join('')}</nav>`;
}

export function portalGonePage(lang: Language, why: PortalGone | 'rate_limited', nonce: string): string {
  const t = texts(lang);
  const title = t(`portal.gone.${why}Title`);
  return shell(lang, title, nonce, `<section data-gone="${esc(why)}"><h1>${esc(title)}</h1><p>${esc(t(`portal.gone.${why}Text`))}</p></section>`);
}

function numberOf(t: ReturnType<typeof texts>, n: { number: string | null; provisional: boolean }, draft: string): string {
  if (!n.number) return esc(draft);
  return `${esc(n.number)}${n.provisional ? ` <span class="prov" title="${esc(t('portal.page.provisionalHint'))}">(${esc(t('provisionalNumber.tag'))})</span>` : ''}`;
}

function badge(label: string, status: string): string {
  return `<span class="badge s-${esc(status)}" data-status="${esc(status)}">${esc(label)}</span>`;
}

function entries(t: ReturnType<typeof texts>, i: PortalIntervention, lang: Language): string {
  if (!i.entries.length) return `<p class="muted">${esc(t('portal.page.noEntries'))}</p>`;
  return i.entries.map((e) => `<div class="entry" data-entry="${esc(e.id)}"><div class="meta">${esc(dateTime(e.at, lang, i.zone))}</div><p>${esc(e.text)}</p></div>`).join('');
}

/** The client's page: interventions (open first, then recent) with their public entries, visits, tasks. */
export function portalPage(opts: { lang: Language; view: PortalView; base: string; expiresAt: number; nonce: string }): string {
  const { lang, view, base, nonce } = opts;
  const t = texts(lang);
  const parts: string[] = [];
  const title = t('portal.page.title', { org: view.orgName });
  parts.push(`<header><h1>${esc(title)}</h1>${languageBar(lang, base, t)}</header>`);
  if (view.clientName) parts.push(`<p>${esc(t('portal.page.hello', { name: view.clientName }))}</p>`);

  parts.push(`<h2>${esc(t('portal.page.interventions'))}</h2>`);
  if (!view.interventions.length) parts.push(`<section><p class="muted">${esc(t('portal.page.noInterventions'))}</p></section>`);
  for (const i of view.interventions) {
    const schedule = span(i.startAt, i.endAt, lang, i.zone);
    const fields: [string, string][] = [
      [t('interventions.col.docDate'), day(i.docDate, lang)],
      [t('portal.page.schedule'), schedule || t('portal.page.notScheduled')],
      [t('interventions.col.type'), i.type ?? ''],
      [t('interventions.col.object'), [i.object, i.objectSerial].filter(Boolean).join(' · ')],
      [t('interventions.col.takenBy'), i.takenBy ?? ''],
      [t('interventions.col.address'), i.address ?? ''],
    ];
    parts.push(
      `<article data-intervention="${esc(i.id)}"><h3>${esc(t('portal.page.intervention'))} ${numberOf(t, i, t('reports.form.draft'))}${badge(t(`interventions.statuses.${i.status}`), i.status)}</h3>` +
        `<dl>${fields.filter(([, v]) => v).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` +
        `<h3>${esc(t('portal.page.updates'))}</h3>${entries(t, i, lang)}` +
        `<p class="noprint"><a href="${esc(`${base}/i/${encodeURIComponent(i.id)}?lang=${lang}`)}">${esc(t('portal.page.printable'))}</a></p></article>`,
    );
  }

  parts.push(`<h2>${esc(t('portal.page.visits'))}</h2><section>`);
  if (!view.visits.length) parts.push(`<p class="muted">${esc(t('portal.page.noVisits'))}</p>`);
  else {
    parts.push(`<table><thead><tr><th>${esc(t('portal.page.when'))}</th><th>${esc(t('visit.service'))}</th><th>${esc(t('visit.employee'))}</th><th>${esc(t('interventions.col.status'))}</th></tr></thead><tbody>`);
    for (const v of view.visits) {
      parts.push(
        `<tr data-visit="${esc(v.id)}"><td>${esc(span(v.startsAt, v.endsAt, lang, v.zone))}${v.branch ? `<br><span class="muted">${esc(v.branch)}</span>` : ''}</td><td>${esc(v.service ?? '')}</td><td>${esc(v.employee ?? '')}</td><td>${badge(t(`visit.status.${v.status}`), v.status)}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  parts.push('</section>');

  parts.push(`<h2>${esc(t('portal.page.tasks'))}</h2><section>`);
  if (!view.tasks.length) parts.push(`<p class="muted">${esc(t('portal.page.noTasks'))}</p>`);
  else {
    parts.push(`<table><thead><tr><th>${esc(t('interventions.col.number'))}</th><th>${esc(t('tasks.field.subject'))}</th><th>${esc(t('tasks.field.dueDate'))}</th><th>${esc(t('interventions.col.status'))}</th></tr></thead><tbody>`);
    for (const k of view.tasks) {
      parts.push(`<tr data-task="${esc(k.id)}"><td>${numberOf(t, k, '—')}</td><td>${esc(k.subject ?? '')}</td><td>${esc(day(k.dueDate, lang))}</td><td>${badge(t(`tasks.status.${k.status}`), k.status)}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }
  parts.push('</section>');
  parts.push(`<p class="muted noprint">${esc(t('portal.page.validUntil', { date: dateTime(new Date(opts.expiresAt).toISOString(), lang, [...view.interventions, ...view.visits].find((x) => x.zone)?.zone ?? null) }))}</p>`);
  return shell(lang, title, nonce, parts.join(''));
}

function cell(label: string, value: string | null | undefined, span = 1): string {
  return `<div class="cell${span > 1 ? ` span${span}` : ''}"><span class="label">${esc(label)}</span><span class="value">${esc(value ?? '')}</span></div>`;
}

/** The printable form of one intervention: the desktop's printed form's fields that are the client's to read. */
export function printablePage(opts: { lang: Language; view: Pick<PortalView, 'orgName' | 'clientName'>; intervention: PortalIntervention; base: string; nonce: string }): string {
  const { lang, intervention: i, base, nonce } = opts;
  const t = texts(lang);
  const col = (k: string) => t(`interventions.col.${k}`);
  const number = i.number ? `${i.number}${i.provisional ? ` (${t('provisionalNumber.tag')})` : ''}` : t('reports.form.draft');
  const title = `${t('reports.titles.interventionForm')} ${i.number ?? ''}`.trim();
  const self = `${base}/i/${encodeURIComponent(i.id)}`;
  const body = [
    `<p class="noprint"><a href="${esc(`${base}?lang=${lang}`)}">← ${esc(t('portal.page.back'))}</a> · ${esc(t('portal.page.printHint'))}</p>`,
    `<header><h1>${esc(title)}</h1>${languageBar(lang, self, t)}</header>`,
    `<p class="muted">${esc(opts.view.orgName)}${i.zone ? ` · ${esc(t('reports.timesIn', { zone: i.zone }))}` : ''}</p>`,
    `<div class="form" data-printable="${esc(i.id)}">`,
    `<h2>${esc(t('reports.form.document'))}</h2><div class="grid">`,
    cell(t('reports.form.number'), number),
    cell(col('docDate'), day(i.docDate, lang)),
    cell(t('reports.form.branch'), i.branch),
    cell(col('status'), t(`interventions.statuses.${i.status}`)),
    cell(col('type'), i.type, 2),
    cell(col('object'), i.object, 2),
    cell(col('objectSerial'), i.objectSerial, 4),
    `</div><h2>${esc(t('reports.form.clientSection'))}</h2><div class="grid">`,
    cell(col('client'), opts.view.clientName, 2),
    cell(col('address'), i.address, 2),
    `</div><h2>${esc(t('reports.form.allocation'))}</h2><div class="grid">`,
    cell(col('takenBy'), i.takenBy),
    cell(col('responsible'), i.responsible),
    cell(col('startAt'), dateTime(i.startAt, lang, i.zone)),
    cell(col('endAt'), dateTime(i.endAt, lang, i.zone)),
    cell(t('reports.form.finalizedAt'), dateTime(i.finalizedAt, lang, i.zone), 2),
    cell(t('reports.form.cancelledAt'), dateTime(i.cancelledAt, lang, i.zone), 2),
    `</div><h2>${esc(t('reports.form.timeline'))}</h2>`,
    i.entries.length ? entries(t, i, lang) : `<p class="muted">${esc(t('reports.form.noTimeline'))}</p>`,
    `<h2>${esc(t('reports.form.signatures'))}</h2><div class="sign">`,
    [col('client'), col('takenBy'), col('responsible')].map((who) => `<div>${esc(who)} — ${esc(t('reports.form.nameSignature'))}</div>`).join(''),
    '</div></div>',
  ];
  return shell(lang, title, nonce, body.join(''));
}
