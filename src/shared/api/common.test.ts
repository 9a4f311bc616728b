import { describe, expect, it } from 'vitest';
import { multilineText, password, requiredText } from './common';

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
