import { describe, expect, it } from 'vitest';
import { decimalSeparator, formatMoney, linesTotal, minorDigits, remainingMinor, toMajor, toMinor } from './money';

describe('visit money', () => {
  it('knows how many decimals a currency has', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('AMD')).toBe(2);
  });

  it('turns typed major units into minor units without float drift', () => {
    expect(toMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(toMinor(19.99, 'EUR')).toBe(1999);
    expect(toMinor(1500, 'JPY')).toBe(1500);
    expect(toMajor(1999, 'EUR')).toBe(19.99);
  });

  it("shows amounts in the reader's locale", () => {
    expect(formatMoney(123456, 'EUR', 'en-GB')).toBe('€1,234.56');
    expect(formatMoney(123456, 'EUR', 'lt-LT')).toMatch(/^1\s234,56\s€$/);
  });

  it('knows the decimal mark the clerk types', () => {
    expect(decimalSeparator('en-GB')).toBe('.');
    expect(decimalSeparator('lt-LT')).toBe(',');
  });

  it('adds the lines and what is left to pay', () => {
    expect(linesTotal([{ quantity: 2, priceMinor: 1500 }, { quantity: '', priceMinor: 700 }, { quantity: 1, priceMinor: 250 }])).toBe(3250);
    expect(remainingMinor(3250, 1000)).toBe(2250);
    expect(remainingMinor(3250, 4000)).toBe(0);
  });
});
