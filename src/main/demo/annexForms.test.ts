import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/i18n/languages';
import { checkTemplate } from '../modules/interventions/annex/language';
import { demoAnnexTemplates } from './annexForms';

describe("the demo's annex forms", () => {
  it.each(LANGUAGES)('are valid templates in %s, named in that language', (lng) => {
    const templates = demoAnnexTemplates(lng);
    expect(templates).toHaveLength(2);
    for (const t of templates) expect(() => checkTemplate(t.body)).not.toThrow();
    if (lng !== 'en') expect(templates.map((t) => t.name)).not.toEqual(demoAnnexTemplates('en').map((t) => t.name));
  });
});
