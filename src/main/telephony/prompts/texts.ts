import texts from './texts.json';
import { RECORDABLE_PHRASES } from '../../../shared/api/reminders';

/** What a language says in a reminder call (texts.json; scripts/render-prompts.mjs renders each text into a clip). */
export interface LanguageTexts {
  /** espeak-ng's voice for the language (render-prompts only). */
  voice: string;
  /** The fixed sentences, by phrase key. */
  phrases: Record<string, string>;
  /** Monday first, in the form the date is said in (with the preposition the language needs). */
  weekdays: string[];
  months: string[];
  /** Day of the month 1–31 as the language says it in a date. */
  days: string[];
  /** Hour 0–23 followed by minutes ("at nine", "в девять"). */
  hours: string[];
  /** Hour 0–23 said alone, where the language says it differently without minutes ("в девять часов"). */
  hoursAlone?: string[];
  /** Minute 0–59 after the hour; empty where nothing is said (on the hour). */
  minutes: string[];
  /** The message's parts in order: phrase keys, or the slots weekday, day, month, hour, minute, dayPart. */
  message: string[];
}

export const TEXTS: Readonly<Record<string, LanguageTexts>> = texts;
export const PROMPT_LANGUAGES = Object.keys(TEXTS);

/** The organization's name: never synthesized, only said when the organization recorded it. */
export const ORG_NAME = RECORDABLE_PHRASES[0];

/** The phrases an organization may record (the contract's list: the settings screen shows the same). */
export { RECORDABLE_PHRASES };
export type RecordablePhrase = (typeof RECORDABLE_PHRASES)[number];

export interface PhraseInfo {
  key: RecordablePhrase;
  /** The synthesized text per language; null for the organization's name, which only a recording says. */
  text: Record<string, string | null>;
}

/** Each recordable phrase with what it says in every language, for the settings screen. */
export function phraseList(): PhraseInfo[] {
  return RECORDABLE_PHRASES.map((key) => ({
    key,
    text: Object.fromEntries(PROMPT_LANGUAGES.map((lng) => [lng, key === ORG_NAME ? null : (TEXTS[lng]!.phrases[key] ?? null)])),
  }));
}

/** Every clip file of a language (name without .wav); scripts/render-prompts.mjs writes exactly these. */
export function clipKeys(t: LanguageTexts): string[] {
  return [
    ...Object.keys(t.phrases),
    ...t.weekdays.map((_, i) => `weekday_${i + 1}`),
    ...t.months.map((_, i) => `month_${i + 1}`),
    ...t.days.map((_, i) => `day_${i + 1}`),
    ...t.hours.map((_, h) => `hour_${h}`),
    ...(t.hoursAlone ?? []).map((_, h) => `hour_alone_${h}`),
    ...t.minutes.flatMap((s, m) => (s ? [`minute_${m}`] : [])),
  ];
}
