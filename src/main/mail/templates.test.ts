import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/i18n/languages';
import { factsSection, fieldLine, formatSchedule, MAIL_CATALOGS, mailText, renderInterventionMail, type InterventionFacts } from './templates';

type Tree = { [k: string]: string | Tree };
const flatten = (t: Tree, prefix = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Words that are the same in a language by nature. Keep this list short. */
const SAME_AS_ENGLISH = new Set(['ro:field.client', 'ro:field.status']);

describe('e-mail texts', () => {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/i18n/mail');
  const en = flatten(MAIL_CATALOGS.en);

  it('exist as one file per UI language and nothing else', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every key of English, no more, translated, with the same placeholders', (lng) => {
    const cat = flatten(MAIL_CATALOGS[lng]);
    expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) {
      expect(cat[k]!.trim(), `${lng}:${k} is empty`).not.toBe('');
      expect(placeholders(cat[k]!), `${lng}:${k} placeholders`).toEqual(placeholders(en[k]!));
      expect(/[\r\n]/.test(cat[k]!), `${lng}:${k} must be one line`).toBe(false);
      if (!SAME_AS_ENGLISH.has(`${lng}:${k}`)) expect(cat[k], `${lng}:${k} untranslated`).not.toBe(en[k]);
    }
  });

  it('fills placeholders and falls back to English only for a missing key', () => {
    expect(mailText('ru', 'subject.numbered', { number: 'INT-7', status: 'принята' })).toBe('Заявка INT-7 — принята');
    expect(() => mailText('lv', 'no.such.key')).toThrow(/missing/);
  });
});

const facts: InterventionFacts = {
  number: 'INT-00042',
  docDate: '2026-03-29',
  client: 'Ana\r\nBcc: victim@example.com',
  address: 'Str. Lungă 5, Chișinău',
  phone: '+37322123456',
  type: 'Reparație',
  object: 'Centrală termică',
  objectSerial: 'SN-1',
  // 29 March 2026: the night Europe/Riga and Europe/Chisinau move their clocks forward.
  startAt: '2026-03-29T06:30:00Z',
  endAt: '2026-03-29T08:00:00Z',
  status: 'allocated',
  priority: 'medium',
  takenBy: 'Ion Rusu',
  responsible: 'Maria Lungu',
  notes: 'Line one\nLine two',
  cancelReason: null,
  timeZone: 'Europe/Chisinau',
  orgName: 'Servicii SRL',
};

describe('intervention mail', () => {
  it('shows the schedule on the branch’s wall clock, in the reader’s words', () => {
    const mail = renderInterventionMail('ro', facts, { kind: 'handler', change: 'updated' }, 'Maria Lungu');
    expect(mail.subject).toBe('Intervenția INT-00042 — alocată');
    // 06:30Z is 09:30 in Chișinău after the change to summer time (UTC+3).
    expect(mail.body).toMatch(/Programare: duminică, 29 martie 2026, 09:30\s?–\s?11:00/);
    expect(mail.body).toContain('Obiectul sesizării: Centrală termică (serie/lot SN-1)');
    expect(mail.body).toContain('Observații:\nLine one\nLine two');
    expect(fieldLine(mail.body, 'ro', 'scheduled')).toBe(`Programare: ${formatSchedule('ro', facts.startAt, facts.endAt, facts.timeZone)}`);
    expect(factsSection(mail.body)).not.toContain('Bună ziua');
    expect(factsSection(mail.body)).not.toContain('trimis automat');
  });

  it('keeps line breaks typed into a name out of the lines they would start', () => {
    const mail = renderInterventionMail('en', facts, { kind: 'client', event: 'scheduled' }, facts.client);
    expect(mail.body.split('\n').some((l) => l.startsWith('Bcc:'))).toBe(false);
    expect(mail.body).toContain('Hello Ana Bcc: victim@example.com,');
    expect(mail.body).not.toContain('Line one');
    expect(mail.body).not.toContain('+37322123456');
  });

  it('reads well without a number or a schedule yet', () => {
    const mail = renderInterventionMail('hy', { ...facts, number: null, startAt: null, endAt: null, status: 'received' }, { kind: 'handler', change: 'created' }, 'Արամ');
    expect(mail.subject).toMatch(/^Հայտ .*2026.* — ընդունված$/);
    expect(mail.body).toContain('Համար: դեռ համարակալված չէ');
    expect(mail.body).toContain('Պլանավորված է: դեռ պլանավորված չէ');
    expect(mail.body).toContain('Գրանցվել է նոր հայտ։');
  });
});
