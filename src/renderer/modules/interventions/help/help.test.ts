import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../../shared/i18n/languages';
import { parseHelp } from '../../../app/helpMarkdown';

const pages = import.meta.glob<string>('./*.md', { query: '?raw', import: 'default', eager: true });
const catalogs = import.meta.glob<{ interventions: { statuses: Record<string, string> } }>('../../../../shared/i18n/*.json', { import: 'default', eager: true });
const TOPICS = ['grid', 'form', 'appointments'] as const;
const read = (topic: string, lng: string) => pages[`./${topic}.${lng}.md`]!;

describe('help pages of the interventions screens', () => {
  it.each(TOPICS)('%s has a page in every language, each in its own words, with the same sections and keys', (topic) => {
    const english = parseHelp(read(topic, 'en'));
    const keys = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
    for (const lng of LANGUAGES) {
      const text = read(topic, lng);
      expect(text, `${topic}.${lng}`).toBeTruthy();
      expect(parseHelp(text).map((b) => b.kind), `${topic}.${lng}`).toEqual(english.map((b) => b.kind));
      expect(keys(text), `${topic}.${lng} keys`).toEqual(keys(read(topic, 'en')));
      if (lng !== 'en') expect(text).not.toBe(read(topic, 'en'));
    }
  });

  it.each(LANGUAGES)('names every status as the screens do (%s)', (lng) => {
    const statuses = catalogs[`../../../../shared/i18n/${lng}.json`]!.interventions.statuses;
    for (const topic of ['grid', 'form'] as const) for (const s of Object.values(statuses)) expect(read(topic, lng), `${topic}.${lng}`).toContain(`**${s}**`);
  });
});
