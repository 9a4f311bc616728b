import en from '../../shared/i18n/en.json';
import lv from '../../shared/i18n/lv.json';
import ru from '../../shared/i18n/ru.json';
import lt from '../../shared/i18n/lt.json';
import ro from '../../shared/i18n/ro.json';
import hy from '../../shared/i18n/hy.json';
import { LANGUAGES, LOCALES, type Language } from '../../shared/i18n/languages';

type Tree = { [k: string]: string | Tree };
const CATALOGS: Record<Language, Tree> = { en, lv, ru, lt, ro, hy } as unknown as Record<Language, Tree>;

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node == null || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function asLanguage(lng: string | null | undefined): Language {
  return (LANGUAGES as readonly string[]).includes(lng ?? '') ? (lng as Language) : 'en';
}

const cache = new Map<string, string>();

/** A text of the catalogs in the reader's language, English when it is missing there, the key itself when missing everywhere. */
export function t(lng: string, key: string, params?: Record<string, string | number>): string {
  const lang = asLanguage(lng);
  const ck = `${lang}\u0000${key}`;
  let text = cache.get(ck);
  if (text === undefined) {
    text = lookup(CATALOGS[lang], key) ?? lookup(CATALOGS.en, key) ?? key;
    cache.set(ck, text);
  }
  return params ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export function localeOf(lng: string): string {
  return LOCALES[asLanguage(lng)];
}

/** Bound to one reader: `tr('reports.total')`. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;
export function translator(lng: string): Translate {
  return (key, params) => t(lng, key, params);
}
