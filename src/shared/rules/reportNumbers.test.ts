import { describe, expect, it } from 'vitest';
import { reportNumbers } from './reportNumbers';

describe('report numbers', () => {
  it('writes money from minor units with the currency’s decimals, shares and hour sums in the locale', () => {
    const lt = reportNumbers('lt-LT');
    expect(lt.money(123456, 'EUR').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(reportNumbers('en-GB').money(1500, 'JPY')).toBe('JP¥1,500');
    expect(reportNumbers('en-GB').pct(2 / 3)).toBe('66.7%');
    expect(lt.pct(null)).toBe('—');
    expect(lt.hours(605)).toBe('10:05');
  });
});
