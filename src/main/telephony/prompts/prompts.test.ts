import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../api/errors';
import { readWav, toInt16 } from '../audio';
import { makeWav, tone } from '../audio/testing/signals';
import { loadClip } from './clips';
import { promptsDirFrom } from './dir';
import { convertUpload, convertUploadAsync, fromStoredWav, phraseList, PROMPT_LANGUAGES, promptsDir, toWav, visitMessage, type Recordings } from './index';
import { clipKeys, TEXTS } from './texts';
import { RECORDABLE_PHRASES } from '../../../shared/api/reminders';
import en from '../../../shared/i18n/en.json' with { type: 'json' };

const dir = promptsDir();
const clip = (lang: string, key: string) => loadClip(dir, lang, key)!;

/** Where each clip starts in the message, searched in order; -1 when a clip is not there after the previous one. */
function positions(pcm: Int16Array, clips: Int16Array[]): number[] {
  let from = 0;
  return clips.map((c) => {
    for (let i = from; i + c.length <= pcm.length; i++) {
      if (pcm[i] !== c[0] || pcm[i + 1] !== c[1]) continue;
      let same = true;
      for (let j = 2; j < c.length && same; j++) same = pcm[i + j] === c[j];
      if (same) return (from = i + c.length) - c.length;
    }
    return -1;
  });
}

/** Asserts the message is exactly these clips, in this order, with nothing but silence between them. */
function expectClips(pcm: Int16Array, clips: Int16Array[]): void {
  const at = positions(pcm, clips);
  expect(at, 'every clip, in order').not.toContain(-1);
  const voiced = clips.reduce((n, c) => n + c.length, 0);
  let silent = 0;
  let cursor = 0;
  at.forEach((start, i) => {
    for (let k = cursor; k < start; k++) if (pcm[k] === 0) silent++;
    cursor = start + clips[i]!.length;
  });
  for (let k = cursor; k < pcm.length; k++) if (pcm[k] === 0) silent++;
  expect(voiced + silent, 'only the clips and silence').toBe(pcm.length);
}

const riga = 'Europe/Riga';
/** 2026-12-07 is a Monday; 09:30 in Rīga (EET, UTC+2). */
const mondayMorning = Date.UTC(2026, 11, 7, 7, 30);

describe('the recordable phrases', () => {
  it('each has a name on the settings screen, in the order the message says them', () => {
    expect(Object.keys(en.prompts.phrases)).toEqual([...RECORDABLE_PHRASES]);
    expect(phraseList().map((p) => p.key)).toEqual([...RECORDABLE_PHRASES]);
  });
});

