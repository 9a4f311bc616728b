import { describe, expect, it } from 'vitest';
import { documentName, formatDocNumber, seriesName } from './series';

describe('document numbers and series names', () => {
  it('a number carries its prefix once; a title shows the number as it is', () => {
    const number = formatDocNumber('RIX-', 1, 6);
    expect(number).toBe('RIX-000001');
    expect(documentName(number, 'draft')).toBe('RIX-000001');
    expect(documentName(null, 'draft')).toBe('draft');
  });

  it('a series is named by its prefix without the separator before the digits', () => {
    expect(seriesName('RIX-')).toBe('RIX');
    expect(seriesName('EVN/')).toBe('EVN');
    expect(seriesName('INT')).toBe('INT');
    expect(seriesName('A-B-')).toBe('A-B');
    expect(seriesName('-')).toBe('-');
  });
});
