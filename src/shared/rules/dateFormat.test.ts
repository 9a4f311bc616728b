import { describe, expect, it } from 'vitest';
import { LANGUAGES, LOCALES } from '../i18n/languages';
import { DATE_FORMAT, DATE_TIME_FORMAT } from './dateFormat';

describe('date formats', () => {
  it('write a four-digit year and a 24-hour time in every language', () => {
    const at = Date.parse('2026-12-06T17:05:00Z');
    for (const lang of LANGUAGES) {
      const date = new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_FORMAT, timeZone: 'UTC' }).format(at);
      const dateTime = new Intl.DateTimeFormat(LOCALES[lang], { ...DATE_TIME_FORMAT, timeZone: 'UTC' }).format(at);
      expect(date, lang).toMatch(/2026/);
      expect(date, lang).toMatch(/06/);
      expect(dateTime, lang).toMatch(/2026/);
      expect(dateTime, lang).toMatch(/17:05/);
    }
  });
});
