import type { Output } from '../../../shared/api';
import type { Questionnaire } from '../../../shared/api/chatSettings';
import type { ChatStrategy } from '../../../shared/chat/routing';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';

export type Settings = Output<'chatSettings.get'>;

/** The organization's chat form: the contract's shape, with the topics as typed (one a line) and every greeting a string. */
export interface ChatOrgForm {
  strategy: ChatStrategy;
  escalateAfterMinutes: number | string;
  maxChatsEach: number | string;
  questionnaire: Questionnaire;
  topics: string;
  greetings: Record<Language, string>;
  logoUrl: string;
}
/** Fields a refusal from main may name and the form shows on the input; the rest are told above the form. */
export const CHAT_ORG_FIELDS = ['strategy', 'escalateAfterMinutes', 'maxChatsEach', 'logoUrl'];

export function toForm(s: Settings['org']): ChatOrgForm {
  return {
    strategy: s.strategy,
    escalateAfterMinutes: s.escalateAfterMinutes,
    maxChatsEach: s.maxChatsEach,
    questionnaire: { ...s.questionnaire },
    topics: s.topics.join('\n'),
    greetings: Object.fromEntries(LANGUAGES.map((l) => [l, s.greetings[l] ?? ''])) as Record<Language, string>,
    logoUrl: s.logoUrl ?? '',
  };
}

/** A blank line is no topic; a number field left empty is a number the contract refuses, not a silent zero. */
export function toInput(v: ChatOrgForm, version: number) {
  const num = (x: number | string) => (x === '' ? Number.NaN : Number(x));
  return {
    version,
    strategy: v.strategy,
    escalateAfterMinutes: num(v.escalateAfterMinutes),
    maxChatsEach: num(v.maxChatsEach),
    questionnaire: v.questionnaire,
    topics: v.topics
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    greetings: Object.fromEntries(LANGUAGES.map((l) => [l, v.greetings[l].trim()])),
    logoUrl: v.logoUrl.trim() || null,
  };
}
