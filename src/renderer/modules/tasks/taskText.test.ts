import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/en.json';
import lt from '../../../shared/i18n/lt.json';
import { formatFor } from '../../app/format';
import { noteHead, noteText } from './taskText';

const note = (at: string) => ({ id: 'n1', at, kind: 'email_in' as const, text: 'Sveiki', personId: null, personName: null, mailFrom: 'ona@example.test', mailSubject: null });

async function translator(lng: 'en' | 'lt') {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { en: { translation: en }, lt: { translation: lt } }, interpolation: { escapeValue: false } });
  return i.t;
}

describe('a task timeline line', () => {
  it('is stamped on the branch\'s clock, not in UTC: summer and winter time in Rīga, and Vilnius in Lithuanian', async () => {
    const t = await translator('en');
    const fmt = formatFor('en-GB');
    // 09:30 UTC is 12:30 in Rīga in July (EEST) and 11:30 in January (EET).
    const summer = noteHead(t, fmt, note('2026-07-01T09:30:00.000Z'), 'Europe/Riga');
    expect(summer).toContain('12:30');
    expect(summer).not.toContain('09:30');
    expect(summer).toContain('E-mail');
    expect(summer).toContain('ona@example.test');
    expect(noteHead(t, fmt, note('2026-01-15T09:30:00.000Z'), 'Europe/Riga')).toContain('11:30');
    // Late in the evening UTC is already the next day in the branch.
    expect(noteHead(t, fmt, note('2026-03-31T22:15:00.000Z'), 'Europe/Riga')).toMatch(/01\/04\/2026.*01:15|01:15.*01\/04\/2026/);
    const lithuanian = noteHead(await translator('lt'), formatFor('lt-LT'), note('2026-07-01T09:30:00.000Z'), 'Europe/Vilnius');
    expect(lithuanian).toContain('12:30');
    expect(lithuanian).toContain(lt.tasks.note.email_in);
  });

  it('says a provisional number confirmed by the hub with both numbers, in the reader\'s language', async () => {
    const line = { ...note('2026-07-01T09:30:00.000Z'), kind: 'change' as const, text: JSON.stringify({ numberConfirmed: 'UZ-00001', was: 'UZ-P4321-000001' }) };
    expect(noteText(await translator('en'), line, new Map())).toBe('number UZ-00001 confirmed, was UZ-P4321-000001');
    expect(noteText(await translator('lt'), line, new Map())).toBe('numeris UZ-00001 patvirtintas, buvo UZ-P4321-000001');
  });
});
