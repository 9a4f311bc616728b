import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/i18n/languages';
import { SMS_CATALOGS, smsText, visitMessage } from './texts';

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('text message words', () => {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/i18n/sms');

  it('exist as one file per UI language and nothing else', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of English, translated, one line, with the same placeholders', (lng) => {
    const en = SMS_CATALOGS.en;
    const cat = SMS_CATALOGS[lng];
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(cat[k], `${lng}:${k} untranslated`).not.toBe(en[k]);
      expect(placeholders(cat[k]), `${lng}:${k} placeholders`).toEqual(placeholders(en[k]));
      expect(/[\r\n]/.test(cat[k]), `${lng}:${k} must be one line`).toBe(false);
    }
  });

  it('says the visit’s day and time on the branch’s clock, in the client’s language', () => {
    // 09:30 UTC is 11:30 in Vilnius in November (EET) and 13:30 in Yerevan.
    const facts = { branch: 'Vilnius', start: '2026-11-24T09:30:00.000Z', timeZone: 'Europe/Vilnius', service: 'Konsultacija' };
    expect(visitMessage('en', 'booked', facts)).toBe('Your visit at Vilnius is booked for Tuesday 24 November 11:30 (Konsultacija).');
    expect(visitMessage('lt', 'booked', facts)).toBe('Vilnius: jūsų vizitas užregistruotas lapkričio 24 d., antradienis 11:30 (Konsultacija).');
    expect(visitMessage('ru', 'moved', { ...facts, service: null })).toBe('Vilnius: ваш визит перенесён на вторник, 24 ноября 11:30.');
    expect(visitMessage('en', 'booked', { ...facts, timeZone: 'Asia/Yerevan' })).toContain('13:30');
    // Summer time: the wall clock, not the offset of the day the message is written.
    expect(visitMessage('en', 'booked', { ...facts, start: '2026-07-07T08:30:00.000Z' })).toContain('Tuesday 7 July 11:30');
  });

  it('keeps a message on one line whatever a name holds', () => {
    expect(smsText('en', 'test', { org: 'Klinika\nUAB' })).toBe('Test message from Klinika UAB: text messages to clients work.');
  });
});
