import { minorDigits } from '../../../shared/rules/money';
import { parseScaled } from '../invoices/money';

export type Field = 'name' | 'quantity' | 'unit' | 'price' | 'vat';

/** The units a field job uses most, as UN/ECE Recommendation 20 codes (what the e-invoice carries). */
export const MATERIAL_UNITS = ['H87', 'MTR', 'KGM', 'LTR', 'SET'] as const;
/** The contract's field names of a refusal, as the add row's inputs. */
export const FIELD_OF: Record<string, Field> = { name: 'name', quantityMilli: 'quantity', unit: 'unit', unitPriceMinor: 'price', vatBp: 'vat' };

export interface MaterialDraft {
  name: string;
  quantity: string;
  unit: string;
  price: string;
  vat: string;
}
export const EMPTY_MATERIAL: MaterialDraft = { name: '', quantity: '1', unit: 'H87', price: '', vat: '' };

/** The typed row as the contract's input, or the fields a person must correct (typed text that is not a number). */
export function materialInput(d: MaterialDraft, currency: string): { ok: true; value: { name: string; quantityMilli: number; unit: string; unitPriceMinor: number; vatBp: number | null } } | { ok: false; fields: Field[] } {
  const quantityMilli = parseScaled(d.quantity, 1000);
  const unitPriceMinor = parseScaled(d.price, 10 ** minorDigits(currency));
  const vatBp = d.vat.trim() === '' ? null : parseScaled(d.vat, 100);
  const fields: Field[] = [];
  if (quantityMilli === null) fields.push('quantity');
  if (unitPriceMinor === null) fields.push('price');
  if (d.vat.trim() !== '' && vatBp === null) fields.push('vat');
  if (fields.length) return { ok: false, fields };
  return { ok: true, value: { name: d.name.trim(), quantityMilli: quantityMilli!, unit: d.unit, unitPriceMinor: unitPriceMinor!, vatBp } };
}

