import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json' with { type: 'json' };
import { ANNEX_FIELDS, ANNEX_TIMELINE_FIELDS } from './annexForms';

const flat = (o: object, at = ''): Record<string, string> =>
  Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${at}${k}`, v]] : Object.entries(flat(v as object, `${at}${k}.`)))));
const catalog = flat(en);

describe('the annex editor\'s field list', () => {
  it('names every field with a key of the catalogs', () => {
    const keys = [...Object.values(ANNEX_FIELDS).flatMap((g) => Object.values(g)), ...Object.values(ANNEX_TIMELINE_FIELDS)];
    expect(keys.filter((k) => !catalog[k])).toEqual([]);
  });

  it('names a field the grid shows as its column is named on screen ("Intervention type" on both)', () => {
    const asColumns = { type: 'type', doc_date: 'docDate', start: 'startAt', end: 'endAt', responsible: 'responsible', notes: 'notes' } as const;
    for (const [field, column] of Object.entries(asColumns)) {
      expect(catalog[ANNEX_FIELDS.intervention[field as keyof typeof asColumns]], field).toBe(catalog[`interventions.col.${column}`]);
    }
    expect(catalog[ANNEX_FIELDS.object.name]).toBe(catalog['interventions.col.object']);
  });
});