describe('a visit’s reminder message', () => {
  it('a Latvian client, a visit in Rīga: the Latvian clips of the date and time in order', () => {
    const m = visitMessage({ lang: 'lv', fallbackLang: 'ru', orgName: 'Zobu Prieks', start: mondayMorning, zone: riga });
    expect(m.lang).toBe('lv');
    const keys = ['greeting', 'reminder', 'weekday_1', 'day_7', 'month_12', 'hour_9', 'minute_30', 'instruction'];
    expectClips(m.pcm, keys.map((k) => clip('lv', k)));
    // The written name is not read out: without a recording the greeting stands alone.
    expect(positions(m.pcm, [clip('lv', 'greeting_from')])).toEqual([-1]);
  });

  it('each language in its own word order: month before day in English, Lithuanian and Armenian', () => {
    const keys = (lang: string) => visitParts(lang).map((k) => clip(lang, k));
    const visitParts = (lang: string) => {
      const date = ['month_12', 'day_7'];
      const time = lang === 'en' ? ['hour_9', 'minute_30', 'am'] : ['hour_9', 'minute_30'];
      return ['greeting', 'reminder', 'weekday_1', ...(['en', 'lt', 'hy'].includes(lang) ? date : [...date].reverse()), ...time, 'instruction'];
    };
    for (const lang of PROMPT_LANGUAGES) {
      const m = visitMessage({ lang, fallbackLang: 'lv', orgName: 'X', start: mondayMorning, zone: riga });
      expect(m.lang).toBe(lang);
      expectClips(m.pcm, keys(lang));
    }
  });

  it('on the hour no minutes are said; Russian says the hour in its own form then ("в девять часов")', () => {
    const nine = Date.UTC(2026, 11, 7, 7, 0);
    const ru = visitMessage({ lang: 'ru', fallbackLang: 'lv', orgName: 'X', start: nine, zone: riga });
    expectClips(ru.pcm, ['greeting', 'reminder', 'weekday_1', 'day_7', 'month_12', 'hour_alone_9', 'instruction'].map((k) => clip('ru', k)));
    const lv = visitMessage({ lang: 'lv', fallbackLang: 'ru', orgName: 'X', start: nine, zone: riga });
    expectClips(lv.pcm, ['greeting', 'reminder', 'weekday_1', 'day_7', 'month_12', 'hour_9', 'instruction'].map((k) => clip('lv', k)));
  });

  it('English says the part of the day after a 12-hour time', () => {
    const part = (h: number, m: number) => {
      const pcm = visitMessage({ lang: 'en', fallbackLang: 'lv', orgName: 'X', start: Date.UTC(2026, 11, 7, h - 2, m), zone: riga }).pcm;
      const hour = `hour_${h}`;
      const said = ['am', 'pm', 'evening', 'noon', 'midnight'].filter((k) => positions(pcm, [clip('en', hour), clip('en', k)])[1] !== -1);
      return said;
    };
    expect(part(9, 5)).toEqual(['am']);
    expect(part(12, 0)).toEqual(['noon']);
    expect(part(12, 30)).toEqual(['pm']);
    expect(part(19, 45)).toEqual(['evening']);
    // Nine in the morning and nine in the evening are one clip ("at nine"), told apart by the part of the day.
    expect(clip('en', 'hour_9')).toEqual(clip('en', 'hour_21'));
  });

  it('falls back to the branch’s language when the client’s has no clips', () => {
    const m = visitMessage({ lang: 'de', fallbackLang: 'ru', orgName: 'X', start: mondayMorning, zone: riga });
    expect(m.lang).toBe('ru');
    expectClips(m.pcm, ['greeting', 'reminder', 'weekday_1', 'day_7', 'month_12', 'hour_9', 'minute_30', 'instruction'].map((k) => clip('ru', k)));
  });

  it('a language whose clips are incomplete is not used: the branch’s language speaks instead', () => {
    const partial = fs.mkdtempSync(path.join(os.tmpdir(), 'prompts-'));
    try {
      for (const lang of ['lv', 'ru']) fs.cpSync(path.join(dir, lang), path.join(partial, lang), { recursive: true });
      fs.rmSync(path.join(partial, 'lv', 'minute_59.wav'));
      const m = visitMessage({ lang: 'lv', fallbackLang: 'ru', orgName: 'X', start: mondayMorning, zone: riga, dir: partial });
      expect(m.lang).toBe('ru');
    } finally {
      fs.rmSync(partial, { recursive: true, force: true });
    }
  });

  it('an organization’s recording replaces its phrase; the name is said only from a recording, after "greeting_from"', () => {
    const name = toInt16(Float32Array.from(tone(440, 8000, 0.7, 0.3)));
    const greeting = toInt16(Float32Array.from(tone(660, 8000, 0.9, 0.3)));
    const other = toInt16(Float32Array.from(tone(880, 8000, 0.5, 0.3)));
    const recordings: Recordings = new Map([
      ['org_name', name],
      ['lv/greeting_from', greeting],
      ['ru/reminder', other], // another language's recording is not used in Latvian
    ]);
    const m = visitMessage({ lang: 'lv', fallbackLang: 'ru', orgName: 'Zobu Prieks', start: mondayMorning, zone: riga, recordings });
    expectClips(m.pcm, [greeting, name, ...['reminder', 'weekday_1', 'day_7', 'month_12', 'hour_9', 'minute_30', 'instruction'].map((k) => clip('lv', k))]);
  });

  it('says the branch’s wall-clock time on the days the clocks change in Rīga', () => {
    const said = (start: number) => {
      const m = visitMessage({ lang: 'lv', fallbackLang: 'ru', orgName: 'X', start, zone: riga });
      return ['hour', 'minute', 'day', 'month'].map((kind) =>
        clipKeys(TEXTS.lv!).filter((k) => k.startsWith(`${kind}_`)).find((k) => positions(m.pcm, [clip('lv', k)])[0] !== -1),
      );
    };
    // 29 March 2026: 03:00 EET becomes 04:00 EEST. 10:00 that day is 07:00 UTC, 02:30 is still 00:30 UTC.
    expect(said(Date.UTC(2026, 2, 29, 7, 0))).toEqual(['hour_10', undefined, 'day_29', 'month_3']);
    expect(said(Date.UTC(2026, 2, 29, 0, 30))).toEqual(['hour_2', 'minute_30', 'day_29', 'month_3']);
    // 25 October 2026: 04:00 EEST becomes 03:00 EET; 10:15 is 08:15 UTC. 03:30 happens twice and is said so both times.
    expect(said(Date.UTC(2026, 9, 25, 8, 15))).toEqual(['hour_10', 'minute_15', 'day_25', 'month_10']);
    expect(said(Date.UTC(2026, 9, 25, 0, 30))).toEqual(['hour_3', 'minute_30', 'day_25', 'month_10']);
    expect(said(Date.UTC(2026, 9, 25, 1, 30))).toEqual(['hour_3', 'minute_30', 'day_25', 'month_10']);
    // The evening before a date change in UTC is still the branch's own day.
    expect(said(Date.UTC(2026, 11, 31, 22, 45))).toEqual(['hour_0', 'minute_45', 'day_1', 'month_1']);
  });
});

