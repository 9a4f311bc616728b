import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { byId, multilineText, nullableStrings, password, requiredText, versioned } from './common';

const refusal = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('the shared text helpers', () => {
  it('take letters of every catalog language, emoji and punctuation', () => {
    for (const s of ['Bērziņš', 'Žemaitė', 'Ștefănescu', 'Иванов', 'Հովհաննիսյան', 'O\u2019Brien 👷‍♀️', 'a & b "c" <d>']) expect(requiredText(200).safeParse(s).success, s).toBe(true);
  });

  it('refuse C0 controls, DEL, C1 controls and lone surrogates', () => {
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009fb', 'a\ud800b', 'a\udc00b', 'end\ud83d']) {
      expect(refusal(requiredText(200).safeParse(bad)), JSON.stringify(bad)).toContain('errors.control_char');
      expect(refusal(multilineText(200).safeParse(bad)), JSON.stringify(bad)).toContain('errors.control_char');
      expect(refusal(password(1).safeParse(bad)), JSON.stringify(bad)).toContain('errors.control_char');
    }
  });

  it('take tab and line breaks only where a field holds several lines', () => {
    for (const s of ['line one\nline two', 'a\tb', 'windows\r\nlines']) {
      expect(multilineText(200).safeParse(s).success, JSON.stringify(s)).toBe(true);
      expect(refusal(requiredText(200).safeParse(s)), JSON.stringify(s)).toContain('errors.control_char');
    }
  });

  it('still trim before counting, and never trim a password', () => {
    expect(requiredText(5).parse('  abcde  ')).toBe('abcde');
    expect(password(1).parse(' pass ')).toBe(' pass ');
  });
});

describe('the shared shape builders', () => {
  const ID = '0190d5a4-7b1c-7def-8123-456789abcdef';

  it('versioned names a row and a version of at least 1', () => {
    const input = z.strictObject(versioned);
    expect(input.safeParse({ id: ID, version: 1 }).success).toBe(true);
    for (const bad of [{ id: ID, version: 0 }, { id: ID, version: 1.5 }, { id: 'x', version: 1 }, { id: ID }]) expect(input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('byId takes one id and nothing else', () => {
    expect(byId.safeParse({ id: ID }).success).toBe(true);
    for (const bad of [{}, { id: 'x' }, { id: ID, version: 1 }]) expect(byId.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('nullableStrings makes text-or-null columns, in the order named', () => {
    const row = z.object(nullableStrings('b', 'a'));
    expect(Object.keys(row.shape)).toEqual(['b', 'a']);
    expect(row.parse({ b: null, a: 'x' })).toEqual({ b: null, a: 'x' });
    for (const bad of [{ b: 1, a: null }, { a: null }]) expect(row.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
