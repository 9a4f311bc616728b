import { describe, expect, it } from 'vitest';
import { HEADER_CHROME, headerMinWidth } from './headerWidth';

describe('headerMinWidth', () => {
  const measure = (s: string) => s.length * 6.5;
  it('holds the longest word whole, with room for the cell\'s paddings and the sort arrow', () => {
    expect(headerMinWidth('Prioritate', measure)).toBe(Math.ceil(10 * 6.5) + HEADER_CHROME);
    expect(headerMinWidth('Dată doc.', measure)).toBe(Math.ceil(4 * 6.5) + HEADER_CHROME);
    expect(headerMinWidth('Început planificat (Riga)', measure)).toBe(Math.ceil(10 * 6.5) + HEADER_CHROME);
  });
  it('needs only the chrome for an empty header', () => {
    expect(headerMinWidth('  ', measure)).toBe(HEADER_CHROME);
  });
});
