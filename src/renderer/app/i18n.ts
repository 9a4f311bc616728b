import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../shared/i18n/en.json';
import lv from '../../shared/i18n/lv.json';
import ru from '../../shared/i18n/ru.json';
import lt from '../../shared/i18n/lt.json';
import ro from '../../shared/i18n/ro.json';
import hy from '../../shared/i18n/hy.json';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';

const STORED = 'planora.language';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORED);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  const nav = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(nav) ? (nav as Language) : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, lv: { translation: lv }, ru: { translation: ru }, lt: { translation: lt }, ro: { translation: ro }, hy: { translation: hy } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Live switch: every screen re-renders in the new language at once. */
export function setUiLanguage(lng: Language): void {
  localStorage.setItem(STORED, lng);
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

export default i18next;
