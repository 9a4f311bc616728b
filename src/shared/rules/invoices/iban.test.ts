import { describe, expect, it } from 'vitest';
import { normalIban } from './iban';

describe('an IBAN', () => {
  it('is kept without spaces, in capitals, when its check digits add up', () => {
    expect(normalIban('LT12 1000 0111 0100 1000')).toBe('LT121000011101001000');
    expect(normalIban('lv80bank0000435195001')).toBe('LV80BANK0000435195001');
    expect(normalIban('GB82 WEST 1234 5698 7654 32')).toBe('GB82WEST12345698765432');
  });

  it('is refused with one digit mistyped, two swapped, or not the shape of one', () => {
    expect(normalIban('LT12 1000 0111 0100 1001')).toBeNull();
    expect(normalIban('LV80BANK0000435195010')).toBeNull();
    expect(normalIban('LT1210')).toBeNull();
    expect(normalIban('1234 5678 9012 3456')).toBeNull();
    expect(normalIban('')).toBeNull();
  });
});
