import { describe, expect, it } from 'vitest';
import { formatMoney, fromMinor, minorDigits, toMinor } from './money';

describe('amounts in minor units', () => {
  it("uses each currency's own minor digits", () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(toMinor(35.5, 'EUR')).toBe(3550);
    expect(toMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(toMinor(1500, 'JPY')).toBe(1500);
    expect(fromMinor(3550, 'EUR')).toBe(35.5);
  });

  it("writes an amount as the reader's locale does", () => {
    expect(formatMoney(3550, 'EUR', 'en-GB')).toBe('€35.50');
    expect(formatMoney(3550, 'EUR', 'lt-LT')).toMatch(/^35,50\s€$/);
  });
});
