import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../shared/i18n/en.json';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';

const STORED = 'planora.language';

/**
 * English ships with the first screen (every other language falls back to it); each other catalog is a chunk of its
 * own, fetched when it is chosen: six catalogs were a third of what the login screen downloaded.
 */
const CATALOGS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  lv: () => import('../../shared/i18n/lv.json'),
  ru: () => import('../../shared/i18n/ru.json'),
  lt: () => import('../../shared/i18n/lt.json'),
  ro: () => import('../../shared/i18n/ro.json'),
  hy: () => import('../../shared/i18n/hy.json'),
};

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORED);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  const nav = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(nav) ? (nav as Language) : 'en';
}

async function loadCatalog(lng: Language): Promise<void> {
  if (lng === 'en' || i18next.hasResourceBundle(lng, 'translation')) return;
  const catalog = await CATALOGS[lng]();
  i18next.addResourceBundle(lng, 'translation', catalog.default, true, true);
}

const first = initialLanguage();
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

let wanted: Language = first;

/**
 * Live switch: every screen re-renders in the new language once its catalog is in. Resolves when it shows; a
 * catalog that cannot be fetched leaves the language as it was (English for the words it lacks).
 */
export function setUiLanguage(lng: Language): Promise<void> {
  localStorage.setItem(STORED, lng);
  return show(lng);
}

async function show(lng: Language): Promise<void> {
  wanted = lng;
  document.documentElement.lang = lng;
  try {
    await loadCatalog(lng);
  } catch {
    return;
  }
  // A later choice made while this catalog was on its way wins.
  if (wanted === lng) await i18next.changeLanguage(lng);
}

/** The remembered language, in before the first screen is drawn (nothing to wait for in English). */
export const i18nReady: Promise<void> = first === 'en' ? Promise.resolve() : show(first);

export default i18next;
