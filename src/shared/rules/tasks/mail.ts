/**
 * What the mail intake decides about a message, as pure rules over its headers (issue 12): whether a person wrote
 * it at all (auto-replies and bounces never become tasks), which task it answers, and what identifies it so that a
 * message read twice makes one task.
 */

export type Automatic = 'auto_reply' | 'bounce';

export interface MailFacts {
  /** Header names in lower case, values as text. */
  headers: ReadonlyMap<string, string>;
  fromAddress: string | null;
  /** The top part's type with its parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string | null;
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const AUTO_SUBMITTED_HUMAN = /^\s*no\s*$/i;
const BULK = /^\s*(bulk|auto_reply|junk|list)\s*$/i;

/**
 * A bounce: a delivery status report (RFC 3464), or anything from MAILER-DAEMON/postmaster. An auto-reply: RFC 3834's
 * `Auto-Submitted` other than "no", the de-facto `X-Autoreply`/`X-Autorespond`, Microsoft's suppression header, or
 * `Precedence: bulk/auto_reply/junk/list`. Anything else is taken as written by a person.
 */
export function automaticKind(m: MailFacts): Automatic | null {
  const type = (m.contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/report') && /report-type\s*=\s*"?delivery-status/.test(type)) return 'bounce';
  if (m.fromAddress && BOUNCE_SENDER.test(m.fromAddress)) return 'bounce';
  const h = (name: string) => m.headers.get(name);
  const auto = h('auto-submitted');
  if (auto !== undefined && !AUTO_SUBMITTED_HUMAN.test(auto)) return 'auto_reply';
  if (h('x-autoreply') !== undefined || h('x-autorespond') !== undefined || h('x-autoreply-from') !== undefined) return 'auto_reply';
  if (/\b(all|autoreply|oof)\b/i.test(h('x-auto-response-suppress') ?? '') && /^\s*(auto|oof)/i.test(m.headers.get('subject') ?? '')) return 'auto_reply';
  const precedence = h('precedence');
  if (precedence !== undefined && BULK.test(precedence)) return 'auto_reply';
  return null;
}

/** Message-IDs as `<id@host>` tokens, from `In-Reply-To` and `References` (newest last, as RFC 5322 orders them). */
export function referencedIds(inReplyTo: string | null | undefined, references: string | readonly string[] | null | undefined): string[] {
  const text = [inReplyTo ?? '', ...(Array.isArray(references) ? references : [references ?? ''])].join(' ');
  return [...new Set(text.match(/<[^<>\s]+>/g) ?? [])];
}

/**
 * Task numbers a subject may carry: "[UZ-00012]" as the outgoing mails write them, or a bare "UZ-00012" a person
 * typed. Candidates only; the intake keeps the first that names a task of the organization.
 */
export function numbersInSubject(subject: string | null | undefined): string[] {
  if (!subject) return [];
  const bracketed = [...subject.matchAll(/\[([^\]\s]{2,40})\]/g)].map((m) => m[1]!);
  const bare = subject.match(/(?<![\p{L}\d])[\p{Lu}\d]{1,10}[-/]\d{1,12}(?![\p{L}\d])/gu) ?? [];
  return [...new Set([...bracketed, ...bare])];
}

/** What identifies a message within its mailbox: its Message-ID, else its place (UID validity and UID). */
export function messageKey(messageId: string | null | undefined, uidValidity: string, uid: number): string {
  const id = messageId?.trim();
  return id ? id : `${uidValidity}:${uid}`;
}

/** The subject a task keeps from a mail: without the reply and forward prefixes mail programs pile up. */
export function cleanSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').trim();
  for (;;) {
    const next = s.replace(/^(re|fw|fwd|aw|wg|sv|vs|ats|pers|отв|пересл|fwd?|tr|rv|r)\s*(\[\d+\])?\s*:\s*/iu, '');
    if (next === s) return s.slice(0, 200);
    s = next;
  }
}
