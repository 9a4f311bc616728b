import { Temporal } from 'temporal-polyfill';
import { PHONE_RATE } from '../audio';
import { hasClips, loadClip } from './clips';
import { promptsDir } from './dir';
import { ORG_NAME, TEXTS, type LanguageTexts } from './texts';

/**
 * Recordings the organization uploaded, 8 kHz PCM by phrase: "lv/greeting" serves Latvian only, a bare "greeting"
 * every language (the organization's name, "org_name", is usually one recording for all).
 */
export type Recordings = ReadonlyMap<string, Int16Array>;

export interface VisitMessageInput {
  /** The client's preferred language; the branch's (fallbackLang) when it has no clips. */
  lang: string;
  fallbackLang: string;
  /** The written name. Not spoken (no synthesizer ships with the app): the recording "org_name" says it, if any. */
  orgName: string;
  /** The visit's start, epoch ms, said on the branch's wall clock (zone). */
  start: number;
  zone: string;
  recordings?: Recordings;
  /** Where the rendered clips are (tests); the app's resources/prompts by default. */
  dir?: string;
}

/** Pauses in ms: a breath between words said as one phrase, longer where a sentence ends. */
const GAP = 100;
const AFTER_DATE = 250;
const SENTENCE = 450;
const LEAD_IN = 300;

/** The language the message is said in: the client's when it has clips, else the branch's, else English. */
export function messageLanguage(lang: string, fallbackLang: string, dir = promptsDir()): string {
  return [lang, fallbackLang, 'en'].find((l) => hasClips(dir, l)) ?? 'en';
}

/** One phrase in a language: the organization's recording when there is one, else the rendered clip. */
export function phraseClip(lang: string, key: string, recordings?: Recordings, dir = promptsDir()): Int16Array | null {
  return recordings?.get(`${lang}/${key}`) ?? recordings?.get(key) ?? loadClip(dir, lang, key);
}

interface WallClock {
  weekday: number;
  day: number;
  month: number;
  hour: number;
  minute: number;
}

function wallClock(start: number, zone: string): WallClock {
  const z = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone);
  return { weekday: z.dayOfWeek, day: z.day, month: z.month, hour: z.hour, minute: z.minute };
}

/** English says the part of the day after a 12-hour time: "at twelve noon", "at nine thirty in the evening". */
function dayPart({ hour, minute }: WallClock): string {
  if (minute === 0 && (hour === 0 || hour === 12)) return hour === 0 ? 'midnight' : 'noon';
  return hour < 12 ? 'am' : hour < 18 ? 'pm' : 'evening';
}

/**
 * The clip names a message is made of, with the pause after each. The organization's name is said only from a
 * recording: the desktop app carries no synthesizer, and a name read by spelling rules is often wrong.
 */
export function messageParts(t: LanguageTexts, at: WallClock, hasOrgName: boolean): { key: string; pause: number }[] {
  const saysMinute = t.minutes[at.minute] !== '';
  const parts: { key: string; pause: number }[] = [];
  const add = (key: string, pause = GAP) => parts.push({ key, pause });
  for (const slot of t.message) {
    if (slot === 'greeting') {
      if (hasOrgName) add('greeting_from'), add(ORG_NAME, SENTENCE);
      else add('greeting', SENTENCE);
    } else if (slot === 'weekday') add(`weekday_${at.weekday}`, AFTER_DATE);
    else if (slot === 'day') add(`day_${at.day}`);
    else if (slot === 'month') add(`month_${at.month}`);
    else if (slot === 'hour') add(saysMinute || !t.hoursAlone ? `hour_${at.hour}` : `hour_alone_${at.hour}`);
    else if (slot === 'minute') {
      if (saysMinute) add(`minute_${at.minute}`);
    } else if (slot === 'dayPart') add(dayPart(at));
    else add(slot);
  }
  // The date's last word before the time, and the time before the instruction, end a phrase.
  const hourAt = parts.findIndex((p) => p.key.startsWith('hour_'));
  if (hourAt > 0) parts[hourAt - 1]!.pause = AFTER_DATE;
  const instruction = parts.findIndex((p) => p.key === 'instruction');
  if (instruction > 0) parts[instruction - 1]!.pause = SENTENCE;
  return parts;
}

/** Clips joined with silences between them, after a short lead-in (the first words are lost while a line connects). */
export function joinClips(parts: { pcm: Int16Array; pause: number }[]): Int16Array {
  const samples = (ms: number) => Math.round((ms * PHONE_RATE) / 1000);
  const total = samples(LEAD_IN) + parts.reduce((n, p) => n + p.pcm.length + samples(p.pause), 0);
  const out = new Int16Array(total);
  let at = samples(LEAD_IN);
  for (const p of parts) {
    out.set(p.pcm, at);
    at += p.pcm.length + samples(p.pause);
  }
  return out;
}

/** A visit's reminder as 8 kHz mono PCM, and the language it is said in. */
export function visitMessage(input: VisitMessageInput): { lang: string; pcm: Int16Array } {
  const dir = input.dir ?? promptsDir();
  const lang = messageLanguage(input.lang, input.fallbackLang, dir);
  const clip = (key: string) => phraseClip(lang, key, input.recordings, dir);
  const parts = messageParts(TEXTS[lang]!, wallClock(input.start, input.zone), clip(ORG_NAME) !== null);
  return {
    lang,
    pcm: joinClips(
      parts.map((p) => {
        const pcm = clip(p.key);
        if (!pcm) throw new Error(`prompt clip ${lang}/${p.key} is missing`);
        return { pcm, pause: p.pause };
      }),
    ),
  };
}
