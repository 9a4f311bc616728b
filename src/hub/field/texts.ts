import en from '../../shared/i18n/en.json';
import lv from '../../shared/i18n/lv.json';
import ru from '../../shared/i18n/ru.json';
import lt from '../../shared/i18n/lt.json';
import ro from '../../shared/i18n/ro.json';
import hy from '../../shared/i18n/hy.json';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';

type Tree = { [k: string]: string | Tree };
const CATALOGS: Record<Language, Tree> = { en, lv, ru, lt, ro, hy };

export function languageOr(value: unknown, fallback: Language): Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : fallback;
}

/** The phone page's texts come from the app's own catalogs (the i18n test keeps all six complete). */
export function texts(lang: Language): (key: string, params?: Record<string, string | number>) => string {
  return (key, params = {}) => {
    const find = (tree: Tree) => key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
    const raw = find(CATALOGS[lang]) ?? find(CATALOGS.en);
    if (typeof raw !== 'string') throw new Error(`text ${key} is missing`);
    return raw.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => String(params[name] ?? ''));
  };
}
