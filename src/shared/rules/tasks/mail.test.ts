import { describe, expect, it } from 'vitest';
import { automaticKind, cleanSubject, messageKey, numbersInSubject, referencedIds } from './mail';

const facts = (headers: Record<string, string>, fromAddress = 'jonas@example.test', contentType = 'text/plain') => ({
  headers: new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  fromAddress,
  contentType,
});

describe('mail intake rules', () => {
  it('takes a person’s message as written by a person', () => {
    expect(automaticKind(facts({ Subject: 'Boiler leaks' }))).toBeNull();
    expect(automaticKind(facts({ 'Auto-Submitted': 'no' }))).toBeNull();
  });

  it('recognises auto-replies by every header mail programs use', () => {
    expect(automaticKind(facts({ 'Auto-Submitted': 'auto-replied' }))).toBe('auto_reply');
    expect(automaticKind(facts({ 'X-Autoreply': 'yes' }))).toBe('auto_reply');
    expect(automaticKind(facts({ Precedence: 'bulk' }))).toBe('auto_reply');
    expect(automaticKind(facts({ Precedence: 'auto_reply' }))).toBe('auto_reply');
    expect(automaticKind(facts({ 'X-Auto-Response-Suppress': 'All', Subject: 'Automatic reply: Boiler' }))).toBe('auto_reply');
  });

  it('recognises bounces by their report type and their sender', () => {
    expect(automaticKind(facts({}, 'someone@example.test', 'multipart/report; report-type="delivery-status"; boundary="x"'))).toBe('bounce');
    expect(automaticKind(facts({}, 'MAILER-DAEMON@mx.example.test'))).toBe('bounce');
    expect(automaticKind(facts({}, 'postmaster@example.test'))).toBe('bounce');
  });

  it('finds the task a reply answers by its references and its subject', () => {
    expect(referencedIds('<a@x>', '<b@x> <a@x>')).toEqual(['<a@x>', '<b@x>']);
    expect(referencedIds(null, ['<c@x>'])).toEqual(['<c@x>']);
    expect(numbersInSubject('Re: [UZ-00012] Boiler leaks')).toEqual(['UZ-00012']);
    expect(numbersInSubject('about UZ-7 again, and Ž-15')).toEqual(['UZ-7', 'Ž-15']);
    expect(numbersInSubject('Boiler leaks since 2026')).toEqual([]);
  });

  it('identifies a message by its Message-ID, else its place in the mailbox', () => {
    expect(messageKey('<m1@example.test>', '17', 4)).toBe('<m1@example.test>');
    expect(messageKey(undefined, '17', 4)).toBe('17:4');
  });

  it('drops reply and forward prefixes of several languages', () => {
    expect(cleanSubject('RE: Fwd: Re[2]: Katilas neveikia')).toBe('Katilas neveikia');
    expect(cleanSubject('Отв: Пересл: Течёт котёл')).toBe('Течёт котёл');
    expect(cleanSubject('Ats.: x')).toBe('Ats.: x');
  });
});
