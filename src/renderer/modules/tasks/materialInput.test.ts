import { describe, expect, it } from 'vitest';
import { materialInput } from './materialInput';

const row = { name: ' Valve ½" ', quantity: '1,5', unit: 'H87', price: '12.50', vat: '' };

describe('a typed material row', () => {
  it('becomes thousandths, minor units of the currency and basis points, the VAT left to the default when empty', () => {
    expect(materialInput(row, 'EUR')).toEqual({ ok: true, value: { name: 'Valve ½"', quantityMilli: 1500, unit: 'H87', unitPriceMinor: 1250, vatBp: null } });
    expect(materialInput({ ...row, vat: '9,5' }, 'EUR')).toMatchObject({ ok: true, value: { vatBp: 950 } });
    // A currency without minor units: 1250 typed is 1250, not 125000.
    expect(materialInput({ ...row, price: '1250' }, 'JPY')).toMatchObject({ ok: true, value: { unitPriceMinor: 1250 } });
  });

  it('names every field whose text is not a number', () => {
    expect(materialInput({ ...row, quantity: 'two', price: '12.5 €', vat: 'x' }, 'EUR')).toEqual({ ok: false, fields: ['quantity', 'price', 'vat'] });
    expect(materialInput({ ...row, price: '' }, 'EUR')).toEqual({ ok: false, fields: ['price'] });
  });
});
