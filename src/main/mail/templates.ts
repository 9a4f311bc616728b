import en from '../../shared/i18n/mail/en.json';
import lv from '../../shared/i18n/mail/lv.json';
import ru from '../../shared/i18n/mail/ru.json';
import lt from '../../shared/i18n/mail/lt.json';
import ro from '../../shared/i18n/mail/ro.json';
import hy from '../../shared/i18n/mail/hy.json';
import { LANGUAGES, LOCALES, type Language } from '../../shared/i18n/languages';
import type { Priority, Status } from '../../shared/api/interventions';
import type { WarningKind } from '../../shared/api/interventionSettings';

/**
 * The texts of outgoing e-mail, in the recipient's language (src/shared/i18n/mail/<lng>.json,
 * kept apart from the UI catalogs: a mail is read by people who never open Planora).
 * Plain text: it reads the same in every mail client and cannot carry anything active.
 */

type Tree = { [k: string]: string | Tree };
export const MAIL_CATALOGS: Record<Language, Tree> = { en, lv, ru, lt, ro, hy };

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** One text of the catalog with its {{placeholders}} filled; English when a language lacks the key. */
export function mailText(lang: Language, key: string, params: Record<string, string> = {}): string {
  const find = (tree: Tree) => key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
  const raw = find(MAIL_CATALOGS[lang]) ?? find(MAIL_CATALOGS.en);
  if (typeof raw !== 'string') throw new Error(`mail text ${key} is missing`);
  return raw.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => params[name] ?? '');
}

export type MailChange = 'created' | 'updated' | 'confirmed' | 'finalized' | 'cancelled' | 'validated';
/** What the client is told: the seed's "at allocation and finalization", and a cancellation of a visit they were told about. */
export type ClientEvent = 'scheduled' | 'finalized' | 'cancelled';

/** Everything a mail about an intervention may show, already resolved to names (no ids). */
export interface InterventionFacts {
  number: string | null;
  docDate: string;
  client: string;
  address: string | null;
  phone: string | null;
  type: string | null;
  object: string | null;
  objectSerial: string | null;
  startAt: string | null;
  endAt: string | null;
  status: Status;
  priority: Priority;
  takenBy: string | null;
  responsible: string | null;
  notes: string | null;
  cancelReason: string | null;
  /** The branch's IANA time zone: the schedule is shown as the clock on the wall there. */
  timeZone: string;
  orgName: string;
}

export interface RenderedMail {
  subject: string;
  body: string;
}

/** `warning`: the branch manager told once that a warning was raised on the intervention. */
export type MailAudience = { kind: 'handler'; change: MailChange } | { kind: 'client'; event: ClientEvent } | { kind: 'warning'; warning: WarningKind };

/** A calendar date (YYYY-MM-DD) in the language's long form; no time zone can move it to another day. */
export function formatDay(lang: Language, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
}

/** Start–end as the branch's wall clock, in the language's own words ("otrdiena, 2026. gada 24. novembris 09:00–11:00"). */
export function formatSchedule(lang: Language, startAt: string | null, endAt: string | null, timeZone: string): string | null {
  if (!startAt) return null;
  const f = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'full', timeStyle: 'short', timeZone });
  const start = new Date(startAt);
  if (!endAt) return f.format(start);
  const end = new Date(endAt);
  return end.getTime() > start.getTime() ? f.formatRange(start, end) : f.format(start);
}

/** Header fields must stay on one line: a name or a number typed with a line break cannot add headers. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

export function renderInterventionMail(lang: Language, facts: InterventionFacts, audience: MailAudience, recipientName: string, portalUrl: string | null = null): RenderedMail {
  const t = (key: string, params?: Record<string, string>) => mailText(lang, key, params);
  const status = t(`status.${facts.status}`);
  const state = audience.kind === 'warning' ? t(`warning.short.${audience.warning}`) : status;
  const subject = facts.number ? t('subject.numbered', { number: facts.number, status: state }) : t('subject.draft', { date: formatDay(lang, facts.docDate), status: state });

  const forClient = audience.kind === 'client';
  const object = facts.object ? (facts.objectSerial ? `${facts.object} (${t('serial', { serial: facts.objectSerial })})` : facts.object) : facts.objectSerial;
  const lines: [string, string | null][] = [
    ['number', facts.number ?? t('notNumbered')],
    ['date', formatDay(lang, facts.docDate)],
    ['client', facts.client],
    ['address', facts.address],
    ['phone', forClient ? null : facts.phone],
    ['type', facts.type],
    ['object', object],
    ['scheduled', formatSchedule(lang, facts.startAt, facts.endAt, facts.timeZone) ?? t('notScheduled')],
    ['status', status],
    ['priority', forClient ? null : t(`priority.${facts.priority}`)],
    ['takenBy', facts.takenBy],
    ['responsible', forClient ? null : facts.responsible],
    // A reason for cancelling is written for colleagues; the client is told that, not why.
    ['cancelReason', forClient ? null : facts.cancelReason],
  ];
  const fields = lines.filter(([, v]) => v != null && v !== '').map(([k, v]) => `${t(`field.${k}`)}: ${oneLine(v!)}`);
  const intro = audience.kind === 'handler' ? t(`intro.${audience.change}`) : audience.kind === 'warning' ? t(`warning.intro.${audience.warning}`) : t(`client.${audience.event}`);

  const blocks = [t('greeting', { name: oneLine(recipientName) }), intro, fields.join('\n')];
  // Notes are the office's remarks for whoever does the work; they are not sent to the client.
  if (!forClient && facts.notes?.trim()) blocks.push(`${t('field.notes')}:\n${facts.notes.trim()}`);
  // The client's own portal (a signed link the hub made): only in the client's mail, never a colleague's.
  if (forClient && portalUrl) blocks.push(t('portal.line', { url: portalUrl }));
  // "-- " on its own line is the signature separator mail clients recognize.
  return { subject: oneLine(subject), body: `${blocks.join('\n\n')}\n\n-- \n${t('footer', { org: facts.orgName })}\n` };
}

/** The part of an intervention mail that states facts (fields and notes), without greeting, opening line and signature. */
export function factsSection(body: string): string {
  const end = body.lastIndexOf('\n\n-- \n');
  const parts = (end >= 0 ? body.slice(0, end) : body).split('\n\n');
  return parts.slice(2).join('\n\n');
}

export type FieldKey = 'number' | 'date' | 'client' | 'address' | 'phone' | 'type' | 'object' | 'scheduled' | 'status' | 'priority' | 'takenBy' | 'responsible' | 'cancelReason';

/** The line of one field in a mail written in `lang` ("Plānotais laiks: …"), or null when the mail has none. */
export function fieldLine(body: string, lang: Language, key: FieldKey): string | null {
  const prefix = `${mailText(lang, `field.${key}`)}: `;
  return factsSection(body).split('\n').find((l) => l.startsWith(prefix)) ?? null;
}

export function renderTestMail(lang: Language, orgName: string, host: string): RenderedMail {
  return { subject: oneLine(mailText(lang, 'test.subject', { org: orgName })), body: `${mailText(lang, 'test.body', { org: orgName, host })}\n` };
}