describe('the rendered clips', () => {
  it('every language has every clip its texts name, as 8 kHz mono 16-bit WAV', () => {
    for (const lang of PROMPT_LANGUAGES) {
      const files = fs.readdirSync(path.join(dir, lang)).map((f) => f.replace(/\.wav$/, '')).sort();
      expect(files, lang).toEqual(clipKeys(TEXTS[lang]!).sort());
      const audio = readWav(fs.readFileSync(path.join(dir, lang, 'instruction.wav')));
      expect([audio.sampleRate, audio.channels.length]).toEqual([8000, 1]);
    }
  });

  it('lists the recordable phrases with their text in each language (the name: only a recording)', () => {
    const list = phraseList();
    expect(list[0]).toEqual({ key: 'org_name', text: Object.fromEntries(PROMPT_LANGUAGES.map((l) => [l, null])) });
    for (const p of list.slice(1)) for (const l of PROMPT_LANGUAGES) expect(p.text[l], `${l}/${p.key}`).toBe(TEXTS[l]!.phrases[p.key]);
    expect(list.find((p) => p.key === 'instruction')!.text.lv).toMatch(/nospiediet/);
  });

  it('are found from the sources (tests) and from the build (web mode)', () => {
    const root = path.resolve(dir, '..', '..');
    expect(promptsDirFrom(path.join(root, 'src/main/telephony/prompts/dir.ts'))).toBe(dir);
    expect(promptsDirFrom(path.join(root, 'dist/main/chunks/core-abc.js'))).toBe(dir);
  });
});

describe('an organization’s recording', () => {
  const refusal = (buf: Uint8Array) => {
    try {
      convertUpload(buf);
    } catch (e) {
      if (e instanceof AppError) return e.error;
      throw e;
    }
    throw new Error('accepted');
  };

  it('a 44.1 kHz stereo WAV becomes 8 kHz mono, its silent ends trimmed', async () => {
    const voice = tone(1000, 44100, 1, 0.5);
    const padded = new Float64Array(44100 * 3);
    padded.set(voice, 44100);
    const pcm = convertUpload(makeWav({ code: 1, bits: 16, rate: 44100 }, [padded, padded]));
    // One second of tone, 20 ms kept either side (the filter's ring-in adds a sample or two).
    expect(pcm.length).toBeGreaterThanOrEqual(8000 + 2 * 160 - 4);
    expect(pcm.length).toBeLessThanOrEqual(8000 + 2 * 160 + 8);
    const back = readWav(toWav(pcm));
    expect(back.sampleRate).toBe(8000);
    expect(back.channels[0]!.length).toBe(pcm.length);
    // Stored as the WAV it plays as, read back sample for sample.
    expect(fromStoredWav(toWav(pcm))).toEqual(pcm);
    // The form for handlers in the core: the same samples.
    expect(await convertUploadAsync(makeWav({ code: 1, bits: 16, rate: 44100 }, [padded, padded]))).toEqual(pcm);
  });

  it('refuses a silent recording, one too long for a phrase and a file that is no WAV, each with its key', () => {
    expect(refusal(makeWav({ code: 1, bits: 16, rate: 16000 }, [new Float64Array(16000)])).key).toBe('prompts.errors.silent');
    expect(refusal(makeWav({ code: 1, bits: 16, rate: 8000 }, [tone(300, 8000, 31, 0.3)]))).toMatchObject({ key: 'prompts.errors.tooLong', params: { seconds: 30 } });
    // A file of minutes is refused before it is converted.
    expect(refusal(makeWav({ code: 1, bits: 16, rate: 8000 }, [new Float64Array(8000 * 61)]))).toMatchObject({ key: 'prompts.errors.tooLong' });
    expect(refusal(Buffer.from('fLaC\0\0\0\x22', 'latin1'))).toMatchObject({ code: 'validation', key: 'prompts.errors.notWav', field: 'file' });
  });
});
