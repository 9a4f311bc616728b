import { describe, expect, it } from 'vitest';
import { csvField, csvLine, defaultDelimiter } from './csv';

describe('CSV fields', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain ā ș Երևան', ',')).toBe('plain ā ș Երևան');
    expect(csvField('a,b', ',')).toBe('"a,b"');
    expect(csvField('a,b', ';')).toBe('a,b');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvField('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvField(' edge ', ',')).toBe('" edge "');
    expect(csvField('', ',')).toBe('');
    expect(csvLine(['a', 'b,c', ''], ',')).toBe('a,"b,c",\r\n');
  });

  it('keeps a spreadsheet from running a typed formula, but leaves numbers and phone numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x")', ',')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)', ',')).toBe("'@SUM(A1)");
    expect(csvField('+cmd|x', ',')).toBe("'+cmd|x");
    expect(csvField('-2+3', ',')).toBe("'-2+3");
    expect(csvField('+371 67 111 222', ',')).toBe('+371 67 111 222');
    expect(csvField('-12.5', ',')).toBe('-12.5');
  });

  it('uses the separator Excel expects in the reader\'s locale', () => {
    expect(defaultDelimiter('en-GB')).toBe(',');
    for (const l of ['lv-LV', 'lt-LT', 'ro-RO', 'ru-RU']) expect(defaultDelimiter(l), l).toBe(';');
  });
});
