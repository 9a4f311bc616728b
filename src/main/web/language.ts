import { LANGUAGES, type Language } from '../../shared/i18n/languages';

/** The first of the browser's languages that Planora speaks (pages served before anyone logs in). */
export function languageFromHeader(acceptLanguage: string | undefined): Language {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0]!, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((w) => w.lang && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) if ((LANGUAGES as readonly string[]).includes(w.lang)) return w.lang as Language;
  return 'en';
}
