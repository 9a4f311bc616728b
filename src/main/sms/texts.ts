import en from '../../shared/i18n/sms/en.json';
import lv from '../../shared/i18n/sms/lv.json';
import ru from '../../shared/i18n/sms/ru.json';
import lt from '../../shared/i18n/sms/lt.json';
import ro from '../../shared/i18n/sms/ro.json';
import hy from '../../shared/i18n/sms/hy.json';
import { LOCALES, type Language } from '../../shared/i18n/languages';

/**
 * The words of text messages to clients, in the client's language (src/shared/i18n/sms/<lng>.json: short, one line,
 * read on a phone by people who never open Planora). Dates and times are the branch's wall clock.
 */
export type SmsKey = keyof typeof en;
export const SMS_CATALOGS: Record<Language, Record<SmsKey, string>> = { en, lv, ru, lt, ro, hy };

export function smsText(lang: Language, key: SmsKey, params: Record<string, string> = {}): string {
  // A value typed with a line break (a branch's name) stays on the message's one line.
  return SMS_CATALOGS[lang][key].replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => (params[name] ?? '').replace(/\s+/g, ' ').trim());
}

export type VisitMessage = 'booked' | 'moved';

export interface VisitFacts {
  branch: string;
  start: string;
  timeZone: string;
  service: string | null;
}

/** "Your visit at Vilnius is booked for Tue 24 November 11:30 (Consultation)." on the branch's clock. */
export function visitMessage(lang: Language, kind: VisitMessage, facts: VisitFacts): string {
  const at = new Date(facts.start);
  const date = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: 'long', timeZone: facts.timeZone }).format(at);
  const time = new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: facts.timeZone }).format(at);
  const params = { branch: facts.branch, date, time, service: facts.service ?? '' };
  return smsText(lang, facts.service ? kind : kind === 'booked' ? 'bookedNoService' : 'movedNoService', params);
}
