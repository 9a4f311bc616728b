import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/i18n/languages';
import { CANCEL_REASONS, PROBLEMS } from './texts';
import { CLASSIFICATIONS, CLASSIFICATIONS_2, CLASSIFICATIONS_3, CONTRACT_NAME, ESTIMATE_NAME, INTERVENTION_TYPES, PRODUCTS, ZONES, type Names } from './lists';

const LISTS: Record<string, Names[]> = {
  types: INTERVENTION_TYPES.map((i) => i.names),
  classification: CLASSIFICATIONS.map((i) => i.names),
  classification2: CLASSIFICATIONS_2.map((i) => i.names),
  classification3: CLASSIFICATIONS_3.map((i) => i.names),
  zonesRiga: ZONES.riga.map((i) => i.names),
  zonesYerevan: ZONES.yerevan.map((i) => i.names),
  documents: [CONTRACT_NAME, ESTIMATE_NAME],
};

describe("the demo's reference lists", () => {
  it('name every item in all six languages, each name once per list', () => {
    const all = { ...LISTS, products: PRODUCTS.map((p) => p.names), cancelReasons: CANCEL_REASONS, ...PROBLEMS };
    for (const [list, items] of Object.entries(all)) {
      for (const lang of LANGUAGES) {
        const names = items.map((n) => n[lang]);
        for (const name of names) expect(name?.trim(), `${list} ${lang}`).toBeTruthy();
        if (!(list in PROBLEMS)) expect(new Set(names).size, `${list} ${lang}`).toBe(names.length);
      }
    }
  });

  it('are written in Russian and Armenian in their own scripts, not left in English', () => {
    for (const [list, items] of Object.entries(LISTS)) {
      for (const n of items) {
        expect(n.ru, `${list}: ${n.en}`).toMatch(/^[\p{Script=Cyrillic}\d\s.,()-]+$/u);
        expect(n.hy, `${list}: ${n.en}`).toMatch(/^[\p{Script=Armenian}\d\s.,()«»՝․-]+$/u);
      }
    }
  });
});
